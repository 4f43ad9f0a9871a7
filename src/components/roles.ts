import { ROLE_LABELS, ROLES, type Role } from '@/domain/identity/role';

/** Chinese labels of role codes (the domain's ROLE_LABELS), in order of seniority (ROLES). */
export const ROLE_GROUPS: ReadonlyArray<{ label: string; codes: readonly Role[] }> = ROLES.map((role) => ({
  label: ROLE_LABELS[role],
  codes: [role],
}));

export const OTHER_GROUP = '其他';

function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** Chinese label for a role code; Chinese labels and unknown codes pass through unchanged. */
export function roleLabel(role: string): string {
  return isRole(role) ? ROLE_LABELS[role] : role;
}

/** Index of a role in ROLES (higher = more senior); Chinese labels are accepted; unknown roles rank -1. */
export function roleRank(role: string): number {
  return ROLE_GROUPS.findIndex((g) => g.codes.includes(role as Role) || g.label === role);
}
