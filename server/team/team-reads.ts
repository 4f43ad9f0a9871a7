/**
 * The team screens' reads in one request each (issue #17): a team (or every team) with the units
 * of its service area, the names of its people, the caller's `users` record and registration and
 * the caller's open join request, joined in one aggregate instead of read one after another.
 */
import { JOIN_REQUESTS, ORG_UNITS, TEAMS, USERS, VOLUNTEER_PROFILES } from '../../database/collections';
import type { ResourceScope } from '../../src/domain/identity/authorize';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type JoinRequest, openKeyOf, type TeamDoc } from '../../src/domain/team/team.rules';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import type { Actor } from '../kit/actor';
import { lookupWhere } from '../kit/lookup';
import { openPii } from '../kit/pii-cipher';
import { callerLookup, type LoadedPrincipal, principalOf } from '../kit/principal';
import { database } from '../kit/wx-cloud';

/** Masked names by openid; `.full(openid)` opens the full name (for callers whose job needs it). */
export type NamesOf = ((openid: string) => string) & { full(openid: string): string };

/**
 * Masked names of some people: the registered real name (e.g. 王*) where there is one, the same
 * name the leader saw on the join request, else the user's display name; unknown ones read 志愿者.
 */
export function namesFrom(people: readonly UserProfile[], profiles: readonly VolunteerProfile[]): NamesOf {
  const names = new Map(people.map((u) => [u._id, u.displayName]));
  for (const p of profiles) if (p.realNameMasked) names.set(p._id, p.realNameMasked);
  const masked = (openid: string) => names.get(openid) || '志愿者';
  // Full names (the registration's, else the profile's), opened only when a caller asks for them.
  const sealed = new Map<string, string>();
  for (const u of people) if (u.realNameSealed) sealed.set(u._id, u.realNameSealed);
  for (const p of profiles) if (p.realNameSealed) sealed.set(p._id, p.realNameSealed);
  return Object.assign(masked, {
    full: (openid: string): string => {
      const s = sealed.get(openid);
      return s ? openPii(s) : masked(openid);
    },
  });
}

/** The subdistrict a team belongs to: stored on new teams, derived from the first service-area unit on older ones. */
export function subdistrictOf(team: TeamDoc, areas: readonly OrgUnit[]): string {
  if (team.subdistrictId) return team.subdistrictId;
  const unit = areas.find((u) => u._id === team.serviceArea[0]);
  return unit ? (unit.path[0] ?? unit._id) : '';
}

/** What `authorize` checks a team action against: the team itself, placed at its home subdistrict. */
export const resourceOf = (team: TeamDoc, areas: readonly OrgUnit[]): ResourceScope => ({
  teamId: team._id,
  orgPath: [subdistrictOf(team, areas)],
});

export interface TeamRead {
  team: TeamDoc;
  areas: OrgUnit[];
  resource: ResourceScope;
  principal: LoadedPrincipal;
  /** The caller's registration (null when they have none). */
  callerProfile: VolunteerProfile | null;
  /** The caller's open request to join this team. */
  openRequest: JoinRequest | null;
  /** Names of the team's members (only when read with `names`). */
  names: NamesOf;
}

type TeamRow = TeamDoc & {
  area_?: OrgUnit[];
  caller_?: UserProfile[];
  callerProfile_?: VolunteerProfile[];
  open_?: JoinRequest[];
  people_?: UserProfile[];
  profiles_?: VolunteerProfile[];
};

/**
 * One team with its service area, the caller (record and registration), the caller's open join
 * request and, with `names`, its members' records and registrations: one request.
 */
export async function readTeamFor(actor: Pick<Actor, 'openid'>, teamId: string, options: { names?: boolean } = {}): Promise<TeamRead> {
  let query = database()
    .collection(TEAMS)
    .aggregate()
    .match({ _id: teamId })
    .limit(1)
    .lookup({ from: ORG_UNITS, localField: 'serviceArea', foreignField: '_id', as: 'area_' })
    .lookup(callerLookup(actor))
    .lookup(lookupWhere(VOLUNTEER_PROFILES, { _id: actor.openid }, 'callerProfile_'));
  if (options.names) {
    query = query
      .lookup({ from: USERS, localField: 'memberOpenids', foreignField: '_id', as: 'people_' })
      .lookup({ from: VOLUNTEER_PROFILES, localField: 'memberOpenids', foreignField: '_id', as: 'profiles_' });
  }
  query = query.lookup(lookupWhere(JOIN_REQUESTS, { openKey: openKeyOf(teamId, actor.openid) }, 'open_'));
  const res = (await query.end()) as { list: TeamRow[] };
  const row = res.list[0];
  if (!row) throw new DomainError(ErrorCode.NotFound, '找不到这支志愿服务队');
  const { area_, caller_, callerProfile_, open_, people_, profiles_, ...team } = row;
  const areas = area_ ?? [];
  return {
    team: team as TeamDoc,
    areas,
    resource: resourceOf(team as TeamDoc, areas),
    principal: principalOf(actor.openid, caller_?.[0]),
    callerProfile: callerProfile_?.[0] ?? null,
    openRequest: open_?.[0] ?? null,
    names: namesFrom(people_ ?? [], profiles_ ?? []),
  };
}

