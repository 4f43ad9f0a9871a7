import { createHash } from 'node:crypto';
import {
  DEFAULT_CANCEL_BEFORE_MINUTES,
  recurringSessions,
  type SessionPlan,
  sessionsOf,
  sessionsProblem,
} from '../../src/domain/activity/activity.rules';
import { type ActivityDoc, keyOf, type Organiser } from '../../src/domain/activity/activity.types';
import type { RecruitmentOutcome } from '../../src/domain/activity/recruitment.rules';
import { requirementsProblem } from '../../src/domain/activity/requirements.rules';
import type { CommunityUnit, OrgUnit, SubdistrictUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { normaliseSkills } from '../../src/domain/team/volunteer.rules';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { inTransaction, txGet } from '../kit/tx';
import { assertOwnUploads, UPLOAD_FOLDERS } from '../kit/uploads';
import { getOrgUnit, orgPathOf } from '../org/org-units';
import { findTeam, homeSubdistrictOf } from '../team/teams';
import { ACTIVITIES, ACTIVITY_SESSIONS, sessionsOf as storedSessionsOf } from './activity-store';
import { postRecruitment } from './recruit';

export interface CreateActivityInput {
  requestId: string;
  title: string;
  category: string;
  description: string;
  address: string;
  teamId?: string;
  communityId?: string;
  contactName: string;
  contactPhone: string;
  requirements?: ActivityDoc['requirements'];
  signUpClosesAt?: number;
  cancelBeforeMinutes?: number;
  needsApproval?: boolean;
  sessions: SessionPlan[];
  repeatWorkdays?: number;
  /** 活动封面: the caller's own upload in the cover folder (the announcement may show it too). */
  coverFileId?: string;
  /** Also post a 活动招募 announcement to the activity's place through the announcement flow. */
  announce?: boolean;
}

export interface CreatedActivity {
  activityId: string;
  duplicate: boolean;
  /** The 活动招募 announcement, when asked for: posted, or why not (the activity stands either way; publishing again retries it). */
  announcement: RecruitmentOutcome | null;
}

const STAFF_ROLES = ['station_staff', 'institute_staff', 'admin'] as const;

/** The organiser and where the activity sits: the caller's team, or their station / institute area. */
async function placeOf(
  principal: LoadedPrincipal,
  input: CreateActivityInput,
): Promise<{ organiser: Organiser; orgPath: string[]; subdistrictId: string; communityId: string | null; placeUnitId: string }> {
  if (input.teamId) {
    const team = await findTeam(input.teamId);
    const subdistrictId = await homeSubdistrictOf(team);
    requirePermission(principal, 'activity.organiseTeam', { teamId: team._id, orgPath: [subdistrictId] });
    return {
      organiser: { kind: 'team', teamId: team._id, name: team.name },
      orgPath: [subdistrictId],
      subdistrictId,
      communityId: null,
      placeUnitId: subdistrictId,
    };
  }
  const grant = principal.grants.find((g) => (STAFF_ROLES as readonly string[]).includes(g.role));
  if (!grant) throw new DomainError(ErrorCode.Forbidden, '只有实践站、实践所工作人员或队长可以发布志愿活动');
  const home = await getOrgUnit(grant.scopeId);
  const place: OrgUnit = input.communityId ? await getOrgUnit(input.communityId, 'community') : home;
  const orgPath = orgPathOf(place);
  requirePermission(principal, 'activity.organise', { orgPath });
  const name =
    home.kind === 'community'
      ? (home as CommunityUnit).stationName
      : home.kind === 'subdistrict'
        ? (home as SubdistrictUnit).instituteName
        : home.name;
  return {
    organiser: { kind: 'org', unitId: home._id, name },
    orgPath,
    subdistrictId: orgPath[0] as string,
    communityId: place.kind === 'community' ? place._id : null,
    placeUnitId: place._id,
  };
}

/** The activity id of one creator's request: a retried publish finds the activity it made. */
const activityIdOf = (openid: string, requestId: string) =>
  `act-${createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 20)}`;

/**
 * Publishes an activity and its sessions in one transaction (idempotent by requestId). Recurring
 * shifts: `repeatWorkdays` repeats the first session on each working day of that many days.
 */
export async function createActivity(principal: LoadedPrincipal, input: CreateActivityInput, now: number): Promise<CreatedActivity> {
  const place = await placeOf(principal, input);
  await assertOwnUploads(input.coverFileId ? [input.coverFileId] : [], {
    folder: UPLOAD_FOLDERS.cover,
    openid: principal.openid,
    what: '封面',
  });
  const first = input.sessions[0];
  const plans = input.repeatWorkdays && first ? recurringSessions(first, input.repeatWorkdays) : [...input.sessions];
  const requirements = input.requirements
    ? { ...input.requirements, skills: normaliseSkills(input.requirements.skills) }
    : { skills: [], partyOnly: false, minAge: null, maxAge: null };
  const problem = sessionsProblem(plans, now) ?? requirementsProblem(requirements);
  if (problem) throw new DomainError(ErrorCode.InputInvalid, `输入有误：${problem}`);
  const sorted = plans.sort((a, b) => a.startAt - b.startAt);
  const firstStartAt = (sorted[0] as SessionPlan).startAt;
  const lastEndAt = Math.max(...sorted.map((s) => s.endAt));
  // By default sign-ups stay open until the last session starts (each session also closes at its own start).
  const signUpClosesAt = input.signUpClosesAt ?? (sorted[sorted.length - 1] as SessionPlan).startAt;
  if (signUpClosesAt <= now) throw new DomainError(ErrorCode.InputInvalid, '输入有误：报名截止时间须在现在之后');
  const _id = activityIdOf(principal.openid, input.requestId);
  const activity: ActivityDoc & { requestKey: string } = {
    _id,
    title: input.title,
    category: input.category,
    description: input.description,
    cover: input.coverFileId ?? '',
    placeUnitId: place.placeUnitId,
    address: input.address,
    subdistrictId: place.subdistrictId,
    communityId: place.communityId,
    organiser: place.organiser,
    orgPath: place.orgPath,
    organiserScopeId: place.organiser.kind === 'team' ? place.organiser.teamId : place.organiser.unitId,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    requirements,
    signUpOpensAt: now,
    signUpClosesAt,
    cancelBeforeMinutes: input.cancelBeforeMinutes ?? DEFAULT_CANCEL_BEFORE_MINUTES,
    needsApproval: input.needsApproval ?? false,
    state: 'published',
    sessionCount: sorted.length,
    firstStartAt,
    lastEndAt,
    createdBy: principal.openid,
    createdAt: now,
    updatedAt: now,
    squareKey: keyOf(lastEndAt, _id),
    requestId: input.requestId,
    requestKey: `${principal.openid}:${input.requestId}`,
  };
  const sessions = sessionsOf(activity, sorted, now);
  const made = await inTransaction(
    async (t) => {
      const earlier = (await txGet(t, ACTIVITIES, _id)) as ActivityDoc | undefined;
      if (earlier) return { activityId: _id, duplicate: true, stored: earlier };
      await t.collection(ACTIVITIES).add({ data: activity });
      for (const s of sessions) await t.collection(ACTIVITY_SESSIONS).add({ data: s });
      return { activityId: _id, duplicate: false, stored: activity as ActivityDoc };
    },
    { conflict: '活动正在发布，请稍后刷新' },
  );
  // A retried publish posts the announcement the first attempt may not have finished (once: its request id is the activity's).
  const announcement = input.announce
    ? await postRecruitment(made.stored, made.duplicate ? await storedSessionsOf([_id]) : sessions)
    : null;
  return { activityId: made.activityId, duplicate: made.duplicate, announcement };
}
