/**
 * 报名 and 取消: the quota is a counter on the session (`signedUp`) changed only by conditional
 * updates (`signedUp < quota` to take a place, `signedUp > 0` to give one back), so 30
 * concurrent sign-ups for 10 places give exactly 10 and the rest wait in 候补, in sign-up order.
 *
 * A volunteer's sign-up is one document per (session, volunteer) with a fixed `_id`: a double tap
 * cannot make two. A place taken by a request whose sign-up then lost the race is given back.
 */
import { ACTIVITY_SIGNUPS, ORDERS } from '../../database/collections';
import { cancelProblem, orderClash, signUpProblem } from '../../src/domain/activity/activity.rules';
import { type ActivitySessionDoc, keyOf, type SignUpDoc, signUpIdOf } from '../../src/domain/activity/activity.types';
import type { ActivityDetail, SessionRoster } from '../../src/domain/activity/activity.views';
import { TEAM_ACTIVE_STATES } from '../../src/domain/order/order.states';
import type { OrderDoc } from '../../src/domain/order/order.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { isDuplicateKey } from '../kit/tx';
import { database } from '../kit/wx-cloud';
import { activityDetail, roster } from './activity-queries';
import { ACTIVITY_SESSIONS, cas, getActivity, getSession, requireOrganiser } from './activity-store';
import { ineligibility } from './eligibility';

/** Orders being served by the caller's teams (taken, 服务中), through the team / state index: the order-overlap check. */
async function ordersInHand(principal: LoadedPrincipal): Promise<Pick<OrderDoc, 'itemName' | 'preferredWindow' | 'assigneeOpenids'>[]> {
  const teamIds = [...new Set(principal.grants.filter((g) => g.role === 'volunteer' || g.role === 'team_leader').map((g) => g.scopeId))];
  if (teamIds.length === 0) return [];
  const _ = database().command;
  return readList<OrderDoc>(
    database()
      .collection(ORDERS)
      .where({ teamId: _.in(teamIds), state: _.in([...TEAM_ACTIVE_STATES]) })
      .orderBy('sortKey', 'desc')
      .limit(100),
  );
}

/** The caller's live sign-ups (signed up or 候补) that end after `from`: for the overlap check. */
async function mineFrom(openid: string, from: number): Promise<SignUpDoc[]> {
  const _ = database().command;
  return readList<SignUpDoc>(
    database()
      .collection(ACTIVITY_SIGNUPS)
      .where({ openid, status: _.in(['pending', 'signed_up', 'waitlisted']), startAt: _.gte(from - 24 * 3600_000) })
      .orderBy('startAt', 'asc')
      .limit(200),
  );
}

const takePlace = (s: ActivitySessionDoc) =>
  cas(ACTIVITY_SESSIONS, { _id: s._id, signedUp: database().command.lt(s.quota) }, { signedUp: database().command.inc(1) });
const givePlace = (sessionId: string) =>
  cas(ACTIVITY_SESSIONS, { _id: sessionId, signedUp: database().command.gt(0) }, { signedUp: database().command.inc(-1) });

/**
 * Fills free places from the 候补 list, first come first served: each promotion takes a place
 * by the counter first, then moves the first waiting sign-up to 已报名 by a conditional update
 * (a waiting volunteer who cancelled meanwhile gives the place back to the next).
 */
export async function promoteWaitlisted(session: ActivitySessionDoc, now: number): Promise<string[]> {
  const promoted: string[] = [];
  for (let round = 0; round < 50; round++) {
    const [first] = await readList<SignUpDoc>(
      database().collection(ACTIVITY_SIGNUPS).where({ sessionId: session._id, status: 'waitlisted' }).orderBy('waitKey', 'asc').limit(1),
    );
    if (!first) break;
    if (!(await takePlace(session))) break;
    if (await cas(ACTIVITY_SIGNUPS, { _id: first._id, status: 'waitlisted' }, { status: 'signed_up', updatedAt: now })) {
      promoted.push(first.openid);
    } else {
      await givePlace(session._id);
    }
  }
  return promoted;
}

