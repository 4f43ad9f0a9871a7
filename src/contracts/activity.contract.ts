import { z } from 'zod';
import { ACTIVITY_CODE, ADDRESS_MAX, DESCRIPTION_MAX, QUOTA_MAX, SESSIONS_MAX, TITLE_MAX } from '../domain/activity/activity.rules';
import type {
  ActivityCard,
  ActivityDetail,
  AttendResult,
  CertificateRequestRow,
  CertificateView,
  CurrentCode,
  MyRecord,
  MySignUp,
  PendingHoursRow,
  PublishAs,
  SessionRoster,
  VerifyAnswer,
} from '../domain/activity/activity.views';
import type { RecruitmentOutcome } from '../domain/activity/recruitment.rules';
import type { UnitStatsView } from '../domain/activity/unit-stats.rules';
import { BACK_ENTRY_REASON_MAX, CERTIFICATE_NUMBER, VERIFY_CODE } from '../domain/hours/hours.rules';
import { MOBILE_PHONE } from '../domain/identity/pii-masking';
import { ErrorCode } from '../domain/shared/domain-error';
import type { ExportFileView } from '../domain/shared/export-file.views';
import { act, defineContract } from './kit';
import { cloudFileId, cursor, epochMs, id, none, requestId, text } from './schemas';

const { NotFound, Forbidden, OutOfScope, Conflict, InvalidTransition, TooManyAttempts, RequirementsUnmet } = ErrorCode;

const session = z
  .object({
    startAt: epochMs,
    endAt: epochMs,
    quota: z.number().int().min(1).max(QUOTA_MAX),
    plannedHours: z.number().positive().max(12).optional(),
  })
  .strict();

/** 签到 or 签退 (not `action`: that field names the function's action). */
const codeAction = z.enum(['in', 'out']);
const sessionRef = z.object({ sessionId: id }).strict();

