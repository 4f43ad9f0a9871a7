import { randomBytes } from 'node:crypto';
import { ORG_UNITS, TEAMS, USERS, VOLUNTEER_PROFILES } from '../../database/collections';
import type { PolicyAction } from '../../src/domain/identity/authorization.policy';
import { authorize, type ResourceScope } from '../../src/domain/identity/authorize';
import type { RoleGrant, UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import {
  leaderIneligibility,
  leaveCheck,
  type TeamDoc,
  transferCheck,
  withGrants,
  withoutGrants,
  withoutMember,
} from '../../src/domain/team/team.rules';
import type { AreaName, LeadershipTransfer, LeaveResult, TeamDetail, TeamRelation, TeamSummary } from '../../src/domain/team/team.views';
import { normaliseSkills, type VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import type { Actor } from '../kit/actor';
import { lookupWhere } from '../kit/lookup';
import { callerLookup, type LoadedPrincipal, principalOf, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { idForRequest } from '../kit/request-id';
import { inTransaction, type Tx, txGet } from '../kit/tx';
import { database } from '../kit/wx-cloud';
import { findOrgUnits, orgPathOf } from '../org/org-units';
import { type NamesOf, namesFrom, readTeamFor, readTeamsFor, resourceOf, type TeamRead, type TeamsRead } from './team-reads';

export async function findTeam(teamId: string): Promise<TeamDoc> {
  const team = await readById<TeamDoc>(TEAMS, teamId);
  if (!team) throw new DomainError(ErrorCode.NotFound, '找不到这支志愿服务队');
  return team;
}

/** The subdistrict a team belongs to: stored on new teams, derived from the service area on older ones. */
export async function homeSubdistrictOf(team: TeamDoc): Promise<string> {
  if (team.subdistrictId) return team.subdistrictId;
  const [unit] = await findOrgUnits(team.serviceArea.slice(0, 1));
  return unit ? (unit.path[0] ?? unit._id) : '';
}

/** What `authorize` checks a team action against: the team itself, placed at its home subdistrict. */
export async function teamResource(team: TeamDoc): Promise<ResourceScope> {
  return { teamId: team._id, orgPath: [await homeSubdistrictOf(team)] };
}

/**
 * True when the caller may do `action` on the team only as its leader (not as institute staff):
 * the transaction then re-checks that they still lead it, so a leader who just handed over cannot
 * act on a stale read.
 */
export function actsAsLeaderOnly(principal: LoadedPrincipal, action: PolicyAction, resource: ResourceScope): boolean {
  const withoutLeadership = { ...principal, grants: principal.grants.filter((g) => g.role !== 'team_leader') };
  return !authorize(withoutLeadership, action, resource).allowed;
}

/** Adds and removes grants of one user inside a transaction; creates the user document if needed. */
export async function changeGrantsTx(
  t: Tx,
  openid: string,
  change: { add?: RoleGrant[]; remove?: RoleGrant[]; displayName?: string },
  now: number,
): Promise<void> {
  const user = await txGet<UserProfile>(t, USERS, openid);
  if (!user) {
    if (!change.add?.length) return;
    const name = change.displayName || '志愿者';
    await t.collection(USERS).add({
      data: { _id: openid, nickname: '微信用户', displayName: name, roles: change.add, createdAt: now, updatedAt: now },
    });
    return;
  }
  const roles = withGrants(withoutGrants(user.roles, change.remove ?? []), change.add ?? []);
  await t
    .collection(USERS)
    .doc(openid)
    .update({ data: { roles, updatedAt: now } });
}

/**
 * Adds one user's grants, or removes one, inside a transaction without reading the user first:
 * one request (`addToSet` keeps grants unique as `withGrants` does; a grant is exactly
 * `{ role, scopeId }`). A user with no document yet is created with the added grants (one more,
 * or the only one when the caller knows it is `missing`; a duplicate then retries the transaction,
 * whose next round must pass `missing = false`).
 */
export async function changeGrantsBlindTx(
  t: Tx,
  openid: string,
  change: { add: RoleGrant[]; displayName?: string } | { remove: RoleGrant },
  now: number,
  /** True when the user was read just before and had no document: it is added straight away. */
  missing = false,
): Promise<void> {
  const _ = database().command;
  const roles =
    'add' in change
      ? _.addToSet({ $each: change.add.map((g) => ({ role: g.role, scopeId: g.scopeId })) })
      : _.pull({ role: change.remove.role, scopeId: change.remove.scopeId });
  if (!missing || !('add' in change)) {
    const res = (await t
      .collection(USERS)
      .doc(openid)
      .update({ data: { roles, updatedAt: now } })) as { updated?: number; stats?: { updated?: number } };
    if ((res.stats?.updated ?? res.updated ?? 0) > 0 || !('add' in change) || change.add.length === 0) return;
  }
  await t.collection(USERS).add({
    data: {
      _id: openid,
      nickname: '微信用户',
      displayName: change.displayName || '志愿者',
      roles: change.add.map((g) => ({ role: g.role, scopeId: g.scopeId })),
      createdAt: now,
      updatedAt: now,
    },
  });
}

const newTeamId = () => `team-${randomBytes(6).toString('hex')}`;

export interface CreateTeamInput {
  name: string;
  intro: string;
  leaderOpenid: string;
  skills: string[];
  serviceArea: string[];
  /** The form's request id: a retried 新建队伍 answers the team already made. */
  requestId?: string;
}

/**
 * The institute creates a team serving units of its subdistrict, led by an approved volunteer, who
 * gets the team_leader and volunteer grants on it in the same transaction. One read (the units,
 * the caller, the leader, a team of the same name and the team a first attempt made), then the
 * transaction; the answer is composed from what they read.
 */
export async function createTeam(actor: Pick<Actor, 'openid'>, input: CreateTeamInput, now: number): Promise<TeamDetail> {
  const teamId = input.requestId ? idForRequest('team', 'team.create', actor.openid, input.requestId) : newTeamId();
  const earlier = async () => {
    if (!input.requestId) return null;
    const made = await readById<TeamDoc>(TEAMS, teamId);
    return made ? teamDetail(actor, { teamId }) : null;
  };
  const read = await readCreateTeam(actor, input, teamId);
  if (read.made) return teamDetail(actor, { teamId });
  try {
    return await makeTeam(read, input, teamId, now);
  } catch (err) {
    // A retry racing the first attempt (createOnce's second look): the twin's team is the answer.
    const twin = await earlier();
    if (twin) return twin;
    throw err;
  }
}

interface CreateTeamRead {
  principal: LoadedPrincipal;
  units: OrgUnit[];
  profile: VolunteerProfile | null;
  leader: UserProfile | null;
  sameName: boolean;
  /** The team a first attempt with this request id made. */
  made: boolean;
}

type CreateRow = OrgUnit & {
  caller_?: UserProfile[];
  leader_?: UserProfile[];
  profile_?: VolunteerProfile[];
  sameName_?: TeamDoc[];
  made_?: TeamDoc[];
};

async function readCreateTeam(actor: Pick<Actor, 'openid'>, input: CreateTeamInput, teamId: string): Promise<CreateTeamRead> {
  const db = database();
  const _ = db.command;
  const res = (await db
    .collection(ORG_UNITS)
    .aggregate()
    .match({ _id: _.in([...new Set(input.serviceArea)]) })
    .limit(100)
    .lookup(callerLookup(actor))
    .lookup(lookupWhere(USERS, { _id: input.leaderOpenid }, 'leader_'))
    .lookup(lookupWhere(VOLUNTEER_PROFILES, { _id: input.leaderOpenid }, 'profile_'))
    .lookup(lookupWhere(TEAMS, { _id: teamId }, 'made_'))
    .lookup(lookupWhere(TEAMS, { name: input.name }, 'sameName_'))
    .end()) as { list: CreateRow[] };
  const first = res.list[0];
  if (!first) {
    // None of the units exists: only a team made by a first attempt is an answer.
    if (input.requestId && (await readById<TeamDoc>(TEAMS, teamId))) {
      const user = (await readById<UserProfile>(USERS, actor.openid)) ?? undefined;
      return { principal: principalOf(actor.openid, user), units: [], profile: null, leader: null, sameName: false, made: true };
    }
    throw new DomainError(ErrorCode.NotFound, `找不到服务区域：${[...new Set(input.serviceArea)].join('、')}`);
  }
  const user = first.caller_?.[0];
  return {
    principal: principalOf(actor.openid, user),
    units: res.list.map(({ caller_, leader_, profile_, sameName_, made_, ...unit }) => unit as OrgUnit),
    profile: first.profile_?.[0] ?? null,
    leader: first.leader_?.[0] ?? null,
    sameName: (first.sameName_?.length ?? 0) > 0,
    made: Boolean(input.requestId) && (first.made_?.length ?? 0) > 0,
  };
}

async function makeTeam(read: CreateTeamRead, input: CreateTeamInput, teamId: string, now: number): Promise<TeamDetail> {
  const { principal, units, profile, leader } = read;
  const areaIds = [...new Set(input.serviceArea)];
  const missing = areaIds.filter((id) => !units.some((u) => u._id === id));
  if (missing.length > 0) throw new DomainError(ErrorCode.NotFound, `找不到服务区域：${missing.join('、')}`);
  for (const unit of units) requirePermission(principal, 'team.create', { orgPath: orgPathOf(unit) });
  const subdistricts = new Set(units.map((u) => u.path[0] ?? u._id));
  if (subdistricts.size !== 1) throw new DomainError(ErrorCode.InputInvalid, '服务区域必须在同一个街道内');
  const subdistrictId = [...subdistricts][0] as string;

  if (!profile && !leader) throw new DomainError(ErrorCode.NotFound, '找不到这位志愿者');
  const why = leaderIneligibility(profile?.status, leader?.roles ?? []);
  if (why) throw new DomainError(ErrorCode.Conflict, why);
  if (read.sameName) throw new DomainError(ErrorCode.Conflict, '已有同名的志愿服务队');

  const team: TeamDoc = {
    _id: teamId,
    name: input.name,
    intro: input.intro,
    leaderOpenid: input.leaderOpenid,
    memberOpenids: [input.leaderOpenid],
    skills: normaliseSkills(input.skills),
    serviceArea: areaIds,
    rating: 0,
    subdistrictId,
    createdAt: now,
    updatedAt: now,
  };
  let round = 0;
  await inTransaction(
    async (t) => {
      await t.collection(TEAMS).add({ data: team });
      await changeGrantsBlindTx(
        t,
        input.leaderOpenid,
        {
          add: [
            { role: 'team_leader', scopeId: team._id },
            { role: 'volunteer', scopeId: team._id },
          ],
          displayName: profile?.realNameMasked,
        },
        now,
        !leader && round++ === 0,
      );
    },
    { duplicate: '已有同名的志愿服务队' },
  );
  // Leading it themselves, the caller's grants just changed: read it back.
  if (input.leaderOpenid === principal.openid) return teamDetail(principal, { teamId });
  // The new team as teamDetail would read it back: the caller neither leads it nor asked to join.
  return teamDetailOf(
    { openid: principal.openid },
    {
      team,
      areas: units,
      resource: resourceOf(team, units),
      principal,
      callerProfile: null,
      openRequest: null,
      names: namesFrom(leader ? [leader] : [], profile ? [profile] : []),
    },
  );
}

const relationOf = (team: TeamDoc, openid: string, requested: boolean): TeamRelation =>
  team.leaderOpenid === openid ? 'leader' : team.memberOpenids.includes(openid) ? 'member' : requested ? 'requested' : 'none';

export type { NamesOf } from './team-reads';

/** Masked names of some people (see `namesFrom`): their records and registrations in two reads. */
export async function displayNamesOf(openids: readonly string[]): Promise<NamesOf> {
  const ids = [...new Set(openids)];
  if (ids.length === 0) return namesFrom([], []);
  const _ = database().command;
  const byId = { _id: _.in(ids) };
  const [people, profiles] = await Promise.all([
    readList<UserProfile>(database().collection(USERS).where(byId).limit(1000)),
    readList<VolunteerProfile>(database().collection(VOLUNTEER_PROFILES).where(byId).limit(1000)),
  ]);
  return namesFrom(people, profiles);
}

const areaNames = (team: TeamDoc, areas: readonly OrgUnit[]): AreaName[] =>
  team.serviceArea.map((id) => ({ id, name: areas.find((u) => u._id === id)?.name ?? '' }));

/**
 * Anyone signed in sees a team: names masked; openids only to those who manage it. One request:
 * the caller's grants come with the team (`_principal`, from callers that loaded it, is not needed).
 */
export async function teamDetail(
  actor: Pick<Actor, 'openid'>,
  input: { teamId: string },
  _principal?: LoadedPrincipal,
): Promise<TeamDetail> {
  return teamDetailOf(actor, await readTeamFor(actor, input.teamId, { names: true }));
}

/** The team as `teamDetail` answers it, from the team read once (`readTeamFor` with names). */
export function teamDetailOf(actor: Pick<Actor, 'openid'>, read: TeamRead): TeamDetail {
  const { team, principal, resource, names: nameOf } = read;
  const canManage = authorize(principal, 'team.decideJoin', resource).allowed;
  // Full names of the team's own members for its leader (指派队员: two 冯* must be told apart).
  const seesNames = authorize(principal, 'team.memberNames', resource).allowed;
  const members = [team.leaderOpenid, ...team.memberOpenids.filter((m) => m !== team.leaderOpenid)].map((m) => ({
    ...(canManage ? { openid: m } : {}),
    displayName: nameOf(m),
    ...(seesNames ? { fullName: nameOf.full(m) } : {}),
    isLeader: m === team.leaderOpenid,
  }));
  return {
    teamId: team._id,
    name: team.name,
    intro: team.intro,
    skills: team.skills,
    rating: team.rating,
    leader: { displayName: nameOf(team.leaderOpenid), ...(canManage ? { openid: team.leaderOpenid } : {}) },
    members,
    memberCount: team.memberOpenids.length,
    serviceArea: areaNames(team, read.areas),
    myRelation: relationOf(team, actor.openid, read.openRequest !== null),
    canManage,
  };
}

/** All teams, best rated first (through the rating index), with the caller's relation to each. One request. */
export async function listTeams(actor: Actor): Promise<TeamSummary[]> {
  return teamSummariesOf(actor, await readTeamsFor(actor));
}

/** The teams as `listTeams` answers them, from every team read once (`readTeamsFor`). */
export function teamSummariesOf(actor: Pick<Actor, 'openid'>, read: TeamsRead): TeamSummary[] {
  return read.teams.map((t) => ({
    teamId: t._id,
    name: t.name,
    intro: t.intro,
    skills: t.skills,
    rating: t.rating,
    memberCount: t.memberOpenids.length,
    leaderName: read.leaderNames(t.leaderOpenid),
    serviceArea: areaNames(t, read.areasOf(t)),
    mine: t.memberOpenids.includes(actor.openid),
    myRelation: relationOf(t, actor.openid, read.requested.has(t._id)),
  }));
}

/** A member leaves: out of memberOpenids and their volunteer grant on the team gone, in one transaction. */
export async function leaveTeam(actor: Actor, input: { teamId: string }, now: number): Promise<LeaveResult> {
  await inTransaction(async (t) => {
    const team = await txGet<TeamDoc>(t, TEAMS, input.teamId);
    if (!team) throw new DomainError(ErrorCode.NotFound, '找不到这支志愿服务队');
    const check = leaveCheck(team, actor.openid);
    if (check === 'isLeader') throw new DomainError(ErrorCode.Conflict, '队长需要先把队长移交给其他队员，才能退出队伍');
    if (check === 'notMember') throw new DomainError(ErrorCode.NotFound, '你不是这支队伍的队员');
    await t
      .collection(TEAMS)
      .doc(team._id)
      .update({ data: { memberOpenids: withoutMember(team.memberOpenids, actor.openid), updatedAt: now } });
    await changeGrantsBlindTx(t, actor.openid, { remove: { role: 'volunteer', scopeId: team._id } }, now);
  });
  return { teamId: input.teamId, left: true };
}

/**
 * The leader (or the institute) hands leadership to another member: the team's leader and both
 * people's grants change in one transaction. Handing it to the current leader changes nothing.
 */
export async function transferLeadership(
  actor: Pick<Actor, 'openid'>,
  input: { teamId: string; toOpenid: string },
  now: number,
): Promise<LeadershipTransfer> {
  // The team with its area and the caller, in one read.
  const { team, resource, principal } = await readTeamFor(actor, input.teamId);
  requirePermission(principal, 'team.transferLeadership', resource);
  const asLeader = actsAsLeaderOnly(principal, 'team.transferLeadership', resource);
  await inTransaction(async (t) => {
    const current = await txGet<TeamDoc>(t, TEAMS, input.teamId);
    if (!current) throw new DomainError(ErrorCode.NotFound, '找不到这支志愿服务队');
    // Compare-and-set on the leader the permission was checked against.
    if (current.leaderOpenid !== team.leaderOpenid || (asLeader && current.leaderOpenid !== principal.openid)) {
      throw new DomainError(ErrorCode.Conflict, '队长刚刚变更，请刷新后重试');
    }
    const check = transferCheck(current, input.toOpenid);
    if (check === 'same') return;
    if (check === 'notMember') throw new DomainError(ErrorCode.Conflict, '只能移交给本队队员');
    await t
      .collection(TEAMS)
      .doc(current._id)
      .update({ data: { leaderOpenid: input.toOpenid, updatedAt: now } });
    await changeGrantsBlindTx(t, current.leaderOpenid, { remove: { role: 'team_leader', scopeId: current._id } }, now);
    await changeGrantsBlindTx(
      t,
      input.toOpenid,
      {
        add: [
          { role: 'team_leader', scopeId: current._id },
          { role: 'volunteer', scopeId: current._id },
        ],
      },
      now,
    );
  });
  return { teamId: input.teamId, leaderOpenid: input.toOpenid };
}
