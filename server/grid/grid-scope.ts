import { ORG_UNITS, TEAMS } from '../../database/collections';
import { authorize } from '../../src/domain/identity/authorize';
import { ROLE_LABELS, ROLE_SCOPE_KIND, type Role } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { TeamDoc } from '../../src/domain/team/team.rules';
import type { LoadedPrincipal } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { childrenOf, findOrgUnits, orgPathOf } from '../org/org-units';

const STAFF: readonly Role[] = ['station_staff', 'institute_staff', 'admin'];
const TEAM_ROLES: readonly Role[] = ['volunteer', 'team_leader'];
/** The picker and the 入户率 list show at most this many buildings (a subdistrict has about a thousand). */
export const SCOPE_BUILDINGS_MAX = 400;

/** How the caller signs a log or a visit: their first grid role. */
export function roleLabelOf(principal: LoadedPrincipal): string {
  for (const role of ['building_head', ...STAFF, ...TEAM_ROLES] as Role[]) {
    if (principal.grants.some((g) => g.role === role)) return ROLE_LABELS[role];
  }
  return '居民';
}

export const nameOf = (principal: LoadedPrincipal): string => principal.user?.displayName || principal.user?.nickname || '微信用户';

const teamIdsOf = (principal: LoadedPrincipal) => [
  ...new Set(principal.grants.filter((g) => TEAM_ROLES.includes(g.role)).map((g) => g.scopeId)),
];

/** Teams the caller serves in (volunteer or leader), with their service areas. */
async function teamsOf(principal: LoadedPrincipal): Promise<TeamDoc[]> {
  const ids = teamIdsOf(principal);
  if (ids.length === 0) return [];
  const _ = database().command;
  return readList<TeamDoc>(
    database()
      .collection(TEAMS)
      .where({ _id: _.in(ids) })
      .limit(100),
  );
}

interface LookupRow<T> {
  list: T[];
}

/** Some org units with their parents (a building with its estate), in one request. */
async function unitsWithParents(ids: readonly string[]): Promise<{ units: OrgUnit[]; parents: OrgUnit[] }> {
  if (ids.length === 0) return { units: [], parents: [] };
  const db = database();
  const _ = db.command;
  const res = (await db
    .collection(ORG_UNITS)
    .aggregate()
    .match({ _id: _.in([...new Set(ids)]) })
    .limit(1000)
    .lookup({ from: ORG_UNITS, localField: 'parentId', foreignField: '_id', as: 'parent_' })
    .end()) as LookupRow<OrgUnit & { parent_?: OrgUnit[] }>;
  const units: OrgUnit[] = [];
  const parents: OrgUnit[] = [];
  for (const { parent_, ...unit } of res.list) {
    units.push(unit as OrgUnit);
    parents.push(...(parent_ ?? []));
  }
  return { units, parents };
}

/** The caller's teams with the org units of their service areas, in one request. */
async function teamAreasOf(principal: LoadedPrincipal): Promise<OrgUnit[]> {
  const ids = teamIdsOf(principal);
  if (ids.length === 0) return [];
  const db = database();
  const _ = db.command;
  const res = (await db
    .collection(TEAMS)
    .aggregate()
    .match({ _id: _.in(ids) })
    .limit(100)
    .lookup({ from: ORG_UNITS, localField: 'serviceArea', foreignField: '_id', as: 'area_' })
    .end()) as LookupRow<TeamDoc & { area_?: OrgUnit[] }>;
  return res.list.flatMap((t) => t.area_ ?? []);
}

/**
 * The buildings in the caller's scope, by name; Forbidden when they hold no role that may.
 * Few requests: a staff grant names its community / subdistrict, so the walk starts from its id
 * (one read per level, the estates met on the way name the buildings); a building head's
 * buildings come with their estates in one aggregate; volunteers' team areas likewise.
 */
export async function scopeBuildings(
  principal: LoadedPrincipal,
  action: 'grid.patrol' | 'grid.knock',
): Promise<{ buildings: OrgUnit[]; estates: Map<string, string>; truncated: boolean; inScope: ReadonlyMap<string, OrgUnit> }> {
  const grants = principal.grants.filter((g) => g.role === 'building_head' || STAFF.includes(g.role));
  const headOf = grants.filter((g) => ROLE_SCOPE_KIND[g.role] === 'building').map((g) => g.scopeId);
  const areaIds = grants.filter((g) => ROLE_SCOPE_KIND[g.role] !== 'building').map((g) => g.scopeId);
  const [heads, teamAreas] = await Promise.all([
    unitsWithParents(headOf),
    action === 'grid.knock' ? teamAreasOf(principal) : Promise.resolve([]),
  ]);
  if (grants.length === 0 && teamAreas.length === 0) {
    throw new DomainError(
      ErrorCode.Forbidden,
      action === 'grid.patrol' ? '只有楼栋长和社区、街道工作人员记巡查日志' : '只有楼栋长、志愿者和工作人员可以敲门走访',
    );
  }
  const found = new Map<string, OrgUnit>();
  const estates = new Map<string, OrgUnit>();
  const seen = (u: OrgUnit) => {
    if (u.kind === 'building') found.set(u._id, u);
    else if (u.kind === 'estate') estates.set(u._id, u);
  };
  for (const u of [...heads.units, ...heads.parents, ...teamAreas]) seen(u);
  let frontier = [...new Set([...areaIds, ...teamAreas.filter((u) => u.kind !== 'building').map((u) => u._id)])];
  // At most three levels below a subdistrict: community → estate → building.
  while (frontier.length > 0) {
    const children = await childrenOf(frontier);
    for (const c of children) seen(c);
    frontier = children.filter((c) => c.kind !== 'building').map((c) => c._id);
  }
  const all = [...found.values()];
  const unnamed = [...new Set(all.map((b) => b.parentId ?? ''))].filter((id) => id && !estates.has(id));
  for (const e of await findOrgUnits(unnamed)) estates.set(e._id, e);
  const estateName = new Map([...estates.values()].map((e) => [e._id, e.name]));
  const estateOrder = new Map([...estates.values()].map((e) => [e._id, e.order]));
  all.sort(
    (a, b) =>
      (estateOrder.get(a.parentId ?? '') ?? 0) - (estateOrder.get(b.parentId ?? '') ?? 0) ||
      (a.parentId ?? '').localeCompare(b.parentId ?? '') ||
      a.order - b.order ||
      a.name.localeCompare(b.name, 'zh-CN', { numeric: true }),
  );
  return { buildings: all.slice(0, SCOPE_BUILDINGS_MAX), estates: estateName, truncated: all.length > SCOPE_BUILDINGS_MAX, inScope: found };
}

/**
 * Throws unless the caller may knock at this building: the policy (building head, staff), or a
 * team whose service area covers it (volunteers, leaders).
 */
export async function assertMayKnock(principal: LoadedPrincipal, building: OrgUnit): Promise<void> {
  const orgPath = orgPathOf(building);
  const decision = authorize(principal, 'grid.knock', { orgPath });
  if (decision.allowed) return;
  const teams = await teamsOf(principal);
  if (teams.some((t) => t.serviceArea.some((id) => orgPath.includes(id)))) return;
  if (teams.length > 0) throw new DomainError(ErrorCode.OutOfScope, '这个楼栋不在您队伍的服务范围内');
  throw new DomainError(decision.code, decision.code === ErrorCode.OutOfScope ? '只能在您负责的楼栋敲门走访' : decision.message);
}
