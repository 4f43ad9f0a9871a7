import type { WhoAmI } from '../../src/domain/identity/identity.views';
import { ROLE_LABELS } from '../../src/domain/identity/role';
import type { Actor } from '../kit/actor';
import { type CallerRead, readCaller } from './caller';

/** WhoAmI from the caller read once (`readCaller`): screens that also need the principal pass it on. */
export function whoamiOf(read: CallerRead): WhoAmI {
  const { principal, scopeNames } = read;
  const user = principal.user;
  if (!user) return { openid: principal.openid, name: '微信用户', registered: false, binding: null, roles: [] };
  return {
    openid: principal.openid,
    name: user.displayName || user.nickname,
    registered: true,
    binding: user.binding ?? null,
    roles: principal.grants.map((g) => ({
      role: g.role,
      label: ROLE_LABELS[g.role],
      scopeId: g.scopeId,
      scopeName: scopeNames.get(g.scopeId) ?? '',
    })),
  };
}

/** The caller's profile and roles, with each scope's name for display: one request. */
export async function whoami(actor: Actor): Promise<WhoAmI> {
  return whoamiOf(await readCaller(actor));
}
