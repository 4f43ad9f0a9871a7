import type { Page } from 'playwright-core';
import { orderClient, residentsOf, STATION_C1 } from '../cloud/order-support';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { confirmedResident, enterAs, fillByPlaceholder } from './resident-support';

jest.setTimeout(120_000);

async function openItem(page: Page, base: string, category: string, item: string) {
  await page.goto(`${base}/#/pages/index/index`);
  await settle(page);
  await page.getByText(category).first().click();
  await settle(page);
  await page.locator('.items__item', { hasText: item }).getByText('我要点单').click();
  await settle(page);
  await screen(page).locator('.form-field__textarea').first().waitFor();
}

describe('the order form and order card: dates, examples, limits, a refused submit and long text as people need them', () => {
  const env = cloudAndPhone();

  it('助餐送餐: a meal example, the day in words, the 饮食禁忌 limit shown as it fills', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, confirmedResident._id);
    await openItem(page, env.cloud.url, '敬老助残', '助餐送餐');
    const form = screen(page);
    const placeholder = await form.locator('.form-field__textarea textarea').first().getAttribute('placeholder');
    expect(placeholder).toContain('午餐');
    expect(placeholder).not.toContain('水龙头');
    // The day as people say it, never 2026-12-02.
    const day = (await form.locator('.create__date').textContent()) ?? '';
    expect(day).toMatch(/^(\d{4}年)?\d{1,2}月\d{1,2}日 周[一二三四五六日]/);
    expect(day).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // 饮食禁忌 stops at 30 characters: the count says so instead of cutting silently.
    const diet = form.locator('.form-field', { hasText: '饮食禁忌' });
    await diet.getByText('0/30 字').waitFor();
    await fillByPlaceholder(page, '例如：少盐、不吃辣、糖尿病餐', '少盐'.repeat(20));
    await diet.getByText('已到 30 字上限').waitFor();
    await screenshot(page, 'order-form-01-meal');
  });

  it('an empty submit brings the first bad field into view and marks it', async () => {
    const { page } = env.phone;
    await openItem(page, env.cloud.url, '便民维修', '水电维修');
    await page.getByText('提交点单').scrollIntoViewIfNeeded();
    const first = screen(page).locator('.form-field', { hasText: '需求描述' });
    expect(await first.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThan(0);
    await page.getByText('提交点单').click();
    await first.and(page.locator('.form-field--error')).waitFor();
    await page.waitForTimeout(600); // the scroll
    const top = await first.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(page.viewportSize()?.height ?? 740);
    await screenshot(page, 'order-form-02-empty-submit');
  });

  it('a long unbroken description wraps inside the 派单台 order card', async () => {
    const { page } = env.phone;
    const resident = residentsOf('org-community-01')[0];
    if (!resident) throw new Error('no resident in 和平社区');
    const long = `请帮忙看看${'哈'.repeat(60)}https://example.invalid/${'a'.repeat(80)}`;
    const orderId = await orderClient(env.cloud).place(resident._id, { description: long });
    await enterAs(page, env.cloud.url, STATION_C1);
    await page.goto(`${env.cloud.url}/#/pages/station/detail/index?orderId=${orderId}`);
    await settle(page);
    const desc = screen(page).locator('.sdetail__desc').first();
    await desc.waitFor();
    const card = await desc.evaluate((el) => {
      const c = el.closest('.card') as HTMLElement;
      return {
        overflow: el.scrollWidth - el.clientWidth,
        right: c.getBoundingClientRect().right,
        descRight: el.getBoundingClientRect().right,
      };
    });
    expect(card.overflow).toBeLessThanOrEqual(1);
    expect(card.descRight).toBeLessThanOrEqual(card.right);
    expect(card.right).toBeLessThanOrEqual(page.viewportSize()?.width ?? 375);
    await screenshot(page, 'order-form-03-long-description');
  });
});