/** 报名: a place if one is left, else 候补. Signing up again after cancelling is a new sign-up at the end of the line. */
export async function signUp(principal: LoadedPrincipal, input: { sessionId: string }, now: number): Promise<ActivityDetail> {
  const session = await getSession(input.sessionId);
  const activity = await getActivity(session.activityId);
  const _id = signUpIdOf(session._id, principal.openid);
  const existing = await readById<SignUpDoc>(ACTIVITY_SIGNUPS, _id);
  // A retried or double-tapped sign-up answers what the first one did.
  if (existing && existing.status !== 'cancelled') {
    if (existing.status === 'rejected') throw new DomainError(ErrorCode.InvalidTransition, '您这一场的报名未通过审核，可以联系活动负责人');
    return activityDetail(principal, { activityId: activity._id }, now);
  }
  const blocked = await ineligibility(principal, activity, session.startAt);
  if (blocked) throw new DomainError(blocked.code, blocked.message);
  const mine = (await mineFrom(principal.openid, session.startAt)).filter((m) => m.sessionId !== session._id);
  const problem = signUpProblem(activity, session, mine, now);
  if (problem) throw new DomainError(ErrorCode.InvalidTransition, problem);
  const order = orderClash(await ordersInHand(principal), principal.openid, session);
  if (order) throw new DomainError(ErrorCode.InvalidTransition, `与您承接的「${order.itemName}」订单期望时间重叠，请先和队长协调`);

  // With 报名审核 the sign-up waits for the organiser and takes no place yet.
  const placed = activity.needsApproval ? false : await takePlace(session);
  const doc: SignUpDoc = {
    _id,
    sessionId: session._id,
    activityId: activity._id,
    openid: principal.openid,
    displayName: principal.user?.displayName || '志愿者',
    title: activity.title,
    status: activity.needsApproval ? 'pending' : placed ? 'signed_up' : 'waitlisted',
    waitKey: keyOf(now, principal.openid),
    startAt: session.startAt,
    endAt: session.endAt,
    attendance: 'none',
    checkInAt: null,
    checkInBy: null,
    checkOutAt: null,
    checkOutBy: null,
    needsReview: false,
    hours: 0,
    confirmed: false,
    createdAt: now,
    updatedAt: now,
  };
  let written: boolean;
  if (existing) {
    const { _id: _ignored, ...data } = doc;
    written = await cas(ACTIVITY_SIGNUPS, { _id, status: 'cancelled', updatedAt: existing.updatedAt }, data);
  } else {
    try {
      await database().collection(ACTIVITY_SIGNUPS).add({ data: doc });
      written = true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      written = false;
    }
  }
  if (!written && placed) {
    // A concurrent request of the same volunteer wrote the sign-up first: this place goes back.
    await givePlace(session._id);
    await promoteWaitlisted(session, now);
  }
  return activityDetail(principal, { activityId: activity._id }, now);
}

/** 取消报名 before the deadline; a freed place goes to the first 候补. */
export async function cancelSignUp(principal: LoadedPrincipal, input: { sessionId: string }, now: number): Promise<ActivityDetail> {
  const session = await getSession(input.sessionId);
  const activity = await getActivity(session.activityId);
  const _id = signUpIdOf(session._id, principal.openid);
  const mine = await readById<SignUpDoc>(ACTIVITY_SIGNUPS, _id);
  if (!mine) throw new DomainError(ErrorCode.NotFound, '您没有报名这个场次');
  const problem = cancelProblem(mine, activity.cancelBeforeMinutes, now);
  if (problem) throw new DomainError(ErrorCode.InvalidTransition, problem);
  const cancelled = await cas(ACTIVITY_SIGNUPS, { _id, status: mine.status, attendance: 'none' }, { status: 'cancelled', updatedAt: now });
  if (!cancelled) throw new DomainError(ErrorCode.InvalidTransition, '报名状态刚刚变了，请刷新后再试');
  if (mine.status === 'signed_up') {
    await givePlace(session._id);
    await promoteWaitlisted(session, now);
  }
  return activityDetail(principal, { activityId: activity._id }, now);
}

/** 报名审核: the organiser approves a pending sign-up (a place if one is left, else 候补 in sign-up order) or rejects it. */
export async function decideSignUp(
  principal: LoadedPrincipal,
  input: { sessionId: string; openid: string; approve: boolean },
  now: number,
): Promise<SessionRoster> {
  const session = await getSession(input.sessionId);
  requireOrganiser(principal, session);
  const _id = signUpIdOf(session._id, input.openid);
  const su = await readById<SignUpDoc>(ACTIVITY_SIGNUPS, _id);
  if (!su) throw new DomainError(ErrorCode.NotFound, '这位志愿者没有报名这个场次');
  if (su.status !== 'pending') throw new DomainError(ErrorCode.InvalidTransition, '这条报名已经审核过了');
  if (!input.approve) {
    if (!(await cas(ACTIVITY_SIGNUPS, { _id, status: 'pending' }, { status: 'rejected', updatedAt: now })))
      throw new DomainError(ErrorCode.InvalidTransition, '这条报名刚刚已被处理');
    return roster(principal, { sessionId: session._id });
  }
  const placed = await takePlace(session);
  if (!(await cas(ACTIVITY_SIGNUPS, { _id, status: 'pending' }, { status: placed ? 'signed_up' : 'waitlisted', updatedAt: now }))) {
    if (placed) await givePlace(session._id);
    throw new DomainError(ErrorCode.InvalidTransition, '这条报名刚刚已被处理');
  }
  return roster(principal, { sessionId: session._id });
}
