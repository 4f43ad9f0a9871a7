import type { UserProfile } from '../../src/domain/identity/role';
import { chinaDateText } from '../../src/domain/service/stats-period';
import { withTestCloud } from '../support/local-cloud-harness';
import { downloadExport } from '../support/xlsx';
import { INSTITUTE, orderClient, residentsOf, STATION_C1, teamById } from './order-support';

const [r1, r2] = residentsOf('org-community-01') as [UserProfile, UserProfile];
const leader02 = teamById.get('team-02')?.leaderOpenid as string;
const MIN = 60 * 1000;
const DAY = 24 * 60 * MIN;

describe('stats over a period (本周 / 本月 / 上月 / 自定义) and its 导出 Excel', () => {
  const env = withTestCloud(orderClient);
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const stats = async (data: object, openid = INSTITUTE): Promise<any> =>
    (await env.cloud.call('stats', { action: 'overview', ...data }, openid)).body.result;
  let firstDay = '';
  let laterDay = '';

  beforeAll(async () => {
    env.cloud.store.clearUnindexedScans();
    firstDay = chinaDateText(env.cloud.clock.now().getTime());
    const a = await env.api.place(r1._id);
    await env.api.place(r2._id);
    await env.api.must(a, 'accept', STATION_C1);
    await env.api.must(a, 'dispatch', STATION_C1, { teamId: 'team-02' });
    env.cloud.clock.advance(12 * MIN);
    await env.api.must(a, 'take', leader02); // 12 min to take
    // Forty days on, one more order.
    env.cloud.clock.advance(40 * DAY);
    laterDay = chinaDateText(env.cloud.clock.now().getTime());
    const start = env.cloud.clock.now().getTime() + 2 * 60 * MIN;
    await env.api.place(r1._id, { preferredWindow: { start, end: start + 2 * 60 * MIN } });
  });

  it('counts the orders placed in the period, and says which period', async () => {
    const all = await stats({});
    expect(all.data).toMatchObject({ period: null, totals: { total: 3 } });
    const first = await stats({ period: 'custom', fromDate: firstDay, toDate: firstDay });
    expect(first.data.period).toMatchObject({ key: 'custom', label: firstDay });
    expect(first.data.totals).toMatchObject({ total: 2, medianTakeMinutes: 12 });
    const later = await stats({ period: 'custom', fromDate: laterDay, toDate: laterDay });
    expect(later.data.totals).toMatchObject({ total: 1, medianTakeMinutes: null });
    const both = await stats({ period: 'custom', fromDate: firstDay, toDate: laterDay });
    expect(both.data.period.label).toBe(`${firstDay} 至 ${laterDay}`);
    expect(both.data.totals.total).toBe(3);
    // 本周 and 本月 hold today's order (placed forty days after the others).
    expect((await stats({ period: 'week' })).data.totals.total).toBe(1);
    const month = await stats({ period: 'month' });
    expect(month.data.totals.total).toBe(1);
    expect(month.data.period.label).toMatch(/^\d{4}-\d{2}-01 至 \d{4}-\d{2}-\d{2}$/);
    const lastMonth = await stats({ period: 'last_month' });
    expect(lastMonth.data.period.to).toBe(month.data.period.from);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('refuses a custom period without days, backwards or too long', async () => {
    expect(await stats({ period: 'custom' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: expect.stringContaining('请选择开始和结束日期'),
    });
    expect(await stats({ period: 'custom', fromDate: laterDay, toDate: firstDay })).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await stats({ period: 'custom', fromDate: '2024-01-01', toDate: '2026-01-01' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await stats({ period: 'custom', fromDate: '2026-02-30', toDate: '2026-03-01' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });

  it('exports the period to Excel: one row per station and a total row', async () => {
    const res = (
      await env.cloud.call('stats', { action: 'exportOverview', period: 'custom', fromDate: firstDay, toDate: firstDay }, INSTITUTE)
    ).body.result;
    expect(res).toMatchObject({
      ok: true,
      data: { rowCount: expect.any(Number), fileName: expect.stringContaining(`服务统计_按实践站_${firstDay}`) },
    });
    const [sheet] = await downloadExport(res.data);
    const [title, header, ...rows] = sheet?.rows ?? [];
    expect(title?.[0]).toBe(`服务统计（${firstDay}，按下单时间）`);
    expect(header?.slice(0, 7)).toEqual([
      '实践站（社区）',
      '订单数',
      '服务时长（小时）',
      '平均评分',
      '已评价（单）',
      '接单用时中位（分钟）',
      '完成用时中位（分钟）',
    ]);
    expect(header).toContain('待受理');
    const total = rows.find((r) => r[0] === '合计') as string[];
    expect(total[1]).toBe('2');
    expect(total[5]).toBe('12');
    expect(rows.find((r) => r[0]?.endsWith('社区'))?.[1]).toBe('2');
    const leader = (await env.cloud.call('stats', { action: 'exportOverview', period: 'week' }, leader02)).body.result;
    expect(leader.ok).toBe(true);
    expect((await env.cloud.call('stats', { action: 'exportOverview' }, r1._id)).body.result).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});
