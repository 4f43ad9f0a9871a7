import type { OrgUnit, WechatGroup } from '../../src/domain/org/org.types';
import type { OrgTreeNode } from '../../src/domain/org/org-tree';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, expand, openManage, outlineChildren, outlineRow, screen } from './manage-support';
import { enterAs, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(180_000);

const STATION = 'o-station-01';
const COMMUNITY = 'org-community-01';
const ESTATE = '天府花园';
const units = seed.org_units as unknown as OrgUnit[];
/** The first group of 天府花园 without a robot, and its building. */
const group = (seed.wechat_groups as unknown as WechatGroup[]).find(
  (g) => !g.robotWebhookKey && units.find((u) => u._id === g.buildingId)?.parentId === 'org-estate-01',
) as WechatGroup;
const BUILDING = units.find((u) => u._id === group?.buildingId)?.name as string;
const ROBOT_KEY = 'e2e-robot-key-0003';
const flatten = (nodes: OrgTreeNode[]): OrgTreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('组织架构: staff add and rename a 小区, set and clear a group robot', () => {
  beforeAll(() => {
    if (!group) throw new Error('the demo seed changed: 天府花园 should have a group without a robot');
  });
  const env = cloudAndPhone();

  const tree = async (): Promise<OrgTreeNode[]> =>
    flatten((await env.cloud.call('org', { action: 'tree' }, STATION)).body.result.data.roots as OrgTreeNode[]);

  it('adds 小区 幸福里 under 和平社区, renames it, and the tree reads back both', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, STATION);
    await openManage(page, '组织架构');
    await outlineRow(page, '和平社区').waitFor();
    await screenshot(page, 'manage-tree-01-tree');

    await outlineRow(page, '和平社区').getByText('添加小区', { exact: true }).click();
    await fillByPlaceholder(page, '新小区的名称', '幸福里');
    await screenshot(page, 'manage-tree-02-add-estate');
    await outlineRow(page, '和平社区').locator('.async-button', { hasText: '保存' }).click();
    await outlineRow(page, '幸福里').waitFor();
    const added = (await tree()).find((n) => n.name === '幸福里');
    expect(added).toMatchObject({ kind: 'estate' });
    const stored = env.cloud.store.findById('org_units', added?._id as string) as unknown as OrgUnit;
    expect(stored).toMatchObject({ kind: 'estate', parentId: COMMUNITY, name: '幸福里' });

    await outlineRow(page, '幸福里').getByText('改名', { exact: true }).click();
    await fillByPlaceholder(page, '新的名称', '幸福里小区');
    await outlineRow(page, '幸福里').locator('.async-button', { hasText: '保存' }).click();
    await outlineRow(page, '幸福里小区').waitFor();
    expect(await outlineRow(page, '幸福里').count()).toBe(0);
    expect((await tree()).find((n) => n._id === added?._id)?.name).toBe('幸福里小区');
    await screenshot(page, 'manage-tree-03-renamed');
  });

  it('sets the robot of a 天府花园 group: the page says 已设置, the org function never returns the key; then clears it', async () => {
    const { page } = env.phone;
    await expand(page, ESTATE);
    await expand(page, BUILDING);
    const groupRow = outlineChildren(page, BUILDING).locator('.mtree__group', { hasText: group.name });
    await groupRow.getByText('群机器人 未设置').waitFor();
    await groupRow.getByText('设置机器人', { exact: true }).click();
    await fillByPlaceholder(page, '粘贴群机器人的 Webhook 地址', `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${ROBOT_KEY}`);
    await groupRow.scrollIntoViewIfNeeded();
    await screenshot(page, 'manage-tree-04-robot-key');
    await groupRow.locator('.async-button', { hasText: '保存' }).click();
    await groupRow.getByText('群机器人 已设置').waitFor();
    expect(await screen(page).getByText(ROBOT_KEY).count()).toBe(0);
    await settle(page);
    await groupRow.scrollIntoViewIfNeeded();
    await screenshot(page, 'manage-tree-05-robot-set');

    // Read back through the org function: set, never returned; stored as typed.
    const answer = (await env.cloud.call('org', { action: 'tree' }, STATION)).body.result;
    const shown = flatten(answer.data.roots)
      .flatMap((n) => n.groups)
      .find((g) => g._id === group._id);
    expect(shown).toMatchObject({ hasRobot: true, name: group.name });
    expect(JSON.stringify(answer)).not.toContain(ROBOT_KEY);
    expect(env.cloud.store.findById('wechat_groups', group._id)).toMatchObject({ robotWebhookKey: ROBOT_KEY });

    // A malformed key is refused with the server's words and changes nothing.
    await groupRow.getByText('更换机器人', { exact: true }).click();
    await fillByPlaceholder(page, '粘贴群机器人的 Webhook 地址', 'bad key!');
    await groupRow.locator('.async-button', { hasText: '保存' }).click();
    await page.getByText('群机器人地址不正确：请在企业微信群里打开群机器人，复制完整的 Webhook 地址粘贴到这里').waitFor();
    expect(env.cloud.store.findById('wechat_groups', group._id)).toMatchObject({ robotWebhookKey: ROBOT_KEY });
    await groupRow.getByText('取消', { exact: true }).click();

    await groupRow.getByText('清除机器人', { exact: true }).click();
    await page.getByText('清除群机器人？').waitFor();
    await screenshot(page, 'manage-tree-06-clear-confirm');
    await page.getByText('清除', { exact: true }).click();
    await groupRow.getByText('群机器人 未设置').waitFor();
    expect(env.cloud.store.findById('wechat_groups', group._id)).toMatchObject({ robotWebhookKey: null });
  });
});
