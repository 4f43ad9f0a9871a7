import type { Page } from 'playwright-core';
import { orderClient, residentsOf, STATION_C1 } from '../cloud/order-support';
import { DESK, openDesk, openPhone, PHONE_390, type Phone, screenshot, settle } from '../support/browser';
import { screen } from '../support/browser-cloud';
import { requireH5Build } from '../support/h5-build';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';
import { enterAs } from './resident-support';

jest.setTimeout(120_000);

const DESCRIPTIONS: [string, string, string] = [
  '楼道灯坏了三盏，晚上老人上下楼看不清',
  '想请志愿者每周陪老人聊聊天',
  '家里老人需要每天送一份午饭',
];

const rootFontPx = (page: Page) => page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
const box = async (page: Page, selector: string) => {
  const found = await screen(page).locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not on screen`);
  return found;
};

async function openQueue(page: Page, url: string) {
  await enterAs(page, url, STATION_C1);
  await page.goto(`${url}/#/pages/station/queue/index`);
  await settle(page);
  await screen(page).locator('.queue-card').first().waitFor();
  await settle(page);
}

describe('at a desk (1440×900) pages lay out for the window; on a phone (390×844) nothing changes', () => {
  let cloud: TestCloud;
  let browser: Phone | undefined;

  beforeAll(async () => {
    cloud = await startTestCloud({ staticDir: requireH5Build() });
    const orders = orderClient(cloud);
    const residents = residentsOf('org-community-01');
    for (const [i, description] of DESCRIPTIONS.entries()) {
      const resident = residents[i % residents.length];
      if (!resident) throw new Error('the demo seed has no confirmed resident in 和平社区');
      await orders.place(resident._id, { description });
    }
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(() => cloud?.dispose());

  it('desk: normal type, buttons of button size, the first order on the first screen and opened beside the list', async () => {
    browser = await openDesk();
    const { page } = browser;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await enterAs(page, cloud.url, STATION_C1);
    // Taro's flexible root font is capped: 21 px at a desk instead of 40 px.
    expect(await rootFontPx(page)).toBeLessThanOrEqual(21);
    // The station's own home, with its counts, before the picture (not its loading state).
    await page.getByText('进入派单台').first().waitFor();
    await screenshot(page, 'desk-01-home');

    await openQueue(page, cloud.url);
    // The content keeps to a readable width; the first order is on the first screen, under the compact filter bar.
    const first = await box(page, '.queue-card');
    expect(first.y + first.height).toBeLessThanOrEqual(DESK.height);
    const bar = await box(page, '.queue__filters');
    expect(first.y).toBeGreaterThanOrEqual(bar.y + bar.height);
    const title = screen(page).locator('.queue-card__title').first();
    expect(await title.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))).toBeLessThanOrEqual(20);
    await screen(page).getByText('在左侧选择一个订单').waitFor();
    await screenshot(page, 'desk-02-queue');

    // An order opens beside the list: same page, list still there, its actions as buttons of a button's size.
    const card = screen(page).locator('.queue-card', { hasText: DESCRIPTIONS[0] });
    await card.click();
    const panel = screen(page).locator('.queue__detail .sdetail');
    await panel.getByText(DESCRIPTIONS[0]).first().waitFor();
    await panel.locator('.async-button', { hasText: '受理' }).waitFor();
    expect(page.url()).toContain('/pages/station/queue/index');
    await expect(card.getAttribute('class')).resolves.toContain('queue-card--selected');
    const accept = await panel.locator('.async-button', { hasText: '受理' }).boundingBox();
    expect(accept?.width).toBeLessThanOrEqual(400);
    const detail = await box(page, '.queue__detail');
    expect(detail.x).toBeGreaterThan(first.x + first.width);
    expect(detail.x + detail.width).toBeLessThanOrEqual(DESK.width);
    await screenshot(page, 'desk-03-queue-order-open');

    // An action in the panel refreshes the list beside it.
    await panel.locator('.async-button', { hasText: '受理' }).click();
    await panel.locator('.sdetail__head').getByText('待派单').waitFor();
    await card.getByText('待派单').waitFor();
    await screenshot(page, 'desk-04-queue-accepted');

    // Pickers: a sheet of phone width with text of a normal size, not a 1,440 px bar of 13 px text.
    await screen(page).locator('.queue__filter', { hasText: '分类' }).click();
    const sheet = page.locator('.weui-picker:visible').first();
    await sheet.waitFor();
    await page.waitForTimeout(400);
    const sheetBox = await sheet.boundingBox();
    expect(sheetBox?.width).toBeLessThanOrEqual(480);
    const item = sheet.locator('.weui-picker__item').first();
    expect(await item.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
    await screenshot(page, 'desk-05-picker');
    expect(errors).toEqual([]);
  });

  it('phone 390×844: the root font and the queue are as before (a card opens the order page)', async () => {
    browser = await openPhone(PHONE_390);
    const { page } = browser;
    await enterAs(page, cloud.url, STATION_C1);
    expect(await rootFontPx(page)).toBeCloseTo(20.8, 1);
    await openQueue(page, cloud.url);
    await screenshot(page, 'phone-390-queue');
    expect(await screen(page).locator('.queue__detail').count()).toBe(0);
    await screen(page).locator('.queue-card', { hasText: DESCRIPTIONS[1] }).click();
    await settle(page);
    expect(page.url()).toContain('/pages/station/detail/index');
    const accept = await box(page, '.async-button');
    expect(accept.width).toBeGreaterThan(300);
    await screenshot(page, 'phone-390-order');
  });
});
