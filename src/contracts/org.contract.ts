import { z } from 'zod';
import type { AddedOrgUnit, GroupSummary, OrgTree, RenamedOrgUnit } from '../domain/org/org.views';
import { ErrorCode } from '../domain/shared/domain-error';
import { act, defineContract } from './kit';
import { id, none, requestId, text } from './schemas';

const { NotFound, Forbidden, OutOfScope, Conflict } = ErrorCode;

const name = text({ label: '名称', min: 1, max: 30 });

/** The organisation tree (街道 → 社区 → 小区 → 楼栋) and the buildings' WeChat groups. */
export const orgContract = defineContract('org', {
  tree: act(none, [Forbidden, OutOfScope]).answers<OrgTree>(),
  /** 添加小区 / 楼栋; with the form's request id a retry answers the unit already made. */
  addUnit: act(z.object({ parentId: id, name, requestId: requestId.optional() }).strict(), [
    NotFound,
    Forbidden,
    OutOfScope,
    Conflict,
  ]).answers<AddedOrgUnit>(),
  renameUnit: act(z.object({ unitId: id, name }).strict(), [NotFound, Forbidden, OutOfScope]).answers<RenamedOrgUnit>(),
  /** Rename a building's group, set / clear its robot webhook key (never answered back), or unbind a wrongly bound group. */
  updateGroup: act(
    z
      .object({
        groupId: id,
        name: name.optional(),
        /** The key, or the whole Webhook address staff copy from 企业微信 (…/webhook/send?key=…): only the key is kept. */
        robotWebhookKey: z
          .string()
          .trim()
          .max(200)
          .transform((v) => /[?&]key=([^&#\s]+)/.exec(v)?.[1] ?? v)
          .pipe(
            z.string().regex(/^[A-Za-z0-9-]{8,64}$/, '群机器人地址不正确：请在企业微信群里打开群机器人，复制完整的 Webhook 地址粘贴到这里'),
          )
          .nullable()
          .optional(),
        /** Forget the group's opengid (and who bound it): the next share card from the right building binds it again. */
        unbind: z.literal(true).optional(),
      })
      .strict(),
    [NotFound, Forbidden, OutOfScope],
  ).answers<GroupSummary>(),
});
export type OrgContract = typeof orgContract;
