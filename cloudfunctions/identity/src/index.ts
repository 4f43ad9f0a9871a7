import { z } from 'zod';
import { decideBinding, listBindingRequests, myBinding, requestBinding } from '../../../server/identity/binding';
import { listBuildingResidents, listBuildings } from '../../../server/identity/building-directory';
import { issueInvitation, redeemInvitation } from '../../../server/identity/invitation';
import { whoami } from '../../../server/identity/whoami.query';
import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { action, defineUntypedFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { requestIdInput } from '../../../server/kit/request-id';
import { INVITABLE_ROLES } from '../../../src/domain/identity/invitation.rules';

const id = z.string().trim().min(1).max(64);
const none = z.object({}).strict();

/** Who the caller is and where they belong. The caller always comes from the WeChat context. */
export const main = defineUntypedFunction({
  whoami: action({ input: none, run: () => whoami(requireActor()) }),
  myBinding: action({ input: none, run: () => myBinding(requireActor()) }),
  requestBinding: action({
    input: z.object({ buildingId: id, room: z.string().trim().min(1, '请填写房号').max(20, '房号最多 20 个字') }).strict(),
    run: (input) => requestBinding(requireActor(), input, now()),
  }),
  /** 楼栋目录 for the binding picker: place names only. */
  listBuildings: action({ input: none, run: () => listBuildings() }),
  /** Confirmed residents of a building (masked names, rooms) for 代点单: its building head or staff in scope. */
  listBuildingResidents: action({
    input: z.object({ buildingId: id }).strict(),
    run: async (input) => listBuildingResidents(await loadPrincipal(requireActor()), input),
  }),
  listBindingRequests: action({
    input: none,
    run: async () => listBindingRequests(await loadPrincipal(requireActor())),
  }),
  issueInvitation: action({
    input: z.object({ role: z.enum(INVITABLE_ROLES), scopeId: id, requestId: requestIdInput.optional() }).strict(),
    run: async (input) => issueInvitation(await loadPrincipal(requireActor()), input, now()),
  }),
  redeemInvitation: action({
    input: z
      .object({
        code: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9]{8}$/, '邀请码是 8 位字母或数字'),
      })
      .strict(),
    run: (input) => redeemInvitation(requireActor(), input, now()),
  }),
  decideBinding: action({
    input: z.object({ openid: id, approve: z.boolean(), note: z.string().trim().max(100).optional() }).strict(),
    run: async (input) => decideBinding(await loadPrincipal(requireActor()), input, now()),
  }),
});
