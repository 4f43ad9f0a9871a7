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
import { callerLookup, type LoadedPrincipal, principalOf, requirePermission } from '../kit/principal';
import { readList } from '../kit/read-list';
import { inTransaction, txGet } from '../kit/tx';
import { database } from '../kit/wx-cloud';
import { type JoinRequestRead, openRequestsOf, readTeamFor, resourceOf } from './team-reads';
import { actsAsLeaderOnly, changeGrantsBlindTx, teamResource } from './teams';

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
  // The team, the caller's record and registration and their open request: one read.
  const { team, principal, callerProfile: profile, openRequest: existing } = await readTeamFor(actor, input.teamId);
  if (team.memberOpenids.includes(actor.openid)) throw new DomainError(ErrorCode.Conflict, '你已经是这支队伍的队员');
  if (!isApprovedVolunteer(profile?.status, principal.user?.roles ?? [])) {
    throw new DomainError(
      ErrorCode.Forbidden,
      profile?.status === 'pending' ? '志愿者注册还在审核中，通过后才能申请加入队伍' : '请先完成志愿者实名注册并通过审核',
    );
  }
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

/** Open requests of one team, for its leader or the institute (team.decideJoin). Masked only. Two requests at once. */
export async function listJoinRequests(actor: Pick<Actor, 'openid'>, input: { teamId: string }): Promise<JoinRequestRow[]> {
  const [read, rows] = await Promise.all([readTeamFor(actor, input.teamId), openRequestsOf(input.teamId)]);
  requirePermission(read.principal, 'team.decideJoin', read.resource);
  return joinRequestRowsOf(rows);
}

/** The rows of 入队申请 from the open requests read with their requesters (`openRequestsOf`). */
export function joinRequestRowsOf(rows: readonly JoinRequestRead[]): JoinRequestRow[] {
  return rows.map((r) => {
    const { profile: p, user: u, ...request } = r;
    return {
      ...view(request),
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
  actor: Pick<Actor, 'openid'>,
  input: { requestId: string; approve: boolean },
  now: number,
): Promise<JoinDecisionResult> {
  // The request with its team, the requester's registration and the caller: one read (older teams
  // with no subdistrictId name it through their first service-area unit, one more).
  const { request, team, profile, requester, principal } = await readRequestFor(actor, input.requestId);
  const resource = team.subdistrictId ? resourceOf(team, []) : await teamResource(team);
  requirePermission(principal, 'team.decideJoin', resource);
  const asLeader = actsAsLeaderOnly(principal, 'team.decideJoin', resource);
  let round = 0;
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
      await changeGrantsBlindTx(
        t,
        current.openid,
        { add: [{ role: 'volunteer', scopeId: teamNow._id }], displayName: profile?.realNameMasked },
        now,
        requester === null && current.openid === request.openid && round++ === 0,
      );
    }
    return { requestId: current._id, teamId: current.teamId, status: decision.next };
  });
}

type RequestRow = JoinRequest & { team_?: TeamDoc[]; profile_?: VolunteerProfile[]; requester_?: UserProfile[]; caller_?: UserProfile[] };

async function readRequestFor(
  actor: Pick<Actor, 'openid'>,
  requestId: string,
): Promise<{
  request: JoinRequest;
  team: TeamDoc;
  profile: VolunteerProfile | null;
  requester: UserProfile | null;
  principal: LoadedPrincipal;
}> {
  const res = (await database()
    .collection(JOIN_REQUESTS)
    .aggregate()
    .match({ _id: requestId })
    .limit(1)
    .lookup({ from: TEAMS, localField: 'teamId', foreignField: '_id', as: 'team_' })
    .lookup({ from: VOLUNTEER_PROFILES, localField: 'openid', foreignField: '_id', as: 'profile_' })
    .lookup({ from: USERS, localField: 'openid', foreignField: '_id', as: 'requester_' })
    .lookup(callerLookup(actor))
    .end()) as { list: RequestRow[] };
  const row = res.list[0];
  if (!row) throw new DomainError(ErrorCode.NotFound, '找不到这条入队申请');
  const { team_, profile_, requester_, caller_, ...request } = row;
  const team = team_?.[0];
  if (!team) throw new DomainError(ErrorCode.NotFound, '找不到这支志愿服务队');
  const user = caller_?.[0];
  return {
    request: request as JoinRequest,
    team,
    profile: profile_?.[0] ?? null,
    requester: requester_?.[0] ?? null,
    principal: principalOf(actor.openid, user),
  };
}
