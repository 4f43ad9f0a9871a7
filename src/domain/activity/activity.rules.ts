/**
 * 志愿活动 rules: sessions, sign-up (quota, 候补, overlap, cancel deadline), the rotating 签到码,
 * attendance windows, hours of a session and the automatic sign-out.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins. The secret behind the rotating
 * code never enters here: callers pass the keyed digest function (the server's HMAC).
 */
import { deadlineAfter } from '../problem/problem.rules';
import { MIN_SESSION_HOURS, sessionHours } from '../service/service.rules';
import { type ActivityDoc, type ActivitySessionDoc, type Attendance, type SignUpDoc, sessionIdOf } from './activity.types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const TITLE_MAX = 40;
export const DESCRIPTION_MAX = 500;
export const ADDRESS_MAX = 60;
export const SESSIONS_MAX = 60;
export const QUOTA_MAX = 500;
export const DEFAULT_CANCEL_BEFORE_MINUTES = 120;
/** Sign-in opens this long before a session starts. */
export const SIGN_IN_OPENS_BEFORE_MS = 60 * MINUTE;
/** A volunteer not signed out by end + this is signed out automatically at the planned end (待确认). */
export const AUTO_SIGN_OUT_AFTER_MS = 2 * HOUR;

// ——— sessions ———

export interface SessionPlan {
  startAt: number;
  endAt: number;
  quota: number;
  /** Planned hours; defaults to the span rounded down to a quarter hour. */
  plannedHours?: number;
}

/** The span of a session in hours, rounded DOWN to a quarter (hours never exceed the span). */
export function spanHours(startAt: number, endAt: number): number {
  if (!(endAt > startAt)) return 0;
  return Math.floor((endAt - startAt) / (15 * MINUTE)) / 4;
}

/** Why a session plan is unacceptable (Chinese, for the form), or null. */
export function sessionProblem(s: SessionPlan, now: number): string | null {
  if (!(s.endAt > s.startAt)) return '结束时间须晚于开始时间';
  if (s.startAt <= now) return '场次开始时间须在现在之后';
  if (s.endAt - s.startAt > 12 * HOUR) return '一个场次最长 12 小时，请拆成多个场次';
  if (s.endAt - s.startAt < 15 * MINUTE) return '一个场次至少 15 分钟';
  if (!Number.isInteger(s.quota) || s.quota < 1 || s.quota > QUOTA_MAX) return `每场名额须为 1–${QUOTA_MAX} 人`;
  if (s.plannedHours !== undefined) {
    if (s.plannedHours * 4 !== Math.round(s.plannedHours * 4) || s.plannedHours < MIN_SESSION_HOURS)
      return '计划时长须为 0.25 小时的整数倍';
    if (s.plannedHours > spanHours(s.startAt, s.endAt)) return '计划时长不能超过场次的起止时间';
  }
  return null;
}

/** The planned hours of a session: as given, or the span rounded down to a quarter. */
export const plannedHoursOf = (s: SessionPlan): number => s.plannedHours ?? spanHours(s.startAt, s.endAt);

/** Working days after a session's end within which its hours must be confirmed (民政部令第67号 第11条). */
export const CONFIRM_WITHIN_WORKING_DAYS = 10;

/** The end of the 10th working day after the session ends (weekends off; the holiday calendar is not kept yet). */
export const confirmByOf = (endAt: number): number => deadlineAfter(endAt, CONFIRM_WITHIN_WORKING_DAYS);

/** Two intervals overlap when each starts before the other ends (touching ends do not overlap). */
export const overlaps = (a: { startAt: number; endAt: number }, b: { startAt: number; endAt: number }): boolean =>
  a.startAt < b.endAt && b.startAt < a.endAt;

/** Why a set of sessions cannot be published together (they overlap each other), or null. */
export function sessionsProblem(sessions: readonly SessionPlan[], now: number): string | null {
  if (sessions.length === 0) return '请至少添加一个场次';
  if (sessions.length > SESSIONS_MAX) return `一个活动最多 ${SESSIONS_MAX} 个场次`;
  for (const [i, s] of sessions.entries()) {
    const p = sessionProblem(s, now);
    if (p) return `第 ${i + 1} 场：${p}`;
  }
  const sorted = [...sessions].sort((a, b) => a.startAt - b.startAt);
  for (let i = 1; i < sorted.length; i++) {
    if (overlaps(sorted[i - 1] as SessionPlan, sorted[i] as SessionPlan)) return '场次之间的时间不能重叠';
  }
  return null;
}

/**
 * Recurring shifts (文明劝导 every working day 7:30–9:00 for four weeks): one session per day
 * from `firstDayStart` (the first shift's start) for `days` days, on the weekdays given
 * (0 = Sunday … 6 = Saturday, in China time).
 */
export function recurringSessions(
  first: { startAt: number; endAt: number; quota: number; plannedHours?: number },
  days: number,
  weekdays: readonly number[] = [1, 2, 3, 4, 5],
): SessionPlan[] {
  const out: SessionPlan[] = [];
  const DAY = 24 * HOUR;
  for (let d = 0; d < days; d++) {
    const startAt = first.startAt + d * DAY;
    const weekday = new Date(startAt + 8 * HOUR).getUTCDay();
    if (!weekdays.includes(weekday)) continue;
    out.push({ ...first, startAt, endAt: first.endAt + d * DAY });
  }
  return out;
}

