import { identityFn } from '@/contracts';
import type { WhoAmI } from '@/domain/identity/identity.views';
import { callCloud } from '@/services/cloud';

export type { WhoAmI };

/** The caller, or null when unknown (not signed in / the function is unavailable). */
export async function whoami(): Promise<WhoAmI | null> {
  try {
    const me = await callCloud(identityFn, 'whoami');
    return me?.openid ? me : null;
  } catch {
    return null;
  }
}

export const hasRole = (me: WhoAmI | null, role: string) => me?.roles.some((r) => r.role === role) === true;

/** The team ids the caller holds a role on (leader or volunteer). */
export const teamsOf = (me: WhoAmI | null, role: 'team_leader' | 'volunteer') =>
  (me?.roles ?? []).filter((r) => r.role === role).map((r) => ({ teamId: r.scopeId, name: r.scopeName }));
