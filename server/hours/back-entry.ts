/**
 * 补录: the organiser enters hours for a signed-up volunteer whose presence the code did not
 * record (forgot to sign in, phone flat), with a reason. The entry goes into the hours ledger
 * `pending` and counts only once station / institute staff approve it — never the person who
 * recorded it. Approving or rejecting is the one change a ledger entry ever gets.
 */
import { ACTIVITY_SIGNUPS, HOURS_LEDGER } from '../../database/collections';
import { type SignUpDoc, signUpIdOf } from '../../src/domain/activity/activity.types';
import type { PendingHoursRow, SessionRoster } from '../../src/domain/activity/activity.views';
import { activityHoursEntry, backEntryProblem, decisionProblem, type HoursEntry, hoursKeyOf } from '../../src/domain/hours/hours.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { roster } from '../activity/activity-queries';
import { cas, getActivity, getSession, requireOrganiser } from '../activity/activity-store';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { isDuplicateKey } from '../kit/tx';
import { database } from '../kit/wx-cloud';

const backEntryKeyOf = (signUpId: string) => hoursKeyOf('activity', `${signUpId}-back`);

/** The organiser's 补录 for one volunteer of a session (once per sign-up; not when a live record exists). */
export async function backEnter(
  principal: LoadedPrincipal,
  input: { sessionId: string; openid: string; hours: number; reason: string },
  now: number,
): Promise<SessionRoster> {
  const s = await getSession(input.sessionId);
  requireOrganiser(principal, s);
  if (now < s.startAt) throw new DomainError(ErrorCode.InvalidTransition, '场次还没有开始，不能补录');
  const signUpId = signUpIdOf(s._id, input.openid);
  const su = await readById<SignUpDoc>(ACTIVITY_SIGNUPS, signUpId);
  if (su?.status !== 'signed_up') throw new DomainError(ErrorCode.NotFound, '只能为报名了本场的志愿者补录');
  if (await readById<HoursEntry>(HOURS_LEDGER, hoursKeyOf('activity', signUpId)))
    throw new DomainError(ErrorCode.InvalidTransition, '这位志愿者本场已有实时记录，不需要补录');
  const problem = backEntryProblem(input.hours, s.plannedHours, input.reason);
  if (problem) throw new DomainError(ErrorCode.InputInvalid, `输入有误：${problem}`);
  const activity = await getActivity(s.activityId);
  const key = backEntryKeyOf(signUpId);
  const entry = activityHoursEntry(
    key,
    activity,
    s,
    su,
    {
      hours: input.hours,
      kind: 'back_entry',
      status: 'pending',
      reason: input.reason.trim(),
      recordedBy: principal.openid,
      confirmedBy: '',
    },
    now,
  );
  try {
    await database().collection(HOURS_LEDGER).add({ data: entry });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    throw new DomainError(ErrorCode.Conflict, '已经为这位志愿者补录过本场时长');
  }
  return roster(principal, { sessionId: s._id });
}

const STATION = ['station_staff'];
const SUBDISTRICT = ['institute_staff', 'admin'];

/** Staff's queue of 补录 / 更正 waiting for approval in their community or subdistrict, oldest first. */
export async function pendingHours(principal: LoadedPrincipal): Promise<{ items: PendingHoursRow[] }> {
  const communities = principal.grants.filter((g) => STATION.includes(g.role)).map((g) => g.scopeId);
  const subdistricts = principal.grants.filter((g) => SUBDISTRICT.includes(g.role)).map((g) => g.scopeId);
  if (communities.length + subdistricts.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有实践站、实践所工作人员可以审核补录');
  const _ = database().command;
  const col = database().collection(HOURS_LEDGER);
  const [a, b] = await Promise.all([
    communities.length
      ? readList<HoursEntry>(
          col
            .where({ status: 'pending', communityId: _.in(communities) })
            .orderBy('at', 'asc')
            .limit(100),
        )
      : [],
    subdistricts.length
      ? readList<HoursEntry>(
          col
            .where({ status: 'pending', subdistrictId: _.in(subdistricts) })
            .orderBy('at', 'asc')
            .limit(100),
        )
      : [],
  ]);
  const rows = [...new Map([...a, ...b].map((e) => [e._id, e])).values()].sort((x, y) => x.at - y.at);
  return {
    items: rows.map((e) => ({
      key: e.key,
      displayName: e.displayName,
      title: e.title,
      startAt: e.startAt,
      hours: e.hours,
      kind: e.kind,
      reason: e.reason,
      recorder: e.recorder,
      mine: e.recordedBy === principal.openid,
    })),
  };
}

/** Station / institute staff approve or reject a pending 补录 / 更正 (never their own). */
export async function decideHours(
  principal: LoadedPrincipal,
  input: { key: string; approve: boolean; note?: string },
  now: number,
): Promise<{ items: PendingHoursRow[] }> {
  const e = await readById<HoursEntry>(HOURS_LEDGER, input.key);
  if (!e) throw new DomainError(ErrorCode.NotFound, '找不到这条时长记录');
  requirePermission(principal, 'hours.approve', { orgPath: e.communityId ? [e.subdistrictId, e.communityId] : [e.subdistrictId] });
  const problem = decisionProblem(e, principal.openid);
  if (problem) throw new DomainError(e.status === 'pending' ? ErrorCode.Forbidden : ErrorCode.InvalidTransition, problem);
  const decided = await cas(
    HOURS_LEDGER,
    { _id: e._id, status: 'pending' },
    {
      status: input.approve ? 'approved' : 'rejected',
      confirmedBy: principal.openid,
      decision: { byOpenid: principal.openid, at: now, approve: input.approve, note: input.note?.trim() ?? '' },
    },
  );
  if (!decided) throw new DomainError(ErrorCode.InvalidTransition, '这条记录刚刚已被审核');
  return pendingHours(principal);
}
