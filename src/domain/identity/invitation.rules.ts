import { ROLE_SCOPE_KIND, type Role } from './role';

/** Roles that are given by invitation code rather than self-service. */
export const INVITABLE_ROLES = [
  'building_head',
  'unit_staff',
  'station_staff',
  'institute_staff',
  'admin',
] as const satisfies readonly Role[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/** Seniority of the roles that may invite: nobody invites above their own level. */
const RANK: Partial<Record<Role, number>> = { building_head: 0, unit_staff: 0, station_staff: 1, institute_staff: 2, admin: 3 };
/** Roles that never invite anyone (a building head or a unit's staff is invited by staff). */
const NOT_INVITING: readonly Role[] = ['building_head', 'unit_staff'];

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** An unambiguous alphabet (no 0/O, 1/I/L) so a code read aloud over the phone survives. */
export const INVITATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITATION_CODE_LENGTH = 8;

/** May someone holding `issuerRoles` invite into `role`? (Scope is checked by `authorize`.) */
export function mayInviteInto(issuerRoles: readonly Role[], role: InvitableRole): boolean {
  const target = RANK[role] ?? Number.POSITIVE_INFINITY;
  return issuerRoles.some((r) => (RANK[r] ?? -1) >= target && !NOT_INVITING.includes(r));
}

/** The org-unit kind an invited role must be scoped to. */
export const invitedScopeKind = (role: InvitableRole) => ROLE_SCOPE_KIND[role];

/** What an issued code is now, as its list shows it. */
export type InvitationStatus = 'unused' | 'used' | 'revoked' | 'expired';

export const INVITATION_STATUS_LABELS: Readonly<Record<InvitationStatus, string>> = {
  unused: '未使用',
  used: '已使用',
  revoked: '已撤销',
  expired: '已过期',
};

/** Revoked before anything else (a revoked code never works), then used, then past its expiry. */
export function invitationStatus(
  invitation: { usedBy: string | null; expiresAt: number; revokedAt?: number | null },
  now: number,
): InvitationStatus {
  if (invitation.revokedAt) return 'revoked';
  if (invitation.usedBy) return 'used';
  return invitation.expiresAt <= now ? 'expired' : 'unused';
}
