import { JOIN_REQUESTS, TEAMS, USERS, VOLUNTEER_PROFILES } from '../../database/collections';
import type { UserProfile } from '../../src/domain/identity/role';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import {
  closedKeyOf,
  decideJoinRequest,
  isApprovedVolunteer,
  type JoinRequest,
  openKeyOf,
  type TeamDoc,
  withMember,
} from '../../src/domain/team/team.rules';
import type { JoinDecisionResult, JoinRequestRow, JoinRequestView } from '../../src/domain/team/team.views';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import type { Actor } from '../kit/actor';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { inTransaction, txGet } from '../kit/tx';
import { database } from '../kit/wx-cloud';
import { actsAsLeaderOnly, changeGrantsTx, findTeam, teamResource } from './teams';
import { findUser, findVolunteerProfile } from './volunteer';

const view = (r: JoinRequest): JoinRequestView => ({
  requestId: r._id,
  teamId: r.teamId,
  status: r.status,
  note: r.note,
  requestedAt: r.createdAt,
});

async function openRequestOf(teamId: string, openid: string): Promise<JoinRequest | null> {
  const [r] = await readList<JoinRequest>(
    database()
      .collection(JOIN_REQUESTS)
      .where({ openKey: openKeyOf(teamId, openid) })
      .limit(1),
  );
  return r ?? null;
}

/**
 * An approved volunteer asks to join a team. At most one open request per (team, volunteer),
 * held by a unique key: asking again (or twice at once) answers the same open request.
 */
export async function requestJoin(actor: Actor, input: { teamId: string; note?: string }, now: number): Promise<JoinRequestView> {
  const team = await findTeam(input.teamId);
  if (team.memberOpenids.includes(actor.openid)) throw new DomainError(ErrorCode.Conflict, '你已经是这支队伍的队员');
  const [profile, user] = await Promise.all([findVolunteerProfile(actor.openid), findUser(actor.openid)]);
  if (!isApprovedVolunteer(profile?.status, user?.roles ?? [])) {
    throw new DomainError(
      ErrorCode.Forbidden,
      profile?.status === 'pending' ? '志愿者注册还在审核中，通过后才能申请加入队伍' : '请先完成志愿者实名注册并通过审核',
    );
  }
  const existing = await openRequestOf(team._id, actor.openid);
  if (existing) return view(existing);
  const doc: Omit<JoinRequest, '_id'> = {
    teamId: team._id,
    openid: actor.openid,
    note: input.note ?? '',
    status: 'open',
    openKey: openKeyOf(team._id, actor.openid),
    decidedBy: null,
    decidedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    const { _id } = (await database().collection(JOIN_REQUESTS).add({ data: doc })) as { _id: string };
    return view({ ...doc, _id });
  } catch (err) {
    // A concurrent identical request won the unique key: answer that one.
    const winner = await openRequestOf(team._id, actor.openid);
    if (winner) return view(winner);
    throw err;
  }
}

/** The caller's own open requests (e.g. to show 待处理 on team pages). */
export async function myJoinRequests(actor: Actor): Promise<JoinRequestView[]> {
  const rows = await readList<JoinRequest>(database().collection(JOIN_REQUESTS).where({ openid: actor.openid, status: 'open' }).limit(100));
  return rows.map(view);
}

/** Open requests of one team, for its leader or the institute (team.decideJoin). Masked only. */
export async function listJoinRequests(principal: LoadedPrincipal, input: { teamId: string }): Promise<JoinRequestRow[]> {
  const team = await findTeam(input.teamId);
  requirePermission(principal, 'team.decideJoin', await teamResource(team));
  const rows = await readList<JoinRequest>(
    database().collection(JOIN_REQUESTS).where({ teamId: team._id, status: 'open' }).orderBy('createdAt', 'asc').limit(1000),
  );
  if (rows.length === 0) return [];
  const _ = database().command;
  const ids = rows.map((r) => r.openid);
  const [profiles, users] = await Promise.all([
    readList<VolunteerProfile>(
      database()
        .collection(VOLUNTEER_PROFILES)
        .where({ _id: _.in(ids) })
        .limit(1000),
    ),
    readList<UserProfile>(
      database()
        .collection(USERS)
        .where({ _id: _.in(ids) })
        .limit(1000),
    ),
  ]);
  const profileOf = new Map(profiles.map((p) => [p._id, p]));
  const userOf = new Map(users.map((u) => [u._id, u]));
  return rows.map((r) => {
    const p = profileOf.get(r.openid);
    const u = userOf.get(r.openid);
    return {
      ...view(r),
      openid: r.openid,
      displayName: p?.realNameMasked || u?.displayName || '志愿者',
      phoneMasked: p?.phoneMasked || u?.phoneMasked || '',
      skills: p?.skills ?? [],
      availability: p?.availability ?? '',
    };
  });
}

/**
 * The leader (or the institute) decides an open request, once. Approval adds the member and their
 * volunteer grant in the same transaction; of two racing decisions exactly one commits.
 */
export async function decideJoin(
  principal: LoadedPrincipal,
  input: { requestId: string; approve: boolean },
  now: number,
): Promise<JoinDecisionResult> {
  const request = await readById<JoinRequest>(JOIN_REQUESTS, input.requestId);
  if (!request) throw new DomainError(ErrorCode.NotFound, '找不到这条入队申请');
  const team = await findTeam(request.teamId);
  const resource = await teamResource(team);
  requirePermission(principal, 'team.decideJoin', resource);
  const asLeader = actsAsLeaderOnly(principal, 'team.decideJoin', resource);
  const profile = input.approve ? await findVolunteerProfile(request.openid) : null;
  return inTransaction(async (t) => {
    const current = await txGet<JoinRequest>(t, JOIN_REQUESTS, request._id);
    if (!current) throw new DomainError(ErrorCode.NotFound, '找不到这条入队申请');
    const decision = decideJoinRequest(current.status, input.approve);
    if (!decision.ok) throw new DomainError(ErrorCode.Conflict, '这条申请已被处理');
    // Read the team in the transaction: a concurrent handover or membership change makes this conflict.
    const teamNow = await txGet<TeamDoc>(t, TEAMS, current.teamId);
    if (!teamNow) throw new DomainError(ErrorCode.NotFound, '找不到这支志愿服务队');
    if (asLeader && teamNow.leaderOpenid !== principal.openid) throw new DomainError(ErrorCode.Conflict, '你已不是这支队伍的队长');
    await t
      .collection(JOIN_REQUESTS)
      .doc(current._id)
      .update({
        data: { status: decision.next, openKey: closedKeyOf(current._id), decidedBy: principal.openid, decidedAt: now, updatedAt: now },
      });
    if (decision.next === 'approved') {
      await t
        .collection(TEAMS)
        .doc(teamNow._id)
        .update({ data: { memberOpenids: withMember(teamNow.memberOpenids, current.openid), updatedAt: now } });
      await changeGrantsTx(
        t,
        current.openid,
        { add: [{ role: 'volunteer', scopeId: teamNow._id }], displayName: profile?.realNameMasked },
        now,
      );
    }
    return { requestId: current._id, teamId: current.teamId, status: decision.next };
  });
}
