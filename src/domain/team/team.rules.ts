/**
 * Volunteer teams (志愿服务队): who can lead, join requests and their states, membership changes
 * and the role grants that follow them. Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { RoleGrant } from '../identity/role';
import type { Team, Timestamped } from '../org/org.types';
import type { VolunteerStatus } from './volunteer.rules';

export const TEAM_NAME_MIN = 2;
export const TEAM_NAME_MAX = 20;
export const TEAM_INTRO_MAX = 60;
export const TEAM_SKILLS_MAX = 20;
export const TEAM_SERVICE_AREA_MAX = 20;
export const JOIN_NOTE_MAX = 60;

/** A stored team. Teams created by the team function also carry their home subdistrict. */
export interface TeamDoc extends Team {
  /** The subdistrict whose institute organises the team (older documents: derived from serviceArea). */
  subdistrictId?: string;
}

export type JoinRequestStatus = 'open' | 'approved' | 'rejected';

/** Document of collection `team_join_requests`. */
export interface JoinRequest extends Timestamped {
  _id: string;
  teamId: string;
  openid: string;
  note: string;
  status: JoinRequestStatus;
  /**
   * Unique key: `open:<teamId>:<openid>` while open, so there is at most one open request per
   * (team, volunteer); once decided it becomes `closed:<_id>` (always present, always distinct,
   * so the unique index needs no sparse option in production).
   */
  openKey: string;
  decidedBy: string | null;
  decidedAt: number | null;
}

export const openKeyOf = (teamId: string, openid: string): string => `open:${teamId}:${openid}`;
export const closedKeyOf = (requestId: string): string => `closed:${requestId}`;

/** A volunteer is "approved" when staff approved their registration, or they already serve in a team. */
export function isApprovedVolunteer(profileStatus: VolunteerStatus | null | undefined, roles: readonly RoleGrant[]): boolean {
  return profileStatus === 'approved' || roles.some((g) => g.role === 'volunteer');
}

/** Why someone cannot lead (null when they can): only approved volunteers lead teams. */
export function leaderIneligibility(profileStatus: VolunteerStatus | null | undefined, roles: readonly RoleGrant[]): string | null {
  if (isApprovedVolunteer(profileStatus, roles)) return null;
  if (profileStatus === 'pending') return '队长的志愿者注册还在审核中';
  return '队长必须是已通过审核的志愿者';
}

export type JoinDecision = { ok: true; next: Exclude<JoinRequestStatus, 'open'> } | { ok: false; reason: 'alreadyDecided' };

/** The join request state machine: only an open request can be decided, once. */
export function decideJoinRequest(status: JoinRequestStatus, approve: boolean): JoinDecision {
  if (status !== 'open') return { ok: false, reason: 'alreadyDecided' };
  return { ok: true, next: approve ? 'approved' : 'rejected' };
}

export type LeaveCheck = 'ok' | 'notMember' | 'isLeader';

/** A member may leave; the leader has to hand over first. */
export function leaveCheck(team: Pick<Team, 'leaderOpenid' | 'memberOpenids'>, openid: string): LeaveCheck {
  if (team.leaderOpenid === openid) return 'isLeader';
  return team.memberOpenids.includes(openid) ? 'ok' : 'notMember';
}

export type TransferCheck = 'ok' | 'same' | 'notMember';

/** Leadership goes to a member other than the current leader; to the current leader it is a no-op. */
export function transferCheck(team: Pick<Team, 'leaderOpenid' | 'memberOpenids'>, toOpenid: string): TransferCheck {
  if (team.leaderOpenid === toOpenid) return 'same';
  return team.memberOpenids.includes(toOpenid) ? 'ok' : 'notMember';
}

const sameGrant = (a: RoleGrant, b: RoleGrant) => a.role === b.role && a.scopeId === b.scopeId;

/** `roles` plus the given grants (no duplicates, existing order kept). */
export function withGrants(roles: readonly RoleGrant[], grants: readonly RoleGrant[]): RoleGrant[] {
  const out = [...roles];
  for (const g of grants) if (!out.some((r) => sameGrant(r, g))) out.push({ role: g.role, scopeId: g.scopeId });
  return out;
}

/** `roles` without the given grants. */
export function withoutGrants(roles: readonly RoleGrant[], grants: readonly RoleGrant[]): RoleGrant[] {
  return roles.filter((r) => !grants.some((g) => sameGrant(r, g)));
}

/** Members with the new one appended (no duplicates). */
export const withMember = (members: readonly string[], openid: string): string[] =>
  members.includes(openid) ? [...members] : [...members, openid];

export const withoutMember = (members: readonly string[], openid: string): string[] => members.filter((m) => m !== openid);
