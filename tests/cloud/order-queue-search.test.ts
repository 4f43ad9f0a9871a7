import { buildDemoPii } from '../../local-cloud/seed/demo-pii';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrderDoc } from '../../src/domain/order/order.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { downloadExport } from '../support/xlsx';
import { INSTITUTE, orderClient, residentsOf, STATION_C1, STATION_C2, seed } from './order-support';

const pii = buildDemoPii(seed.users as UserProfile[]);
const [alice, bob] = residentsOf('org-community-01') as [UserProfile, UserProfile];
const [carol] = residentsOf('org-community-02') as [UserProfile];
const nameOf = (u: UserProfile) => pii.get(u._id)?.realName as string;

describe('派单台 search, date range, board and export through the local cloud', () => {
  const env = withTestCloud(orderClient);
  const ids: Record<string, string> = {};
  let before = 0;
  const queue = async (openid: string, input: Record<string, unknown>) => env.api.call({ action: 'queue', ...input }, openid);
  const found = async (openid: string, input: Record<string, unknown>): Promise<string[]> => {
    const res = await queue(openid, input);
    if (!res.ok) throw new Error(JSON.stringify(res));
    return res.data.items.map((o: { orderId: string }) => o.orderId);
  };

  beforeAll(async () => {
    expect(nameOf(alice)).toMatch(/^\p{Script=Han}{2,3}$/u);
    expect(nameOf(alice)).not.toBe(nameOf(bob));
    // Only what this suite's calls read counts (the start-up's own reads are not ours to judge here).
    env.cloud.store.clearUnindexedScans();
    before = Date.now() - 1000;
    ids.alice = await env.api.place(alice._id, { contactPhone: '13812345678' });
    ids.bob = await env.api.place(bob._id, { contactPhone: '13900001111' });
    // Another community's resident whose phone ends the same: out of the station's scope.
    ids.carol = await env.api.place(carol._id, { contactPhone: '13700005678' });
    // Alice's order taken on: searches still find it (a search looks through every state).
    await env.api.must(ids.alice, 'accept', STATION_C1);
  });

  it('stores only keyed digests of the phone and name, never the clear values', () => {
    const doc = env.cloud.store.findById('orders', ids.alice) as unknown as OrderDoc;
    expect(doc.phoneKey).toMatch(/^[0-9a-f]{32}$/);
    expect(doc.phoneTailKey).toMatch(/^[0-9a-f]{32}$/);
    expect(doc.nameKey).toMatch(/^[0-9a-f]{32}$/);
    const raw = JSON.stringify(doc);
    expect(raw).not.toContain('13812345678');
    expect(raw).not.toContain(nameOf(alice));
  });

  it('finds by the last 4 digits within the caller scope only', async () => {
    expect(await found(STATION_C1, { q: '5678' })).toEqual([ids.alice]);
    expect((await found(INSTITUTE, { q: '5678' })).sort()).toEqual([ids.alice, ids.carol].sort());
    expect(await found(STATION_C2, { q: '5678' })).toEqual([ids.carol]);
    const res = await queue(STATION_C1, { q: '5678' });
    expect(res.data.searchedAs).toBe('phoneTail');
  });

  it('finds by the full phone, the resident name and the order number', async () => {
    expect(await found(STATION_C1, { q: '138 1234 5678' })).toEqual([ids.alice]);
    expect(await found(STATION_C1, { q: '13900001111' })).toEqual([ids.bob]);
    expect(await found(STATION_C2, { q: '13812345678' })).toEqual([]);
    expect(await found(STATION_C1, { q: nameOf(bob) })).toEqual([ids.bob]);
    expect(await found(STATION_C2, { q: nameOf(bob) })).toEqual([]);
    expect(await found(STATION_C1, { q: ids.bob })).toEqual([ids.bob]);
    expect(await found(STATION_C1, { q: (ids.bob as string).slice(4).toUpperCase() })).toEqual([ids.bob]);
    expect(await found(STATION_C1, { q: ids.carol })).toEqual([]);
    // A state filter narrows a search.
    expect(await found(STATION_C1, { q: '5678', status: 'submitted' })).toEqual([]);
    expect(await found(STATION_C1, { q: '5678', status: 'accepted' })).toEqual([ids.alice]);
  });

  it('refuses what it cannot search for, in Chinese', async () => {
    expect(await queue(STATION_C1, { q: '123456' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: expect.stringContaining('后 4 位'),
    });
    expect(await queue(STATION_C1, { q: '#?!' })).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await queue(alice._id, { q: '5678' })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('filters by the date ordered', async () => {
    const after = Date.now() + 60_000;
    expect((await found(STATION_C1, { from: before })).sort()).toContain(ids.bob);
    expect(await found(STATION_C1, { from: after })).toEqual([]);
    expect(await found(STATION_C1, { from: before, to: after, q: '5678' })).toEqual([ids.alice]);
    expect(await found(STATION_C1, { to: before })).not.toContain(ids.bob);
    expect(await queue(STATION_C1, { from: after, to: before })).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });

  it('answers the board (choices and work counts) with the first page only', async () => {
    const first = await queue(STATION_C1, { board: true });
    expect(first.ok).toBe(true);
    expect(first.data.items.map((o: { orderId: string }) => o.orderId)).toEqual(expect.arrayContaining([ids.alice, ids.bob]));
    const board = first.data.board;
    expect(board.categories.length).toBeGreaterThan(2);
    expect(board.categories[0]).toEqual({ id: expect.any(String), name: expect.any(String) });
    expect(board.estates.length).toBeGreaterThan(0);
    expect(board.counts).toMatchObject({ submitted: 1, accepted: 1 });
    expect(board.overdue).toBe(0);
    const institute = await queue(INSTITUTE, { board: true });
    expect(institute.data.board.counts).toMatchObject({ submitted: 2, accepted: 1 });
    // Several communities: each estate is named with its community.
    expect(institute.data.board.estates.some((e: { name: string }) => e.name.includes('社区 '))).toBe(true);
    expect((await queue(STATION_C1, {})).data.board).toBeUndefined();
  });

  it('exports the filtered queue to Excel with headers and one row per order', async () => {
    const res = await env.api.call({ action: 'exportQueue', q: '5678' }, INSTITUTE);
    expect(res).toMatchObject({
      ok: true,
      data: { rowCount: 2, truncated: false, fileName: expect.stringMatching(/^派单台订单_.*\.xlsx$/) },
    });
    const [sheet] = await downloadExport(res.data);
    expect(sheet?.name).toBe('订单');
    const [title, header, ...rows] = sheet?.rows ?? [];
    expect(title?.[0]).toContain('搜索“5678”');
    expect(header).toEqual([
      '订单号',
      '服务项目',
      '分类',
      '状态',
      '期限',
      '地址',
      '联系电话',
      '需求描述',
      '服务队',
      '期望服务时间',
      '下单时间',
      '代点单',
      '已上报实践所',
    ]);
    expect(rows.map((r) => r[0]).sort()).toEqual([ids.alice, ids.carol].sort());
    const aliceRow = rows.find((r) => r[0] === ids.alice) as string[];
    expect(aliceRow[3]).toBe('待派单');
    expect(aliceRow[4]).toMatch(/^还剩 .+派单$/);
    // Masked in the file: an export travels further than the screen.
    expect(aliceRow[6]).toBe('138****5678');
    expect(JSON.stringify(rows)).not.toContain('13812345678');
    // The station exports its own scope only; a resident may not export.
    const own = await env.api.call({ action: 'exportQueue', q: '5678' }, STATION_C1);
    expect(own.data.rowCount).toBe(1);
    expect(await env.api.call({ action: 'exportQueue' }, alice._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('reads through indexes only', () => {
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });
});
