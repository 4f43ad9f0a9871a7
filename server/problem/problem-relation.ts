import { authorize, type Principal } from '../../src/domain/identity/authorize';
import type { Role } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import type { ProblemParty } from '../../src/domain/problem/problem.state-machine';
import type { ProblemDoc } from '../../src/domain/problem/problem.types';
import { ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { findOrgUnits } from '../org/org-units';

/** The caller's relation to one problem: the parties for the state machine, and what they may see. */
export interface ProblemRelation {
  parties: ProblemParty[];
  /** May open the problem at all. */
  viewer: boolean;
  /** Sees the reporter's (masked) name: staff, the unit, the grid worker. */
  seesReporter: boolean;
  /** How to refuse someone who may not open it: a staff or unit grant elsewhere is OUT_OF_SCOPE. */
  refusal: typeof ErrorCode.Forbidden | typeof ErrorCode.OutOfScope;
  /** Label of the caller's capacity on the timeline. */
  actorLabel: string;
}

const STAFF_ROLES: readonly Role[] = ['station_staff', 'institute_staff', 'admin'];
const NEIGHBOUR_ROLES: readonly Role[] = ['resident', 'building_head'];

const withRoles = (principal: Principal, roles: readonly Role[]): Principal => ({
  openid: principal.openid,
  grants: principal.grants.filter((g) => roles.includes(g.role)),
});

/** The buildings the caller lives in or heads that lie in the problem's 小区. */
async function neighbourOf(principal: LoadedPrincipal, problem: ProblemDoc): Promise<boolean> {
  const ids = principal.grants.filter((g) => NEIGHBOUR_ROLES.includes(g.role)).map((g) => g.scopeId);
  if (ids.length === 0) return false;
  const buildings: OrgUnit[] = await findOrgUnits([...new Set(ids)]);
  return buildings.some((b) => b._id === problem.estateId || b.path.includes(problem.estateId));
}

/**
 * Who the caller is to this problem. A unit is a party only while the problem is dispatched to it
 * (or was fixed by it): `unitIds` is cleared when it is returned or reopened.
 */
export async function relationTo(principal: LoadedPrincipal, problem: ProblemDoc): Promise<ProblemRelation> {
  const resource = { orgPath: problem.orgPath, unitIds: problem.unitIds };
  const parties: ProblemParty[] = [];
  const reporter = problem.reporterOpenid === principal.openid;
  if (reporter) parties.push('reporter');
  const staff = authorize(withRoles(principal, STAFF_ROLES), 'problem.manage', resource).allowed;
  if (staff) parties.push('staff');
  const grid = authorize(withRoles(principal, ['building_head']), 'problem.check', resource).allowed;
  if (grid) parties.push('grid');
  const unitGrant = principal.grants.find((g) => g.role === 'unit_staff' && problem.unitIds.includes(g.scopeId));
  if (unitGrant) parties.push('unit');
  const neighbour = !reporter && (await neighbourOf(principal, problem));
  if (neighbour) parties.push('public');
  const holdsOrgOrUnitRole = principal.grants.some((g) => STAFF_ROLES.includes(g.role) || g.role === 'unit_staff');
  const unitIndex = unitGrant ? problem.unitIds.indexOf(unitGrant.scopeId) : -1;
  const institute = staff && authorize(withRoles(principal, ['institute_staff', 'admin']), 'problem.manage', resource).allowed;
  return {
    parties,
    viewer: parties.length > 0,
    seesReporter: staff || grid || unitGrant !== undefined,
    refusal: holdsOrgOrUnitRole ? ErrorCode.OutOfScope : ErrorCode.Forbidden,
    actorLabel: staff
      ? institute
        ? '街道实践所'
        : '社区实践站'
      : unitGrant
        ? (problem.unitNames[unitIndex] ?? '处置单位')
        : grid
          ? '楼栋长'
          : reporter
            ? '上报人'
            : '居民',
  };
}
