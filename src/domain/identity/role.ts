/**
 * Roles, role grants and user profiles. A role is always bound to a scope:
 * an org unit id or a team id, depending on the role.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { OrgUnitKind, Timestamped } from '../org/org.types';

export type Role =
  | 'resident'
  | 'building_head'
  | 'volunteer'
  | 'team_leader'
  | 'unit_staff'
  | 'station_staff'
  | 'institute_staff'
  | 'admin';

export const ROLES: readonly Role[] = [
  'resident',
  'building_head',
  'volunteer',
  'team_leader',
  'unit_staff',
  'station_staff',
  'institute_staff',
  'admin',
];

/** Chinese UI label of each role. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  resident: '居民',
  building_head: '楼栋长',
  volunteer: '志愿者',
  team_leader: '队长',
  unit_staff: '处置单位',
  station_staff: '社区实践站',
  institute_staff: '街道实践所',
  admin: '管理员',
};

/** What a role's scope id points at: an org unit of some kind, a team, or a handling unit (处置单位, collection `handling_units`). */
export type ScopeKind = OrgUnitKind | 'team' | 'unit';

/** The kind of scope each role is granted on. */
export const ROLE_SCOPE_KIND: Readonly<Record<Role, ScopeKind>> = {
  resident: 'building',
  building_head: 'building',
  volunteer: 'team',
  team_leader: 'team',
  unit_staff: 'unit',
  station_staff: 'community',
  institute_staff: 'subdistrict',
  admin: 'subdistrict',
};

/** One role held on one scope (org unit id or team id, per `ROLE_SCOPE_KIND`). */
export interface RoleGrant {
  role: Role;
  scopeId: string;
}

export type BindingStatus = 'pending' | 'confirmed' | 'rejected';

/**
 * Document of collection `users`. `_id` is the WeChat openid.
 * No clear phone numbers or full real names are stored here.
 */
export interface UserProfile extends Timestamped {
  /** = openid */
  _id: string;
  /** WeChat nickname. */
  nickname: string;
  /** Masked real name, e.g. 张* */
  displayName: string;
  roles: RoleGrant[];
  /** The 楼栋 the user lives in (residents, building heads). */
  buildingId?: string;
  /** Room within the building, e.g. 2单元301 */
  room?: string;
  /** Residence binding status; confirmed by the building head / station. */
  binding?: BindingStatus;
  /** Masked phone, e.g. 138****1234 */
  phoneMasked?: string;
  /** Phone number encrypted at rest (server/kit/pii-cipher); clear only to those whose job needs it. */
  phoneSealed?: string;
  /** Real name encrypted at rest. */
  realNameSealed?: string;
  /** Why a binding request was rejected, shown to the resident. */
  bindingNote?: string;
}

/** True when the user holds `role`, optionally on exactly `scopeId`. */
export function hasRole(user: Pick<UserProfile, 'roles'>, role: Role, scopeId?: string): boolean {
  return user.roles.some((g) => g.role === role && (scopeId === undefined || g.scopeId === scopeId));
}

/** Scope ids on which the user holds `role`. */
export function scopesOf(user: Pick<UserProfile, 'roles'>, role: Role): string[] {
  return user.roles.filter((g) => g.role === role).map((g) => g.scopeId);
}

/** Distinct roles of a user, in `ROLES` order. */
export function rolesOf(user: Pick<UserProfile, 'roles'>): Role[] {
  return ROLES.filter((r) => user.roles.some((g) => g.role === r));
}
