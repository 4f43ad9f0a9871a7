import type { Page } from 'playwright-core';
import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit, Team } from '../../src/domain/org/org.types';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { enterAs, seed } from './resident-support';

jest.setTimeout(180_000);

const users = seed.users as unknown as UserProfile[];
const teams = seed.teams as unknown as Team[];
const buildings = (seed.org_units as unknown as BuildingUnit[]).filter((u) => u.kind === 'building');
const STATION = 'o-station-01';
const team02 = teams.find((t) => t._id === 'team-02') as Team;
const LEADER = team02.leaderOpenid;
const MEMBER = team02.memberOpenids.find((o) => o !== LEADER) as string;
/** A plain resident of 和平社区 (org-community-01), served by 豆花帮帮团. */
const resident = users.find(
  (u) =>
    u._id.startsWith('o-resident-') &&
    u.binding === 'confirmed' &&
    buildings.find((b) => b._id === u.buildingId)?.path[1] === 'org-community-01',
) as UserProfile;
/** A building head with residents waiting for 绑定审核. */
const headed = buildings.find(
  (b) => b.buildingHeadOpenid && users.some((u) => u.buildingId === b._id && u.binding === 'pending'),
) as BuildingUnit;
const HEAD = headed.buildingHeadOpenid as string;

const HOUR = 3_600_000;
const PHONE_SIZE = { width: 390, height: 844 };

/** The count on the home tile labelled `label`. */
async function tile(page: Page, label: string): Promise<number> {
  const text = await screen(page).locator('.rhome__tile', { hasText: label }).locator('.rhome__tile-value').textContent();
  return Number.parseInt(text ?? '', 10);
}

