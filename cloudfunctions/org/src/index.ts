import { z } from 'zod';
import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { action, defineUntypedFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { requestIdInput } from '../../../server/kit/request-id';
import { addOrgUnit, orgTree, renameOrgUnit, updateGroup } from '../../../server/org/org-tree';

const id = z.string().trim().min(1).max(64);
const name = z.string().trim().min(1, '名称不能为空').max(30, '名称最多 30 个字');
const principal = async () => loadPrincipal(requireActor());

/** The organisation tree (街道 → 社区 → 小区 → 楼栋) and the buildings' WeChat groups. */
export const main = defineUntypedFunction({
  tree: action({ input: z.object({}).strict(), run: async () => orgTree(await principal()) }),
  addUnit: action({
    input: z.object({ parentId: id, name, requestId: requestIdInput.optional() }).strict(),
    run: async (input) => addOrgUnit(await principal(), input, now()),
  }),
  renameUnit: action({
    input: z.object({ unitId: id, name }).strict(),
    run: async (input) => renameOrgUnit(await principal(), input, now()),
  }),
  updateGroup: action({
    input: z
      .object({
        groupId: id,
        name: name.optional(),
        robotWebhookKey: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9-]{8,64}$/, '机器人 webhook key 格式不正确')
          .nullable()
          .optional(),
      })
      .strict(),
    run: async (input) => updateGroup(await principal(), input, now()),
  }),
});
