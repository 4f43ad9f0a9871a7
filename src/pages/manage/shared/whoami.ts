import { identityFn } from '@/contracts';
import type { WhoAmI } from '@/domain/identity/identity.views';
import type { Role } from '@/domain/identity/role';
import { callCloud } from '@/services/cloud';

export const fetchWhoAmI = () => callCloud(identityFn, 'whoami');

/** True when `me` holds any of `roles`. */
export const holdsAny = (me: Pick<WhoAmI, 'roles'>, roles: readonly Role[]) => me.roles.some((g) => roles.includes(g.role));

export const STAFF_ROLES: readonly Role[] = ['station_staff', 'institute_staff', 'admin'];
/** Who may create teams (policy `team.create`). */
export const TEAM_CREATORS: readonly Role[] = ['institute_staff', 'admin'];
