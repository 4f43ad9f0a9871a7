import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';

/** The project's real functions (built by npm run build:functions) over the demo seed. */
describe('catalog and identity functions through the local cloud', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(() => cloud?.dispose());

  beforeEach(() => cloud.store.clearUnindexedScans());

  it('lists the service menu by category with item counts, using indexes only', async () => {
    const seededActive = cloud.store.count('catalog_items', { active: true });
    cloud.store.clearUnindexedScans(); // the count above is the test's own full scan
    const { status, body } = await cloud.call('catalog', { action: 'listCategories' });
    expect(status).toBe(200);
    expect(body.result.ok).toBe(true);
    const categories = body.result.data.categories as { name: string; itemCount: number }[];
    expect(categories.map((c) => c.name)).toEqual([
      '敬老助残',
      '医疗健康',
      '便民维修',
      '文明礼仪',
      '政策宣传',
      '环境整治',
      '法律咨询',
      '心理关爱',
    ]);
    expect(categories.reduce((n, c) => n + c.itemCount, 0)).toBe(seededActive);
    expect(cloud.store.unindexedScans()).toEqual([]);
  });

  it('lists the items of one category in order', async () => {
    const { body } = await cloud.call('catalog', { action: 'listCategories' });
    const first = body.result.data.categories[0];
    const items = await cloud.call('catalog', { action: 'listItems', categoryId: first._id });
    expect(items.body.result.ok).toBe(true);
    expect(items.body.result.data.items).toHaveLength(first.itemCount);
    expect(cloud.store.unindexedScans()).toEqual([]);
  });

  it('answers bad input with a stable code and a readable message', async () => {
    const missing = await cloud.call('catalog', { action: 'listItems' });
    expect(missing.body.result).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(missing.body.result.message).toMatch(/categoryId/);
    const tooLong = await cloud.call('catalog', { action: 'listItems', categoryId: 'x'.repeat(65) });
    expect(tooLong.body.result).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const unknown = await cloud.call('catalog', { action: 'dropEverything' });
    expect(unknown.body.result).toMatchObject({ ok: false, code: 'INPUT.UNKNOWN_ACTION' });
  });

  it('tells a user who they are from the WeChat context', async () => {
    const { body } = await cloud.call('identity', { action: 'whoami' }, 'o-station-01');
    expect(body.result.ok).toBe(true);
    expect(body.result.data.openid).toBe('o-station-01');
    expect(body.result.data.roles).toEqual([expect.objectContaining({ role: 'station_staff', label: '社区实践站' })]);
    expect(body.result.data.roles[0].scopeName).toMatch(/社区$/);
  });

  it('treats an openid it does not know as an unregistered WeChat user', async () => {
    const { body } = await cloud.call('identity', { action: 'whoami' }, 'o-stranger');
    expect(body.result).toEqual({
      ok: true,
      data: { openid: 'o-stranger', name: '微信用户', registered: false, binding: null, roles: [] },
    });
  });
});
