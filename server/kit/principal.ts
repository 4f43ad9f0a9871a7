import { USERS } from '../../database/collections';
import type { PolicyAction } from '../../src/domain/identity/authorization.policy';
import { type AuthDecision, authorize, grantsInForce, type Principal, type ResourceScope } from '../../src/domain/identity/authorize';
import type { UserProfile } from '../../src/domain/identity/role';
import { DomainError } from '../../src/domain/shared/domain-error';
import type { Actor } from './actor';
import { lookupWhere } from './lookup';
import { readById } from './read-list';

/** The caller with the grants in force, loaded once per invocation from `users`. */
export interface LoadedPrincipal extends Principal {
  user: UserProfile | undefined;
}

export async function loadPrincipal(actor: Actor): Promise<LoadedPrincipal> {
  return principalOf(actor.openid, (await readById<UserProfile>(USERS, actor.openid)) ?? undefined);
}

/** The caller from their `users` record, however it was read (none: no grants). */
export function principalOf(openid: string, user: UserProfile | undefined): LoadedPrincipal {
  return { openid, user, grants: user ? grantsInForce(user) : [] };
}

/** A `$lookup` stage folding the caller's `users` record into an aggregate as `caller_`. */
export const callerLookup = (actor: Pick<Actor, 'openid'>) => lookupWhere(USERS, { _id: actor.openid }, 'caller_');

/** Throws AUTH.FORBIDDEN / AUTH.OUT_OF_SCOPE unless the policy table allows it. */
export function requirePermission(principal: Principal, action: PolicyAction, resource: ResourceScope): void {
  const decision: AuthDecision = authorize(principal, action, resource);
  if (!decision.allowed) throw new DomainError(decision.code, decision.message);
}
