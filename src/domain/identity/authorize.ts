import { ErrorCode } from '../shared/domain-error';
import { POLICY, type PolicyAction } from './authorization.policy';
import { ROLE_SCOPE_KIND, type RoleGrant, type UserProfile } from './role';

/** The caller as the authorization module needs them: who, and which grants are in force. */
export interface Principal {
  openid: string;
  grants: readonly RoleGrant[];
}

/** Where a resource sits: its org unit path (root first, the unit itself last) and/or its team. */
export interface ResourceScope {
  orgPath?: readonly string[];
  teamId?: string;
  /** The handling units (处置单位) a grid problem is dispatched to: a `unit_staff` grant covers it by one of them. */
  unitIds?: readonly string[];
  /** For `self` rules: whose resource it is. */
  ownerOpenid?: string;
}

export type AuthDecision =
  | { allowed: true }
  | { allowed: false; code: typeof ErrorCode.Forbidden | typeof ErrorCode.OutOfScope; message: string };

const ALLOW: AuthDecision = { allowed: true };

/**
 * The grants a user's roles give them now. A resident whose binding is still pending holds the
 * grant on paper but not in force, so a stranger cannot read a building's notices.
 */
export function grantsInForce(user: Pick<UserProfile, 'roles' | 'binding' | 'buildingId'>): RoleGrant[] {
  return user.roles.filter((g) => g.role !== 'resident' || (user.binding === 'confirmed' && user.buildingId === g.scopeId));
}

function grantCovers(grant: RoleGrant, resource: ResourceScope): boolean {
  if (ROLE_SCOPE_KIND[grant.role] === 'team') return resource.teamId !== undefined && resource.teamId === grant.scopeId;
  if (ROLE_SCOPE_KIND[grant.role] === 'unit') return resource.unitIds?.includes(grant.scopeId) ?? false;
  return resource.orgPath?.includes(grant.scopeId) ?? false;
}

/** Allow or deny `action` on `resource` for `principal`, with a stable code when denied. */
export function authorize(principal: Principal, action: PolicyAction, resource: ResourceScope): AuthDecision {
  const rule = POLICY[action];
  if (rule.scope === 'self') {
    return resource.ownerOpenid === undefined || resource.ownerOpenid === principal.openid
      ? ALLOW
      : { allowed: false, code: ErrorCode.Forbidden, message: '只能操作自己的信息' };
  }
  const relevant = principal.grants.filter((g) => (rule.roles as readonly string[]).includes(g.role));
  if (relevant.length === 0) return { allowed: false, code: ErrorCode.Forbidden, message: '没有权限进行此操作' };
  if (relevant.some((g) => grantCovers(g, resource))) return ALLOW;
  return { allowed: false, code: ErrorCode.OutOfScope, message: '超出您负责的范围' };
}
