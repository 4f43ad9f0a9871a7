import { TEAMS } from '../../database/collections';
import type { Role } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import type { TeamDoc } from '../../src/domain/team/team.rules';
import type { LoadedPrincipal } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { childrenOf, findOrgUnits } from '../org/org-units';

const TEAM_ROLES: readonly Role[] = ['volunteer', 'team_leader'];

/**
 * Where a volunteer may 随手拍: the service areas of the teams they serve in (volunteer or
 * leader). The policy table cannot say it (a team grant is scoped to the team, not to places),
 * so the use case asks here, as 敲门 does.
 */
export async function teamAreasOf(principal: LoadedPrincipal): Promise<string[]> {
  const ids = [...new Set(principal.grants.filter((g) => TEAM_ROLES.includes(g.role)).map((g) => g.scopeId))];
  if (ids.length === 0) return [];
  const _ = database().command;
  const teams = await readList<TeamDoc>(
    database()
      .collection(TEAMS)
      .where({ _id: _.in(ids) })
      .field({ serviceArea: true })
      .limit(ids.length),
  );
  return [...new Set(teams.flatMap((t) => t.serviceArea ?? []))];
}

/** A place lies in a team's service area. */
export const inAreas = (orgPath: readonly string[], areas: readonly string[]): boolean => areas.some((id) => orgPath.includes(id));

/** The 小区 of the service areas (an area may be a 街道, a 社区 or a 小区), for the 随手拍 place picker. */
export async function estatesOfAreas(areas: readonly string[]): Promise<OrgUnit[]> {
  if (areas.length === 0) return [];
  const roots = await findOrgUnits(areas);
  const estates = roots.filter((u) => u.kind === 'estate');
  let level = roots.filter((u) => u.kind === 'subdistrict' || u.kind === 'community');
  // Down to the 小区: a 街道's communities, then their estates.
  for (let depth = 0; depth < 2 && level.length > 0; depth++) {
    const children = await childrenOf(level.map((u) => u._id));
    estates.push(...children.filter((u) => u.kind === 'estate'));
    level = children.filter((u) => u.kind === 'community');
  }
  return [...new Map(estates.map((e) => [e._id, e])).values()].slice(0, 200);
}