// ——— sign-up ———

/** Why a volunteer cannot sign up for this session now, or null. */
export function signUpProblem(
  activity: Pick<ActivityDoc, 'state' | 'signUpOpensAt' | 'signUpClosesAt'>,
  session: Pick<ActivitySessionDoc, 'startAt' | 'endAt'>,
  mine: readonly Pick<SignUpDoc, 'sessionId' | 'status' | 'startAt' | 'endAt' | 'title'>[],
  now: number,
): string | null {
  if (activity.state !== 'published') return '活动已取消';
  if (now < activity.signUpOpensAt) return '报名还没有开始';
  if (now > activity.signUpClosesAt) return '报名已经截止';
  if (now >= session.startAt) return '这个场次已经开始，不能报名';
  const clash = mine.find((m) => (m.status === 'signed_up' || m.status === 'waitlisted' || m.status === 'pending') && overlaps(m, session));
  if (clash) return `与您已报名的「${clash.title}」时间重叠，请先取消那一场`;
  return null;
}

/**
 * The first order the volunteer is assigned to (by the leader, on a team order still being
 * served) whose 期望时间 overlaps the session, or undefined: they cannot be in two places.
 */
export function orderClash<O extends { itemName: string; preferredWindow: { start: number; end: number }; assigneeOpenids?: string[] }>(
  orders: readonly O[],
  openid: string,
  session: { startAt: number; endAt: number },
): O | undefined {
  return orders.find(
    (o) =>
      (o.assigneeOpenids ?? []).includes(openid) && overlaps({ startAt: o.preferredWindow.start, endAt: o.preferredWindow.end }, session),
  );
}

/** The last moment a sign-up for a session starting at `startAt` may be cancelled. */
export const cancelDeadline = (startAt: number, cancelBeforeMinutes: number): number => startAt - cancelBeforeMinutes * MINUTE;

/** Why a sign-up cannot be cancelled now, or null. A waitlisted one may always be withdrawn before the start. */
export function cancelProblem(
  signUp: Pick<SignUpDoc, 'status' | 'attendance' | 'startAt'>,
  cancelBeforeMinutes: number,
  now: number,
): string | null {
  if (signUp.status === 'cancelled') return '已经取消了';
  if (signUp.status === 'rejected') return '报名未通过审核';
  if (signUp.attendance !== 'none') return '已经签到，不能取消报名';
  if (signUp.status === 'waitlisted' || signUp.status === 'pending') return now < signUp.startAt ? null : '场次已经开始';
  if (now > cancelDeadline(signUp.startAt, cancelBeforeMinutes))
    return `开始前 ${cancelBeforeMinutes >= 60 ? `${cancelBeforeMinutes / 60} 小时` : `${cancelBeforeMinutes} 分钟`}内不能取消，请联系活动负责人`;
  return null;
}

/**
 * Who is promoted from the 候补 list when `freed` places open: the first in sign-up order
 * (by `waitKey`). Pure, for the use case and its tests.
 */
export function promotionOrder<T extends Pick<SignUpDoc, 'status' | 'waitKey'>>(signUps: readonly T[], freed: number): T[] {
  return signUps
    .filter((s) => s.status === 'waitlisted')
    .sort((a, b) => (a.waitKey < b.waitKey ? -1 : a.waitKey > b.waitKey ? 1 : 0))
    .slice(0, Math.max(0, freed));
}

// ——— the rotating code (签到码) ———

export type CodeAction = 'in' | 'out';
export const CODE_SLICE_MS = 30_000;
export const CODE_LENGTH = 6;
export const ACTIVITY_CODE = /^\d{6}$/;

/** A keyed digest of a message (the server's HMAC-SHA256 with its secret), as raw bytes. */
export type KeyedDigest = (message: string) => ArrayLike<number>;

export const codeSliceOf = (now: number): number => Math.floor(now / CODE_SLICE_MS);

/** The message the code is a digest of: bound to the session, the action and the time slice. */
export const codeMessage = (sessionId: string, action: CodeAction, slice: number): string =>
  `activity-code\n${sessionId}\n${action}\n${slice}`;

/** The 6-digit code of one slice: HOTP-style dynamic truncation of the digest (RFC 4226). */
export function rotatingCode(digest: KeyedDigest, sessionId: string, action: CodeAction, slice: number): string {
  const mac = digest(codeMessage(sessionId, action, slice));
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const bin =
    (((mac[offset] as number) & 0x7f) << 24) |
    (((mac[offset + 1] as number) & 0xff) << 16) |
    (((mac[offset + 2] as number) & 0xff) << 8) |
    ((mac[offset + 3] as number) & 0xff);
  return String(bin % 10 ** CODE_LENGTH).padStart(CODE_LENGTH, '0');
}

