/**
 * What the identity function answers: the one contract server/identity builds and the 我的 and 管理
 * screens read (pure types, so both sides import the same definitions instead of copying them).
 */
import type { InvitableRole } from './invitation.rules';
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
  room: string;
  /** Clear to people whose job needs it (building head, staff in scope), masked otherwise. */
  phone: string;
  requestedAt: number;
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

/** `redeemInvitation`: the role the code granted. */
export interface RedeemResult {
  role: InvitableRole;
  label: string;
  scopeId: string;
  scopeName: string;
}
