import { TEAMS } from '../../database/collections';
import type { PolicyAction } from '../../src/domain/identity/authorization.policy';
import { authorize } from '../../src/domain/identity/authorize';
import { ROLE_LABELS, type Role } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { TeamDoc } from '../../src/domain/team/team.rules';
import type { LoadedPrincipal } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { buildingsUnder, findOrgUnits, orgPathOf } from '../org/org-units';

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

/** Teams the caller serves in (volunteer or leader), with their service areas. */
async function teamsOf(principal: LoadedPrincipal): Promise<TeamDoc[]> {
  const ids = principal.grants.filter((g) => TEAM_ROLES.includes(g.role)).map((g) => g.scopeId);
  if (ids.length === 0) return [];
  const _ = database().command;
  return readList<TeamDoc>(
    database()
      .collection(TEAMS)
      .where({ _id: _.in([...new Set(ids)]) })
      .limit(100),
  );
}

/** The org units whose buildings the caller may act on for `action` (grid.patrol, grid.knock), volunteers' team areas for knocking. */
async function scopeRoots(principal: LoadedPrincipal, action: PolicyAction, withTeams: boolean): Promise<string[]> {
  const roles = action === 'grid.patrols' ? STAFF : (['building_head', ...STAFF] as readonly Role[]);
  const roots = principal.grants.filter((g) => roles.includes(g.role)).map((g) => g.scopeId);
  if (withTeams) for (const t of await teamsOf(principal)) roots.push(...t.serviceArea);
  return [...new Set(roots)];
}

/** The buildings in the caller's scope, by name; Forbidden when they hold no role that may. */
export async function scopeBuildings(
  principal: LoadedPrincipal,
  action: 'grid.patrol' | 'grid.knock',
): Promise<{ buildings: OrgUnit[]; estates: Map<string, string>; truncated: boolean }> {
  const roots = await scopeRoots(principal, action, action === 'grid.knock');
  if (roots.length === 0) {
    throw new DomainError(
      ErrorCode.Forbidden,
      action === 'grid.patrol' ? '只有楼栋长和社区、街道工作人员记巡查日志' : '只有楼栋长、志愿者和工作人员可以敲门走访',
    );
  }
  const units = await findOrgUnits(roots);
  const all = (await buildingsUnder(units)).filter((b) => b.kind === 'building');
  const estates = await findOrgUnits([...new Set(all.map((b) => b.parentId ?? ''))]);
  const estateName = new Map(estates.map((e) => [e._id, e.name]));
  const estateOrder = new Map(estates.map((e) => [e._id, e.order]));
  all.sort(
    (a, b) =>
      (estateOrder.get(a.parentId ?? '') ?? 0) - (estateOrder.get(b.parentId ?? '') ?? 0) ||
      (a.parentId ?? '').localeCompare(b.parentId ?? '') ||
      a.order - b.order ||
      a.name.localeCompare(b.name, 'zh-CN', { numeric: true }),
  );
  return { buildings: all.slice(0, SCOPE_BUILDINGS_MAX), estates: estateName, truncated: all.length > SCOPE_BUILDINGS_MAX };
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
