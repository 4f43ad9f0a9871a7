import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { BuildingUnit, OrgUnit, WechatGroup } from '../../src/domain/org/org.types';
import type { OrgTreeNode } from '../../src/domain/org/org-tree';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
const units = seed.org_units as unknown as OrgUnit[];
const groups = seed.wechat_groups as unknown as WechatGroup[];
const [c1, c2] = units.filter((u) => u.kind === 'community') as [OrgUnit, OrgUnit];
const buildingsOf = (communityId: string) => units.filter((u) => u.kind === 'building' && u.path.includes(communityId)) as BuildingUnit[];

const flatten = (nodes: OrgTreeNode[]): OrgTreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('the organisation tree within the caller scope', () => {
  let cloud: TestCloud;
  let stationC1: string;

  beforeAll(async () => {
    cloud = await startTestCloud();
    const staff = cloud.store.find('users', { roles: { $elemMatch: { role: 'station_staff', scopeId: c1._id } } });
    stationC1 = staff[0]?._id as string;
  });
  afterAll(() => cloud?.dispose());
  beforeEach(() => cloud.store.clearUnindexedScans());

  const org = async (data: object, openid: string) => (await cloud.call('org', data, openid)).body.result;

  it('station staff see their community only, groups without secrets, through indexes', async () => {
    const res = await org({ action: 'tree' }, stationC1);
    expect(res.ok).toBe(true);
    expect(res.data.roots.map((r: OrgTreeNode) => r._id)).toEqual([c1._id]);
    const nodes = flatten(res.data.roots);
    const buildingIds = nodes.filter((n) => n.kind === 'building').map((n) => n._id);
    expect(buildingIds.sort()).toEqual(
      buildingsOf(c1._id)
        .map((b) => b._id)
        .sort(),
    );
    expect(nodes.some((n) => n._id === c2._id)).toBe(false);
    const withRobot = groups.find((g) => g.robotWebhookKey && buildingIds.includes(g.buildingId)) as WechatGroup;
    const shown = nodes.flatMap((n) => n.groups).find((g) => g._id === withRobot._id);
    expect(shown).toMatchObject({ hasRobot: true });
    expect(JSON.stringify(res.data)).not.toContain(withRobot.robotWebhookKey as string);
    expect(cloud.store.unindexedScans()).toEqual([]);
  });

  it('the institute sees the whole subdistrict; residents see nothing', async () => {
    const res = await org({ action: 'tree' }, 'o-institute-01');
    expect(flatten(res.data.roots).filter((n) => n.kind === 'building')).toHaveLength(60);
    expect(await org({ action: 'tree' }, 'o-resident-0001')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('staff add estates and buildings in scope only', async () => {
    const estate = await org({ action: 'addUnit', parentId: c1._id, name: '新建花园' }, stationC1);
    expect(estate).toMatchObject({ ok: true, data: { kind: 'estate', name: '新建花园', parentId: c1._id } });
    const building = await org({ action: 'addUnit', parentId: estate.data._id, name: '1栋' }, stationC1);
    expect(building.data.kind).toBe('building');
    const tree = await org({ action: 'tree' }, stationC1);
    expect(
      flatten(tree.data.roots)
        .find((n) => n._id === estate.data._id)
        ?.children.map((c) => c.name),
    ).toEqual(['1栋']);

    expect(await org({ action: 'addUnit', parentId: c2._id, name: '别人的小区' }, stationC1)).toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
    expect(await org({ action: 'addUnit', parentId: c1._id, name: '新建花园' }, stationC1)).toMatchObject({ code: 'STATE.CONFLICT' });
    expect(await org({ action: 'addUnit', parentId: building.data._id, name: '101' }, stationC1)).toMatchObject({ code: 'INPUT.INVALID' });
    expect(await org({ action: 'addUnit', parentId: c1._id, name: '' }, stationC1)).toMatchObject({ code: 'INPUT.INVALID' });
    expect(cloud.store.count('org_units', { name: '别人的小区' })).toBe(0);
  });

  it('添加 retried with its request id answers the unit already made, even when the retry races the first', async () => {
    const input = { action: 'addUnit', parentId: c1._id, name: '重试花园', requestId: 'tree-add-0001' };
    const [first, twin] = await Promise.all([org(input, stationC1), org(input, stationC1)]);
    expect(first).toMatchObject({ ok: true, data: { kind: 'estate', name: '重试花园', parentId: c1._id } });
    expect(twin).toEqual(first);
    expect(await org(input, stationC1)).toEqual(first);
    expect(cloud.store.count('org_units', { name: '重试花园' })).toBe(1);
    // Without a request id a second 添加 of the same name is refused, as before.
    expect(await org({ action: 'addUnit', parentId: c1._id, name: '重试花园' }, stationC1)).toMatchObject({ code: 'STATE.CONFLICT' });
  });

  it('a building head sets the group robot of their own building; the key never comes back', async () => {
    const building = buildingsOf(c1._id)[0] as BuildingUnit;
    const group = groups.find((g) => g.buildingId === building._id) as WechatGroup;
    const head = building.buildingHeadOpenid as string;
    const res = await org({ action: 'updateGroup', groupId: group._id, robotWebhookKey: 'abcd-1234-efgh-5678' }, head);
    expect(res).toEqual({ ok: true, data: { _id: group._id, name: group.name, bound: group.opengid !== null, hasRobot: true } });
    expect(cloud.store.findById('wechat_groups', group._id)).toMatchObject({ robotWebhookKey: 'abcd-1234-efgh-5678' });

    const other = buildingsOf(c2._id)[0] as BuildingUnit;
    const otherGroup = groups.find((g) => g.buildingId === other._id) as WechatGroup;
    expect(await org({ action: 'updateGroup', groupId: otherGroup._id, name: '改名' }, head)).toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
    expect(await org({ action: 'updateGroup', groupId: group._id, robotWebhookKey: 'http://evil' }, head)).toMatchObject({
      code: 'INPUT.INVALID',
    });
    expect(cloud.store.findById('wechat_groups', otherGroup._id)).toMatchObject({ name: otherGroup.name });

    // Staff paste the whole Webhook address from 企业微信: only its key is kept (the host is ours to configure).
    const pasted = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wxyz-9876-abcd-5432';
    expect(await org({ action: 'updateGroup', groupId: group._id, robotWebhookKey: pasted }, head)).toMatchObject({ ok: true });
    expect(cloud.store.findById('wechat_groups', group._id)).toMatchObject({ robotWebhookKey: 'wxyz-9876-abcd-5432' });
  });
});
