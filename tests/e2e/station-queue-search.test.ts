import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildDemoPii } from '../../local-cloud/seed/demo-pii';
import type { UserProfile } from '../../src/domain/identity/role';
import { orderClient, residentsOf, STATION_C1, seed } from '../cloud/order-support';
import { DESK, openDesk, openPhone, PHONE_390, type Phone, screenshot, settle } from '../support/browser';
import { screen } from '../support/browser-cloud';
import { requireH5Build } from '../support/h5-build';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';
import { readWorkbook } from '../support/xlsx';
import { enterAs, fillByPlaceholder } from './resident-support';

jest.setTimeout(180_000);

const pii = buildDemoPii(seed.users as UserProfile[]);
const [alice, bob] = residentsOf('org-community-01') as [UserProfile, UserProfile];
const [carol] = residentsOf('org-community-02') as [UserProfile];
const DESC = {
  alice: '楼道灯坏了三盏，晚上老人上下楼看不清',
  bob: '想请志愿者每周陪老人聊聊天',
  carol: '家里老人需要每天送一份午饭',
};
const SEARCH = '手机号、尾号、姓名或订单号';

const cards = (page: Page) => screen(page).locator('.queue-card');

async function openQueue(page: Page, url: string, entered?: () => void) {
  await enterAs(page, url, STATION_C1);
  entered?.();
  await page.goto(`${url}/#/pages/station/queue/index`);
  await settle(page);
  await cards(page).first().waitFor();
  await screen(page).locator('.queue__chip').first().waitFor();
  await settle(page);
}

async function searchFor(page: Page, text: string) {
  await fillByPlaceholder(page, SEARCH, text);
  await screen(page).locator('.queue__search-go').click();
  await settle(page);
}

describe('派单台: orders first, search by phone / name / order number, filters behind 筛选, 导出 Excel', () => {
  let cloud: TestCloud;
  let browser: Phone | undefined;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    cloud = await startTestCloud({ staticDir: requireH5Build() });
    const orders = orderClient(cloud);
    ids.alice = await orders.place(alice._id, { description: DESC.alice, contactPhone: '13812345678' });
    ids.bob = await orders.place(bob._id, { description: DESC.bob, contactPhone: '13900001111' });
    ids.carol = await orders.place(carol._id, { description: DESC.carol, contactPhone: '13700005678' });
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(() => cloud?.dispose());

  it('phone 390×844: the orders on the first screen, filters folded, search by last 4 digits and by name', async () => {
    browser = await openPhone(PHONE_390);
    const { page } = browser;
    const calls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/gateway/functions/')) calls.push(r.url().split('/gateway/functions/')[1] ?? '');
    });
    await openQueue(page, cloud.url, () => calls.splice(0));
    // One call opens the screen: the queue with its board.
    expect(calls).toEqual(['order']);
    expect(await screen(page).locator('.queue__filters').count()).toBe(0);
    const first = await cards(page).first().boundingBox();
    expect(first && first.y + first.height).toBeLessThanOrEqual(PHONE_390.height);
    expect(await cards(page).count()).toBe(2);
    await screen(page).locator('.queue__chip', { hasText: '待受理 2' }).waitFor();
    await cards(page)
      .first()
      .locator('.queue-card__deadline')
      .getByText(/^还剩 .+受理$/)
      .waitFor();
    await screenshot(page, 'queue-search-01-phone-first-screen');

    await searchFor(page, '5678');
    await screen(page).getByText('按手机尾号搜索“5678”').waitFor();
    await cards(page).filter({ hasText: DESC.alice }).waitFor();
    expect(await cards(page).count()).toBe(1);
    await screenshot(page, 'queue-search-02-phone-tail');

    await searchFor(page, pii.get(bob._id)?.realName as string);
    await screen(page).getByText('按居民姓名搜索').waitFor();
    await cards(page).filter({ hasText: DESC.bob }).waitFor();
    expect(await cards(page).count()).toBe(1);

    await searchFor(page, '123');
    await screen(page).getByText('手机号请输入 11 位或后 4 位').waitFor();

    await screen(page).locator('.queue__toggle').click();
    await screen(page).locator('.queue__filters').waitFor();
    await screen(page).getByText('下单日期').waitFor();
    await screen(page).locator('.queue__export').waitFor();
    await screenshot(page, 'queue-search-03-phone-filters-open');
  });

  it('desk 1440×900: a compact filter bar, the list beside the open order, search by order number, 导出 Excel', async () => {
    browser = await openDesk();
    const { page } = browser;
    await openQueue(page, cloud.url);
    const bar = await screen(page).locator('.queue__filters').boundingBox();
    const first = await cards(page).first().boundingBox();
    if (!bar || !first) throw new Error('the filter bar and the first order should be on screen');
    // The filter bar is a bar (short), the first order right under it on the first screen.
    expect(bar.height).toBeLessThanOrEqual(140);
    expect(first.y).toBeGreaterThan(bar.y + bar.height - 1);
    expect(first.y + first.height).toBeLessThanOrEqual(DESK.height);
    await screenshot(page, 'queue-search-04-desk');

    await searchFor(page, ids.bob as string);
    await screen(page).getByText(`按订单号搜索“${ids.bob}”`).waitFor();
    await cards(page).filter({ hasText: DESC.bob }).click();
    await screen(page).locator('.queue__detail .sdetail').getByText(DESC.bob).first().waitFor();
    await screenshot(page, 'queue-search-05-desk-order-open');

    // 导出 Excel downloads the filtered queue (the browser build's openExport).
    const download = page.waitForEvent('download');
    await screen(page).locator('.queue__export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^派单台订单_.+\.xlsx$/);
    const [sheet] = await readWorkbook(readFileSync((await file.path()) as string));
    const rows = sheet?.rows ?? [];
    expect(rows[1]?.[0]).toBe('订单号');
    expect(rows.slice(2).map((r) => r[0])).toEqual([ids.bob]);
  });
});
