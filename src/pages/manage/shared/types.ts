/** What the identity, org and team functions answer to the 管理 screens (server/identity, server/org, server/team). */
import type { InvitableRole } from '@/domain/identity/invitation.rules';
import type { Role } from '@/domain/identity/role';

export type { OrgTreeNode } from '@/domain/org/org-tree';

export interface WhoAmI {
  openid: string;
  name: string;
  roles: { role: Role; label: string; scopeId: string; scopeName: string }[];
}

export interface BindingRequest {
  openid: string;
  displayName: string;
  buildingId: string;
  buildingName: string;
  room: string;
  phone: string;
  requestedAt: number;
}

export interface VolunteerApplication {
  openid: string;
  realName: string;
  phone: string;
  skills: string[];
  availability: string;
  communityName: string;
  appliedAt: number;
}

export interface LeaderCandidate {
  openid: string;
  displayName: string;
  phoneMasked: string;
  communityName: string;
  teams: string[];
}

export interface TeamSummary {
  teamId: string;
  name: string;
  intro: string;
  skills: string[];
  rating: number;
  memberCount: number;
  leaderName?: string;
  serviceArea?: { id: string; name: string }[];
}

export interface IssuedInvitation {
  code: string;
  role: InvitableRole;
  scopeName: string;
  expiresAt: number;
}

export interface RedeemResult {
  role: Role;
  label: string;
  scopeId: string;
  scopeName: string;
}
