/**
 * What the identity function answers: the one contract server/identity builds and the 我的 and 管理
 * screens read (pure types, so both sides import the same definitions instead of copying them).
 */
import type { OrgTreeNode } from '../org/org.views';
import type { InvitableRole, InvitationStatus } from './invitation.rules';
import type { BindingStatus, Role } from './role';

/** A role the caller holds, with its scope's name for display. */
export interface HeldRole {
  role: Role;
  label: string;
  scopeId: string;
  scopeName: string;
}

/** `whoami`: the caller's profile and the roles in force. */
export interface WhoAmI {
  openid: string;
  name: string;
  registered: boolean;
  /** Residence binding: a pending resident holds no resident role until it is confirmed. */
  binding: BindingStatus | null;
  roles: HeldRole[];
}

/** `myBinding` / `requestBinding`: the caller's residence binding (住户绑定). */
export interface BindingState {
  buildingId: string | null;
  buildingName: string;
  /** 社区 小区 楼栋, as orders address it (empty when unbound; only `myBinding` sets it). */
  addressText?: string;
  room: string;
  binding: BindingStatus | null;
  note: string;
}

/** `listBuildings`: one entry of the public building directory (names only, no people). */
export interface DirectoryBuilding {
  _id: string;
  name: string;
  estateName: string;
  communityName: string;
}

/** `listBuildingResidents`: one confirmed resident of a building, as a building head picks them for 代点单. */
export interface BuildingResident {
  openid: string;
  /** Masked, e.g. 张* */
  displayName: string;
  /** Full name for the building head and staff in scope (`resident.fullName`), else the masked one. */
  name: string;
  room: string;
  /** 社区 小区 楼栋 房号: where the order's volunteers will go. */
  addressText: string;
}

/** `listBindingRequests`: a pending binding as the building head or staff decide it. */
export interface BindingRequest {
  openid: string;
  displayName: string;
  buildingId: string;
  buildingName: string;
  /** The building's 社区 and 小区, so two 4栋 of two estates are told apart. */
  communityName: string;
  estateName: string;
  room: string;
  /** Clear to people whose job needs it (building head, staff in scope), masked otherwise. */
  phone: string;
  requestedAt: number;
}

/** `approveBindings`: what became of each request, and the pending list as it is now. */
export interface BindingBatchResult {
  results: { openid: string; ok: boolean; message: string }[];
  requests: BindingRequest[];
}

/** `decideBinding` */
export interface BindingDecision {
  openid: string;
  binding: Exclude<BindingStatus, 'pending'>;
}

/** `issueInvitation`: the one-time code to hand over. */
export interface IssuedInvitation {
  code: string;
  role: InvitableRole;
  scopeName: string;
  expiresAt: number;
}

/** One code the caller issued, as 已发邀请码 lists it. */
export interface InvitationItem {
  code: string;
  role: InvitableRole;
  scopeId: string;
  scopeName: string;
  status: InvitationStatus;
  statusLabel: string;
  createdAt: number;
  expiresAt: number;
  /** When it was used or revoked. */
  closedAt: number | null;
}

/** `invitations`: the 邀请码 screen in one call — who the caller is, the places they may invite into, the codes they issued. */
export interface InvitationsView {
  me: WhoAmI;
  roots: OrgTreeNode[];
  issued: InvitationItem[];
}

/** `redeemInvitation`: the role the code granted. */
export interface RedeemResult {
  role: InvitableRole;
  label: string;
  scopeId: string;
  scopeName: string;
}
