import type { Page } from 'playwright-core';
import { openPhone, type Phone, screenshot, settle } from '../support/browser';
import { requireH5Build } from '../support/h5-build';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';
import { confirmedResident, enterAs } from './resident-support';

jest.setTimeout(120_000);

/** Demo seed: the resident's station, and two leaders whose teams both serve 助餐送餐 in that community. */
const STATION = 'o-station-01';
const LEADERS = [
  { openid: 'o-leader-02', teamId: 'team-02', team: '豆花帮帮团' },
  { openid: 'o-leader-04', teamId: 'team-04', team: '青春志愿先锋' },
] as const;
const DESCRIPTION = '老人腿脚不便，想请志愿者这周送几次午饭';
const LOST = '手慢了，这个订单已被其他队伍抢走';
const EMPTY_POOL = '抢单大厅暂时没有可抢的订单';

function nth<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}

const screen = (page: Page) => page.locator('.taro_page_stationed:visible');

async function openPool(page: Page, baseUrl: string, openid: string) {
  await enterAs(page, baseUrl, openid);
  await page.goto(`${baseUrl}/#/pages/team/index/index`);
  await settle(page);
  await screen(page).getByText('抢单大厅', { exact: true }).click();
  await settle(page);
}

describe('抢单: two leaders grab the same pooled order at the same moment', () => {
  let cloud: TestCloud;
  let staff: Phone;
  let phones: Phone[] = [];

  beforeAll(async () => {
    cloud = await startTestCloud({ staticDir: requireH5Build() });
    staff = await openPhone();
    phones = [await openPhone(), await openPhone()];
  });
  afterAll(async () => {
    for (const p of [staff, ...phones]) await p?.close();
    await cloud?.dispose();
  });

  it('one wins, the other reads 手慢了…, and afterwards both screens agree', async () => {
    const errors: string[] = [];
    for (const p of [staff, ...phones]) p.page.on('pageerror', (e) => errors.push(e.message));

    // The order is placed through the API (the resident screens are covered by journey-order).
    const start = Date.now() + 24 * 60 * 60 * 1000;
    const created = await cloud.call(
      'order',
      {
        action: 'create',
        itemId: 'item-02',
        description: DESCRIPTION,
        preferredWindow: { start, end: start + 2 * 60 * 60 * 1000 },
        contactPhone: '13800138000',
        requestId: 'e2e-pool-race-0001',
      },
      confirmedResident._id,
    );
    expect(created.body.result.ok).toBe(true);
    const orderId: string = created.body.result.data.orderId;

    // Station staff accept it and publish it to the pool, confirming first.
    const s = staff.page;
    await enterAs(s, cloud.url, STATION);
    await s.goto(`${cloud.url}/#/pages/station/detail/index?orderId=${orderId}`);
    await settle(s);
    await screen(s).locator('.async-button', { hasText: '受理' }).click();
    await screen(s).locator('.sdetail__head').getByText('待派单', { exact: true }).waitFor();
    await screen(s).locator('.async-button', { hasText: '发布抢单' }).click();
    await s.getByText('确定发布', { exact: true }).click();
    await screen(s).locator('.sdetail__head').getByText('待抢单', { exact: true }).waitFor();
    await settle(s);
    await screenshot(s, 'pool-01-station-published');

    // Both leaders see it in 抢单大厅.
    for (const [i, p] of phones.entries()) {
      await openPool(p.page, cloud.url, nth(LEADERS, i).openid);
      await screen(p.page).locator('.order-row', { hasText: DESCRIPTION }).getByText('待抢单').waitFor();
    }
    await screenshot(nth(phones, 0).page, 'pool-02-leader-a-pool');
    await screenshot(nth(phones, 1).page, 'pool-03-leader-b-pool');

    // Both tap 抢单 at once.
    const grabButtons = phones.map((p) =>
      screen(p.page).locator('.order-row', { hasText: DESCRIPTION }).locator('.async-button', { hasText: '抢单' }),
    );
    await Promise.all(grabButtons.map((b) => b.click()));

    // Each screen says how it went: success for exactly one, the server's message for the other.
    const outcomes = await Promise.all(
      phones.map(async (p) => {
        const won = p.page.getByText('抢单成功', { exact: true });
        const lost = p.page.getByText(LOST, { exact: true });
        await won.or(lost).first().waitFor();
        return (await lost.count()) > 0 ? 'lost' : 'won';
      }),
    );
    expect([...outcomes].sort()).toEqual(['lost', 'won']);
    const winner = outcomes.indexOf('won');
    const loser = 1 - winner;
    await screenshot(nth(phones, winner).page, 'pool-04-winner-success');
    await screenshot(nth(phones, loser).page, 'pool-05-loser-message');

    // The database agrees: taken by the winner's team.
    const [doc] = cloud.store.find('orders', { _id: orderId });
    expect(doc?.state).toBe('taken');
    expect(doc?.teamId).toBe(nth(LEADERS, winner).teamId);

    // The winner's 我队订单 has it as 已接单; the loser's pool has refreshed without it.
    const w = nth(phones, winner).page;
    await screen(w).locator('.order-row', { hasText: DESCRIPTION }).getByText('已接单').waitFor();
    await screen(nth(phones, loser).page).getByText(EMPTY_POOL).waitFor();
    await settle(w);
    await screenshot(w, 'pool-06-winner-team-orders');
    await screenshot(nth(phones, loser).page, 'pool-07-loser-pool-refreshed');

    // Reloaded from scratch, both lists still agree: in neither pool, only in the winner's orders.
    for (const [i, p] of phones.entries()) {
      await openPool(p.page, cloud.url, nth(LEADERS, i).openid);
      await screen(p.page).getByText(EMPTY_POOL).waitFor();
      await screen(p.page).getByText('我队订单', { exact: true }).click();
      await settle(p.page);
      const row = screen(p.page).locator('.order-row', { hasText: DESCRIPTION });
      if (i === winner) await row.getByText('已接单').waitFor();
      else {
        await screen(p.page).getByText('本队暂无订单').waitFor();
        expect(await row.count()).toBe(0);
      }
    }
    await screenshot(nth(phones, loser).page, 'pool-08-loser-team-orders');

    expect(errors).toEqual([]);
  });
});