describe('首页 per role at phone size: each role lands on its own work', () => {
  const env = cloudAndPhone();
  const DESCRIPTION = {
    waiting: '首页测试：等待受理的送餐需求',
    dispatched: '首页测试：派给豆花帮帮团的送餐',
    pooled: '首页测试：发布到抢单大厅的送餐',
  };
  const orders: Record<string, string> = {};

  beforeAll(async () => {
    await env.phone.page.setViewportSize(PHONE_SIZE);
    const call = async (fn: string, data: object, openid: string) => {
      const res = (await env.cloud.call(fn, data, openid)).body.result;
      if (!res.ok) throw new Error(`${fn}.${(data as { action: string }).action} failed: ${JSON.stringify(res)}`);
      return res.data;
    };
    const place = async (key: keyof typeof DESCRIPTION) => {
      const start = Date.now() + 2 * HOUR;
      const created = await call(
        'order',
        {
          action: 'create',
          itemId: 'item-02',
          description: DESCRIPTION[key],
          preferredWindow: { start, end: start + HOUR },
          contactPhone: '13800138000',
          requestId: `home-${key}-${Date.now()}`,
        },
        resident._id,
      );
      orders[key] = created.orderId;
      return created.orderId as string;
    };
    await place('waiting');
    const dispatched = await place('dispatched');
    await call('order', { action: 'transition', orderId: dispatched, event: 'accept' }, STATION);
    await call('order', { action: 'transition', orderId: dispatched, event: 'dispatch', teamId: 'team-02' }, STATION);
    const pooled = await place('pooled');
    await call('order', { action: 'transition', orderId: pooled, event: 'accept' }, STATION);
    await call('order', { action: 'transition', orderId: pooled, event: 'publish' }, STATION);
  });

  it('社区实践站: 待受理 / 超时 / 待派单 counts and the queue, without going through 我的', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, STATION);
    const home = screen(page);
    await home.locator('.rhome__bar-role', { hasText: '社区实践站' }).waitFor();
    expect(await tile(page, '待受理')).toBeGreaterThanOrEqual(1);
    expect(await tile(page, '超时')).toBeGreaterThanOrEqual(0);
    expect(await tile(page, '待派单')).toBeGreaterThanOrEqual(0);
    await home.locator('.rhome__order', { hasText: DESCRIPTION.waiting }).waitFor();
    await screenshot(page, 'role-home-01-station');
    // The queue is one tap away.
    await home.getByText('进入派单台', { exact: false }).click();
    await settle(page);
    await screen(page).locator('.queue-card', { hasText: DESCRIPTION.waiting }).waitFor();
  });

  it('队长: 待接单 with 接单 on the home, and the 抢单 pool', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, LEADER);
    const home = screen(page);
    await home.locator('.rhome__bar-role', { hasText: '队长' }).waitFor();
    expect(await tile(page, '待接单')).toBeGreaterThanOrEqual(1);
    expect(await tile(page, '可抢单')).toBeGreaterThanOrEqual(1);
    const inbox = home.locator('.rhome__order', { hasText: DESCRIPTION.dispatched });
    await inbox.waitFor();
    await home
      .locator('.rhome__order', { hasText: DESCRIPTION.pooled })
      .locator('.async-button', { hasText: /^抢单$/ })
      .waitFor();
    await screenshot(page, 'role-home-02-leader');
    // 接单 right from the home: the order leaves 待接单.
    await inbox.locator('.async-button', { hasText: '接单' }).click();
    await home.locator('.rhome__order', { hasText: DESCRIPTION.dispatched }).waitFor({ state: 'detached' });
    expect((env.cloud.store.findById('orders', orders.dispatched) as { state: string }).state).toBe('taken');
  });

  it('志愿者: today’s task once the leader assigned them', async () => {
    const { page } = env.phone;
    // Taken by the leader (on the home above, or here if that step did not run).
    if ((env.cloud.store.findById('orders', orders.dispatched) as { state: string }).state === 'dispatched') {
      await env.cloud.call('order', { action: 'transition', orderId: orders.dispatched, event: 'take' }, LEADER);
    }
    const res = (await env.cloud.call('order', { action: 'assign', orderId: orders.dispatched, memberOpenids: [MEMBER] }, LEADER)).body
      .result;
    expect(res.ok).toBe(true);
    await enterAs(page, env.cloud.url, MEMBER);
    const home = screen(page);
    await home.locator('.rhome__bar-role', { hasText: '志愿者' }).waitFor();
    const task = home.locator('.rhome__order', { hasText: DESCRIPTION.dispatched });
    await task.waitFor();
    await task.locator('.rhome__order-tag', { hasText: '今天' }).waitFor();
    expect(await tile(page, '今日任务')).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'role-home-03-volunteer');
  });

  it('楼栋长: 转发任务, 待审核住户 and 未读住户; a role switched in 我的 changes 首页', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, HEAD);
    const home = screen(page);
    await home.locator('.rhome__bar-role', { hasText: '楼栋长' }).waitFor();
    const pending = users.filter((u) => u.buildingId === headed._id && u.binding === 'pending').length;
    expect(await tile(page, '待审核住户')).toBeGreaterThanOrEqual(pending);
    await home.locator('.rhome__tile', { hasText: '转发任务' }).waitFor();
    await home.locator('.rhome__tile', { hasText: '未读住户' }).waitFor();
    await home.getByText('待审核住户', { exact: true }).first().waitFor();
    await home.locator('.rhome__shortcut', { hasText: '代点单' }).first().waitFor();
    await screenshot(page, 'role-home-04-building-head');

    // A head who is also a resident switches to 居民 in 我的; 首页 follows.
    const me = users.find((u) => u._id === HEAD) as UserProfile;
    if (!me.roles.some((g) => g.role === 'resident') || me.binding !== 'confirmed') return;
    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await screen(page).locator('.mine__role', { hasText: '居民' }).click();
    await page.getByText('首页', { exact: true }).last().click();
    await settle(page);
    await screen(page).getByText('服务菜单', { exact: true }).waitFor();
    expect(await screen(page).locator('.rhome__tile').count()).toBe(0);
  });

  it('居民: notices, the service menu and the open orders', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, resident._id);
    const home = screen(page);
    await home.getByText('服务菜单', { exact: true }).waitFor();
    await home.locator('.order-card', { hasText: DESCRIPTION.waiting }).waitFor();
    await home.locator('.home__notice, .home__notices').first().waitFor();
    expect(await home.locator('.rhome__bar').count()).toBe(0);
    await screenshot(page, 'role-home-05-resident');
  });
});
