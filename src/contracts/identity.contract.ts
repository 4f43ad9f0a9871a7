import { z } from 'zod';
import { BINDING_BATCH_MAX, BINDING_NOTE_MAX, ROOM_MAX } from '../domain/identity/binding.rules';
import type { HomeView } from '../domain/identity/home.views';
import type {
  BindingBatchResult,
  BindingDecision,
  BindingRequest,
  BindingState,
  BuildingResident,
  DirectoryBuilding,
  InvitationItem,
  InvitationsView,
  IssuedInvitation,
  RedeemResult,
  WhoAmI,
} from '../domain/identity/identity.views';
import { INVITABLE_ROLES } from '../domain/identity/invitation.rules';
import { ROLES, type Role } from '../domain/identity/role';
import type { BindingPageView, MineView, ProxySetupView } from '../domain/order/screen.views';
import { ErrorCode } from '../domain/shared/domain-error';
import { act, defineContract } from './kit';
import { id, none, requestId, text } from './schemas';

const { NotFound, Forbidden, OutOfScope, Conflict, TooManyAttempts } = ErrorCode;

/** Who the caller is and where they belong. The caller always comes from the WeChat context. */
export const identityContract = defineContract('identity', {
  whoami: act(none).answers<WhoAmI>(),
  /** The caller's upload key: photos go to `<folder>/…/<uploadKey>/<name>`, the only files the caller may attach. */
  uploadKey: act(none).answers<{ uploadKey: string }>(),
  /** 首页 in one call: who the caller is and the work of `role` (if held; else their first role). */
  home: act(z.object({ role: z.enum(ROLES as unknown as [Role, ...Role[]]).optional() }).strict()).answers<HomeView>(),
  myBinding: act(none).answers<BindingState>(),
  /** 住户绑定: ask to be bound to a building; a building head or the station confirms. */
  requestBinding: act(z.object({ buildingId: id, room: text({ label: '房号', min: 1, max: ROOM_MAX }) }).strict(), [
    NotFound,
    Conflict,
  ]).answers<BindingState>(),
  /** 楼栋目录 for the binding picker: place names only. */
  listBuildings: act(none).answers<DirectoryBuilding[]>(),
  /** Confirmed residents of a building (masked names, rooms) for 代点单: its building head or staff in scope. */
  listBuildingResidents: act(z.object({ buildingId: id }).strict(), [NotFound, Forbidden, OutOfScope]).answers<BuildingResident[]>(),
  listBindingRequests: act(none, [Forbidden]).answers<BindingRequest[]>(),
  issueInvitation: act(z.object({ role: z.enum(INVITABLE_ROLES), scopeId: id, requestId: requestId.optional() }).strict(), [
    NotFound,
    Forbidden,
    OutOfScope,
  ]).answers<IssuedInvitation>(),
  /** An invalid, used or expired code answers RESOURCE.NOT_FOUND; too many of them AUTH.TOO_MANY_ATTEMPTS. */
  redeemInvitation: act(
    z
      .object({
        code: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9]{8}$/, '邀请码是 8 位字母或数字'),
      })
      .strict(),
    [NotFound, TooManyAttempts],
  ).answers<RedeemResult>(),
  /** 我的 in one call: who the caller is and their binding. */
  mine: act(none).answers<MineView>(),
  /** 绑定楼栋 in one call: the caller's binding and the building directory (requestBinding answers the binding after). */
  bindingPage: act(none).answers<BindingPageView>(),
  /** 代点单 in one call: the buildings the caller heads, one building's residents (default the first), the service menu. */
  proxySetup: act(z.object({ buildingId: id.optional() }).strict(), [NotFound, Forbidden, OutOfScope]).answers<ProxySetupView>(),
  /** 批量通过: confirms several pending bindings at once; each succeeds or fails on its own, and the answer is the list after. */
  approveBindings: act(
    z
      .object({
        openids: z.array(id).min(1, '请至少选择一条申请').max(BINDING_BATCH_MAX, `一次最多通过 ${BINDING_BATCH_MAX} 条`),
      })
      .strict(),
    [Forbidden],
  ).answers<BindingBatchResult>(),
  /** The 邀请码 screen in one call: who the caller is, the org tree, the codes they issued (status each). */
  invitations: act(none).answers<InvitationsView>(),
  /** 撤销 an unused code (its issuer or staff in its scope); answers the caller's issued codes. */
  revokeInvitation: act(
    z
      .object({
        code: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9]{8}$/, '邀请码是 8 位字母或数字'),
      })
      .strict(),
    [NotFound, Forbidden, OutOfScope, Conflict],
  ).answers<InvitationItem[]>(),
  decideBinding: act(
    z.object({ openid: id, approve: z.boolean(), note: text({ label: '说明', max: BINDING_NOTE_MAX }).optional() }).strict(),
    [NotFound, Forbidden, OutOfScope, Conflict],
  ).answers<BindingDecision>(),
});
export type IdentityContract = typeof identityContract;