export interface TeamsRead {
  /** Best rated first. */
  teams: TeamDoc[];
  areasOf(team: TeamDoc): OrgUnit[];
  leaderNames: NamesOf;
  principal: LoadedPrincipal;
  callerProfile: VolunteerProfile | null;
  /** Teams the caller has an open request to join. */
  requested: ReadonlySet<string>;
}

type TeamsRow = TeamDoc & {
  area_?: OrgUnit[];
  leader_?: UserProfile[];
  leaderProfile_?: VolunteerProfile[];
  caller_?: UserProfile[];
  callerProfile_?: VolunteerProfile[];
  open_?: JoinRequest[];
};

/** Every team (best rated first, through the rating index) with its areas and leader's names, and the caller: one request. */
export async function readTeamsFor(actor: Pick<Actor, 'openid'>): Promise<TeamsRead> {
  const _ = database().command;
  const res = (await database()
    .collection(TEAMS)
    .aggregate()
    .match({ rating: _.gte(0) })
    .lookup({ from: ORG_UNITS, localField: 'serviceArea', foreignField: '_id', as: 'area_' })
    .lookup({ from: USERS, localField: 'leaderOpenid', foreignField: '_id', as: 'leader_' })
    .lookup({ from: VOLUNTEER_PROFILES, localField: 'leaderOpenid', foreignField: '_id', as: 'leaderProfile_' })
    .lookup(callerLookup(actor))
    .lookup(lookupWhere(VOLUNTEER_PROFILES, { _id: actor.openid }, 'callerProfile_'))
    .lookup(lookupWhere(JOIN_REQUESTS, { openid: actor.openid, status: 'open' }, 'open_', 100))
    .sort({ rating: -1, _id: 1 })
    .limit(1000)
    .end()) as { list: TeamsRow[] };
  const areas = new Map<string, OrgUnit[]>();
  const leaders: UserProfile[] = [];
  const leaderProfiles: VolunteerProfile[] = [];
  const teams = res.list.map(({ area_, leader_, leaderProfile_, caller_, callerProfile_, open_, ...team }) => {
    areas.set(team._id, area_ ?? []);
    leaders.push(...(leader_ ?? []));
    leaderProfiles.push(...(leaderProfile_ ?? []));
    return team as TeamDoc;
  });
  const first = res.list[0];
  if (first) return caller(first.caller_?.[0], first.callerProfile_?.[0] ?? null, first.open_ ?? []);
  // No team yet: the caller is read on their own (the screen still shows their registration).
  const [user, profile] = await Promise.all([
    database().collection(USERS).where({ _id: actor.openid }).limit(1).get() as unknown as Promise<{ data: UserProfile[] }>,
    database().collection(VOLUNTEER_PROFILES).where({ _id: actor.openid }).limit(1).get() as unknown as Promise<{
      data: VolunteerProfile[];
    }>,
  ]);
  return caller(user.data[0], profile.data[0] ?? null, []);

  function caller(user: UserProfile | undefined, profile: VolunteerProfile | null, open: readonly JoinRequest[]): TeamsRead {
    return {
      teams,
      areasOf: (team) => areas.get(team._id) ?? [],
      leaderNames: namesFrom(leaders, leaderProfiles),
      principal: principalOf(actor.openid, user),
      callerProfile: profile,
      requested: new Set(open.map((r) => r.teamId)),
    };
  }
}

export interface JoinRequestRead extends JoinRequest {
  profile: VolunteerProfile | undefined;
  user: UserProfile | undefined;
}

/** The open requests of a team, oldest first, with each requester's record and registration: one request. */
export async function openRequestsOf(teamId: string): Promise<JoinRequestRead[]> {
  const res = (await database()
    .collection(JOIN_REQUESTS)
    .aggregate()
    .match({ teamId, status: 'open' })
    .lookup({ from: VOLUNTEER_PROFILES, localField: 'openid', foreignField: '_id', as: 'profile_' })
    .lookup({ from: USERS, localField: 'openid', foreignField: '_id', as: 'user_' })
    .sort({ createdAt: 1, _id: 1 })
    .limit(1000)
    .end()) as { list: (JoinRequest & { profile_?: VolunteerProfile[]; user_?: UserProfile[] })[] };
  return res.list.map(({ profile_, user_, ...r }) => ({ ...(r as JoinRequest), profile: profile_?.[0], user: user_?.[0] }));
}
