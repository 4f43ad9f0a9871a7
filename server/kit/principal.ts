import { USERS } from '../../database/collections';
import type { PolicyAction } from '../../src/domain/identity/authorization.policy';
import { type AuthDecision, authorize, grantsInForce, type Principal, type ResourceScope } from '../../src/domain/identity/authorize';
import type { UserProfile } from '../../src/domain/identity/role';
import { DomainError } from '../../src/domain/shared/domain-error';
import type { Actor } from './actor';
import { readById } from './read-list';

/** The caller with the grants in force, loaded once per invocation from `users`. */
export interface LoadedPrincipal extends Principal {
  user: UserProfile | undefined;
}

export async function loadPrincipal(actor: Actor): Promise<LoadedPrincipal> {
  const user = (await readById<UserProfile>(USERS, actor.openid)) ?? undefined;
  return { openid: actor.openid, user, grants: user ? grantsInForce(user) : [] };
}

/** Throws AUTH.FORBIDDEN / AUTH.OUT_OF_SCOPE unless the policy table allows it. */
export function requirePermission(principal: Principal, action: PolicyAction, resource: ResourceScope): void {
  const decision: AuthDecision = authorize(principal, action, resource);
  if (!decision.allowed) throw new DomainError(decision.code, decision.message);
}