/** 志愿活动 and the hours ledger: publish, the square, sign-up, the rotating code, attendance, confirming hours, my record, certificates. */
export const activityContract = defineContract('activity', {
  /** Publishes an activity with its sessions (idempotent by requestId). Staff for their area, or a leader for `teamId`. */
  create: act(
    z
      .object({
        requestId,
        title: text({ label: '活动名称', min: 2, max: TITLE_MAX }),
        category: text({ label: '服务类别', min: 1, max: 10 }),
        description: text({ label: '活动内容', min: 1, max: DESCRIPTION_MAX, multiline: true }),
        address: text({ label: '地点', min: 1, max: ADDRESS_MAX }),
        /** Organise for this team (leaders); without it, for the caller's station / institute area. */
        teamId: id.optional(),
        /** The community the activity belongs to (staff of the institute may pick one); defaults to the caller's. */
        communityId: id.optional(),
        contactName: text({ label: '联系人', min: 1, max: 20 }),
        contactPhone: z.string().trim().regex(MOBILE_PHONE, '请填写 11 位手机号'),
        requirements: z
          .object({
            skills: z.array(text({ label: '技能', min: 1, max: 10 })).max(10),
            partyOnly: z.boolean(),
            minAge: z.number().int().min(0).max(120).nullable(),
            maxAge: z.number().int().min(0).max(120).nullable(),
          })
          .strict()
          .optional(),
        signUpClosesAt: epochMs.optional(),
        cancelBeforeMinutes: z
          .number()
          .int()
          .min(0)
          .max(7 * 24 * 60)
          .optional(),
        /** Sign-ups wait for the organiser's approval before they take a place. */
        needsApproval: z.boolean().optional(),
        sessions: z.array(session).min(1, '请至少添加一个场次').max(SESSIONS_MAX, `最多 ${SESSIONS_MAX} 个场次`),
        /** Repeat the first session every working day for this many days (文明劝导 shifts). */
        repeatWorkdays: z.number().int().min(1).max(60).optional(),
        /** 活动封面: the caller's own upload in the cover folder. */
        coverFileId: cloudFileId('封面').optional(),
        /** Also post a 活动招募 announcement to the activity's place (the announcement flow's rules apply). */
        announce: z.boolean().optional(),
      })
      .strict(),
    [Forbidden, OutOfScope, NotFound],
  ).answers<{ activityId: string; duplicate: boolean; announcement: RecruitmentOutcome | null }>(),
  /** 活动广场: published activities not yet over, soonest ending first. */
  square: act(z.object({ cursor: cursor.optional() }).strict()).answers<{ items: ActivityCard[]; nextCursor: string | null }>(),
  /** One activity with its sessions and the caller's sign-ups. */
  detail: act(z.object({ activityId: id }).strict(), [NotFound]).answers<ActivityDetail>(),
  /** 报名 one session: a place if one is left, else 候补. Answers the updated detail. */
  signUp: act(sessionRef, [NotFound, Forbidden, Conflict, InvalidTransition, RequirementsUnmet]).answers<ActivityDetail>(),
  /** 取消报名 before the deadline; the first 候补 takes the freed place. Answers the updated detail. */
  cancel: act(sessionRef, [NotFound, InvalidTransition]).answers<ActivityDetail>(),
  /** 我的报名 */
  mySignUps: act(none).answers<{ items: MySignUp[] }>(),
  /** Activities the caller organises (their station / institute area or their team), soonest ending first. */
  organised: act(none).answers<{ items: ActivityCard[]; publishAs: PublishAs[] }>(),
  /** The organiser's roster of one session. */
  roster: act(sessionRef, [NotFound, Forbidden, OutOfScope]).answers<SessionRoster>(),
  /** The organiser's current 签到码 / 签退码 (changes every 30 s). */
  code: act(z.object({ sessionId: id, step: codeAction }).strict(), [NotFound, Forbidden, OutOfScope]).answers<CurrentCode>(),
  /** 签到 / 签退 with the code the organiser's phone shows. */
  attend: act(
    z.object({ sessionId: id, step: codeAction, code: z.string().trim().regex(ACTIVITY_CODE, '请输入 6 位数字签到码') }).strict(),
    [NotFound, Forbidden, InvalidTransition, TooManyAttempts],
  ).answers<AttendResult>(),
  /** 报名审核: the organiser approves (a place, or 候补 when full) or rejects a pending sign-up. */
  decideSignUp: act(z.object({ sessionId: id, openid: id, approve: z.boolean() }).strict(), [
    NotFound,
    Forbidden,
    OutOfScope,
    InvalidTransition,
  ]).answers<SessionRoster>(),
  /** The organiser marks one volunteer signed in / out by hand (logged on the sign-up). */
  mark: act(z.object({ sessionId: id, openid: id, step: codeAction }).strict(), [
    NotFound,
    Forbidden,
    OutOfScope,
    InvalidTransition,
  ]).answers<SessionRoster>(),
  /** 全部签退: everyone still signed in is signed out now. */
  signOutAll: act(sessionRef, [NotFound, Forbidden, OutOfScope]).answers<SessionRoster>(),
  /** 确认时长: the session's hours enter the hours ledger (including 待确认 ones the organiser has checked). */
  confirmHours: act(sessionRef, [NotFound, Forbidden, OutOfScope, InvalidTransition]).answers<SessionRoster>(),
  /** 补录: hours for a signed-up volunteer the code did not record, with a reason; counts once staff approve. */
  backEnter: act(
    z
      .object({
        sessionId: id,
        openid: id,
        hours: z.number().positive().max(12),
        reason: text({ label: '补录原因', min: 2, max: BACK_ENTRY_REASON_MAX }),
      })
      .strict(),
    [NotFound, Forbidden, OutOfScope, InvalidTransition, Conflict],
  ).answers<SessionRoster>(),
  /** Staff: 补录 / 更正 of their area waiting for approval. */
  pendingHours: act(none, [Forbidden]).answers<{ items: PendingHoursRow[] }>(),
  /** Staff approve or reject one (never one they recorded themselves). */
  decideHours: act(z.object({ key: id, approve: z.boolean(), note: text({ label: '说明', max: 100 }).optional() }).strict(), [
    NotFound,
    Forbidden,
    OutOfScope,
    InvalidTransition,
  ]).answers<{ items: PendingHoursRow[] }>(),
  /** 我的服务记录: totals from the hours ledger, star level, entries, certificates. */
  myRecord: act(none).answers<MyRecord>(),
  /** Asks for a 志愿服务记录证明 of a period. */
  requestCertificate: act(z.object({ from: epochMs, to: epochMs }).strict(), [InvalidTransition, Forbidden]).answers<CertificateView>(),
  /** Staff: requested certificates of their area. */
  certificateRequests: act(none, [Forbidden]).answers<{ items: CertificateRequestRow[] }>(),
  /** Staff issue a requested certificate: its content is frozen from the ledger, with a number and a verification code. */
  issueCertificate: act(z.object({ certificateId: id }).strict(), [NotFound, Forbidden, OutOfScope, Conflict]).answers<CertificateView>(),
  /** One certificate, for its owner or staff of the area. */
  certificate: act(z.object({ certificateId: id }).strict(), [NotFound, Forbidden, OutOfScope]).answers<CertificateView>(),
  /** Public: what the certificate with this number and code certified, or not found. */
  verify: act(
    z
      .object({
        number: z.string().trim().toUpperCase().regex(CERTIFICATE_NUMBER, '证明编号格式不对'),
        code: z.string().trim().toUpperCase().regex(VERIFY_CODE, '核验码为 8 位字母或数字'),
      })
      .strict(),
  ).answers<VerifyAnswer>(),
  /** The issued certificate as a PDF (owner or staff of the area): a signed link to open with openDocument. */
  certificatePdf: act(z.object({ certificateId: id }).strict(), [
    NotFound,
    Forbidden,
    OutOfScope,
    InvalidTransition,
  ]).answers<ExportFileView>(),
  /** Staff: a period's counted hours of their area as .xlsx, for the national 志愿服务信息系统. */
  exportHours: act(z.object({ from: epochMs, to: epochMs }).strict(), [Forbidden, InvalidTransition]).answers<ExportFileView>(),
  /** Staff: 双报到 — hours and attendance of their area's volunteers per 工作单位, for a period (hours by record time). */
  unitStats: act(z.object({ from: epochMs, to: epochMs }).strict(), [Forbidden]).answers<UnitStatsView>(),
});
export type ActivityContract = typeof activityContract;
