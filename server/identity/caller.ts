/**
 * The caller's `users` record with what their screens name, in one request (issue #17): the units,
 * teams and handling units their grants are scoped to, and the building they live in.
 */
import { HANDLING_UNITS, ORG_UNITS, TEAMS, USERS } from '../../database/collections';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit, Team } from '../../src/domain/org/org.types';
import type { HandlingUnit } from '../../src/domain/problem/problem.types';
import type { Actor } from '../kit/actor';
import { type LoadedPrincipal, principalOf } from '../kit/principal';
import { database } from '../kit/wx-cloud';

export interface CallerRead {
  principal: LoadedPrincipal;
  /** Names of the scopes of the caller's grants (org units, teams, handling units) by id. */
  scopeNames: ReadonlyMap<string, string>;
  /** The building of the caller's residence (any binding state), when they named one. */
  building: OrgUnit | null;
}

type CallerRow = UserProfile & { orgs_?: OrgUnit[]; teams_?: Team[]; units_?: HandlingUnit[]; building_?: OrgUnit[] };

/** One aggregate on `users`: the caller, their grants' scopes and their building joined by `_id`. */
export async function readCaller(actor: Pick<Actor, 'openid'>): Promise<CallerRead> {
  const res = (await database()
    .collection(USERS)
    .aggregate()
    .match({ _id: actor.openid })
    .limit(1)
    .lookup({ from: ORG_UNITS, localField: 'roles.scopeId', foreignField: '_id', as: 'orgs_' })
    .lookup({ from: TEAMS, localField: 'roles.scopeId', foreignField: '_id', as: 'teams_' })
    .lookup({ from: HANDLING_UNITS, localField: 'roles.scopeId', foreignField: '_id', as: 'units_' })
    .lookup({ from: ORG_UNITS, localField: 'buildingId', foreignField: '_id', as: 'building_' })
    .end()) as { list: CallerRow[] };
  const row = res.list[0];
  if (!row) return { principal: principalOf(actor.openid, undefined), scopeNames: new Map(), building: null };
  const { orgs_, teams_, units_, building_, ...user } = row;
  const scopeNames = new Map<string, string>();
  for (const o of orgs_ ?? []) scopeNames.set(o._id, o.name);
  for (const t of teams_ ?? []) scopeNames.set(t._id, t.name);
  for (const u of units_ ?? []) scopeNames.set(u._id, u.name);
  const profile = user as UserProfile;
  return {
    principal: principalOf(actor.openid, profile),
    scopeNames,
    building: building_?.[0] ?? null,
  };
}