/** What the organiser's screen shows: the current code and when it changes. */
export function currentCode(digest: KeyedDigest, sessionId: string, action: CodeAction, now: number) {
  const slice = codeSliceOf(now);
  return { code: rotatingCode(digest, sessionId, action, slice), validUntil: (slice + 1) * CODE_SLICE_MS };
}

/**
 * True when `code` is the code of the current slice or the previous one (a code read out just
 * before it changed still works; older ones are stale). Compared digit by digit without an early exit.
 */
export function codeMatches(digest: KeyedDigest, sessionId: string, action: CodeAction, code: string, now: number): boolean {
  if (!ACTIVITY_CODE.test(code)) return false;
  const slice = codeSliceOf(now);
  let ok = false;
  for (const s of [slice, slice - 1]) {
    const expected = rotatingCode(digest, sessionId, action, s);
    let diff = 0;
    for (let i = 0; i < CODE_LENGTH; i++) diff |= expected.charCodeAt(i) ^ code.charCodeAt(i);
    ok = ok || diff === 0;
  }
  return ok;
}

// ——— attendance and hours ———

/** Why signing in / out now is refused (besides the code), or null. */
export function presenceProblem(
  action: CodeAction,
  signUp: Pick<SignUpDoc, 'status' | 'attendance'> | null,
  session: Pick<ActivitySessionDoc, 'startAt' | 'endAt'>,
  now: number,
): string | null {
  if (signUp?.status !== 'signed_up')
    return signUp?.status === 'waitlisted'
      ? '您还在候补中，不能签到'
      : signUp?.status === 'pending'
        ? '报名还在等组织者审核，不能签到'
        : '您没有报名这个场次';
  if (action === 'in') {
    if (signUp.attendance === 'in') return '已经签到了';
    if (signUp.attendance === 'out') return '已经签退了';
    if (now < session.startAt - SIGN_IN_OPENS_BEFORE_MS) return '签到在开始前 1 小时开放';
    if (now > session.endAt) return '场次已经结束，不能签到，请联系活动负责人';
    return null;
  }
  if (signUp.attendance === 'none' || signUp.attendance === 'absent') return '还没有签到';
  if (signUp.attendance === 'out') return '已经签退了';
  if (now > session.endAt + AUTO_SIGN_OUT_AFTER_MS) return '已超过签退时间，系统会按计划结束时间签退，请等待组织者确认';
  return null;
}

/**
 * Hours of one activity session for one volunteer, by the ONE hours rule (src/domain/service:
 * whole minutes, nearest quarter hour, at least 0.25 h), counted only inside the session's span
 * and never more than its planned hours.
 */
export function activityHours(
  session: Pick<ActivitySessionDoc, 'startAt' | 'endAt' | 'plannedHours'>,
  checkInAt: number,
  checkOutAt: number,
): number {
  const from = Math.max(checkInAt, session.startAt);
  const to = Math.min(checkOutAt, session.endAt);
  if (!(to > from)) return 0;
  return Math.min(session.plannedHours, sessionHours(from, to));
}

/** What the sweep does to a sign-up once its session ended more than 2 h ago, or null. */
export function sweepOutcome(
  signUp: Pick<SignUpDoc, 'status' | 'attendance' | 'checkInAt' | 'endAt'>,
  session: Pick<ActivitySessionDoc, 'startAt' | 'endAt' | 'plannedHours'>,
  now: number,
): { attendance: Attendance; checkOutAt: number | null; hours: number; needsReview: boolean } | null {
  if (signUp.status !== 'signed_up' || now < session.endAt + AUTO_SIGN_OUT_AFTER_MS) return null;
  if (signUp.attendance === 'none') return { attendance: 'absent', checkOutAt: null, hours: 0, needsReview: false };
  if (signUp.attendance !== 'in' || signUp.checkInAt === null) return null;
  // Signed out at the PLANNED end, never at the sweep's time, and flagged for the organiser.
  return {
    attendance: 'out',
    checkOutAt: session.endAt,
    hours: activityHours(session, signUp.checkInAt, session.endAt),
    needsReview: true,
  };
}

/** The session documents of a newly published activity, one a plan, in the order given (sorted by start). */
export function sessionsOf(
  activity: Pick<ActivityDoc, '_id' | 'title' | 'address' | 'subdistrictId' | 'communityId' | 'organiser' | 'orgPath'>,
  sorted: readonly SessionPlan[],
  now: number,
): ActivitySessionDoc[] {
  return sorted.map((s, index) => ({
    _id: sessionIdOf(activity._id, index),
    activityId: activity._id,
    index,
    title: activity.title,
    address: activity.address,
    subdistrictId: activity.subdistrictId,
    communityId: activity.communityId,
    organiser: activity.organiser,
    orgPath: activity.orgPath,
    startAt: s.startAt,
    endAt: s.endAt,
    quota: s.quota,
    plannedHours: plannedHoursOf(s),
    signedUp: 0,
    confirmedAt: null,
    confirmedBy: null,
    confirmBy: confirmByOf(s.endAt),
    hoursConfirmed: false,
    confirmOverdue: false,
    reminded: false,
    createdAt: now,
    updatedAt: now,
  }));
}
