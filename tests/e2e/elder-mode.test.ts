import type { Locator, Page } from 'playwright-core';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { confirmedResident, enterAs } from './resident-support';

jest.setTimeout(180_000);

/** WeChat's 适老化 guidance: text at least 1.3× the normal size, tap targets at least 44 px. */
const MIN_SCALE = 1.3;
const MIN_TARGET = 44;
const PHONE_SIZE = { width: 390, height: 844 };
const PHONE_PLACEHOLDER = '11 位手机号';
const DESCRIPTION_PLACEHOLDER = '请说明需要什么帮助，例如：厨房水龙头漏水';

interface Sizes {
  body: number;
  title: number;
  tabBar: number;
  input: number;
  inputPlaceholder: number;
  textarea: number;
  textareaPlaceholder: number;
}

const px = (value: string) => Number.parseFloat(value);
const fontSize = async (l: Locator) => px(await l.first().evaluate((el) => getComputedStyle(el).fontSize));
const placeholderSize = async (l: Locator) => px(await l.first().evaluate((el) => getComputedStyle(el, '::placeholder').fontSize));

/** The inner <input> / <textarea> a Taro form control renders, found by its placeholder. */
const control = (page: Page, placeholder: string) =>
  screen(page).locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`);

async function openOrderForm(page: Page) {
  await screen(page).getByText('便民维修').first().click();
  await settle(page);
  await screen(page).locator('.items__item', { hasText: '水电维修' }).getByText('我要点单').click();
  await settle(page);
  await control(page, PHONE_PLACEHOLDER).waitFor();
}

/** From 首页: font sizes of body text, a title and the tab bar, then of inputs and their placeholders on the order form. */
async function measure(page: Page): Promise<Sizes> {
  const home = screen(page);
  await home
    .getByText('服务菜单', { exact: true })
    .waitFor()
    .catch(async (err: unknown) => {
      await screenshot(page, 'elder-00-home-not-ready');
      throw err;
    });
  const body = await fontSize(home.locator('.home__notice-text, .home__notice-title').first());
  const title = await fontSize(home.locator('.section-title'));
  const tabBar = await fontSize(page.locator('.weui-tabbar__label'));
  await openOrderForm(page);
  const sizes = {
    body,
    title,
    tabBar,
    input: await fontSize(control(page, PHONE_PLACEHOLDER)),
    inputPlaceholder: await placeholderSize(control(page, PHONE_PLACEHOLDER)),
    textarea: await fontSize(control(page, DESCRIPTION_PLACEHOLDER)),
    textareaPlaceholder: await placeholderSize(control(page, DESCRIPTION_PLACEHOLDER)),
  };
  return sizes;
}

/** Height and width (CSS px) of each element matching `selector` on screen. */
async function targets(scope: Locator, selector: string): Promise<{ text: string; width: number; height: number }[]> {
  const out: { text: string; width: number; height: number }[] = [];
  for (const el of await scope.locator(selector).all()) {
    const box = await el.boundingBox();
    if (box && box.width > 0 && box.height > 0) {
      out.push({ text: ((await el.textContent()) ?? '').trim().slice(0, 12), width: box.width, height: box.height });
    }
  }
  return out;
}

describe('适老化: at least 1.3× text everywhere (body, inputs, placeholders, tab bar) and 44 px targets', () => {
  const env = cloudAndPhone();

  it('measures the same screens in normal and 适老化 mode', async () => {
    const { page } = env.phone;
    await page.setViewportSize(PHONE_SIZE);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // enterAs with the real url first; `measure` then reopens 首页 by reload.
    await enterAs(page, env.cloud.url, confirmedResident._id);
    const reopen = async () => {
      await page.goto(`${env.cloud.url}/#/pages/index/index`);
      await page.reload();
      await settle(page);
    };
    const measureHere = async () => {
      await reopen();
      return measure(page);
    };

    const normal = await measureHere();
    await screenshot(page, 'elder-01-normal-form');

    // 我的 → 适老化模式 on.
    await reopen();
    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await screen(page).locator('.mine__link', { hasText: '适老化模式' }).locator('.weui-switch, input[type="checkbox"]').first().click();
    await page.waitForFunction(() => document.documentElement.classList.contains('elder-mode'));
    await screenshot(page, 'elder-02-mine');

    const elder = await measureHere();
    await screenshot(page, 'elder-03-form');
    for (const key of Object.keys(normal) as (keyof Sizes)[]) {
      const ratio = elder[key] / normal[key];
      if (!(ratio >= MIN_SCALE)) throw new Error(`${key}: ${normal[key]} px → ${elder[key]} px is only ${ratio.toFixed(2)}×`);
      expect(ratio).toBeGreaterThanOrEqual(MIN_SCALE);
    }

    // Tap targets in 适老化 mode: the form's controls and button.
    const small: string[] = [];
    const check = async (scope: Locator, selector: string) => {
      const found = await targets(scope, selector);
      if (found.length === 0) small.push(`${selector}: none on screen`);
      for (const t of found) if (t.height < MIN_TARGET) small.push(`${selector} “${t.text}” ${t.height.toFixed(1)} px`);
    };
    for (const placeholder of [PHONE_PLACEHOLDER, DESCRIPTION_PLACEHOLDER]) {
      const box = await control(page, placeholder).first().boundingBox();
      if (!box || box.height < MIN_TARGET) small.push(`${placeholder} ${box?.height.toFixed(1)} px`);
    }
    await check(screen(page), '.async-button');

    // 首页 and 我的订单: the home's links and the order tabs.
    await reopen();
    await screen(page).getByText('服务菜单', { exact: true }).waitFor();
    await screenshot(page, 'elder-04-home');
    await check(screen(page), '.home__orders-all');
    // Each tab bar item (the label's box in Taro's browser tab bar, shown on 首页 and 我的).
    await check(page.locator('.weui-tabbar__label'), 'xpath=..');
    await screen(page).getByText('全部订单').click();
    await settle(page);
    await check(screen(page), '.tabs__tab');
    await screenshot(page, 'elder-05-orders');
    expect(small).toEqual([]);
    expect(errors).toEqual([]);
  });
});
