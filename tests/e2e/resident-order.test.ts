import { screenshot, settle } from '../support/browser';
import { cloudAndPhone } from '../support/browser-cloud';
import { confirmedResident, enterAs, fillByPlaceholder } from './resident-support';

jest.setTimeout(90_000);

describe('a resident orders a service, follows it and cancels it', () => {
  const env = cloudAndPhone();

  it('menu → item → form → 待受理 in my orders → detail with timeline → cancel with confirmation → 已取消', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const mine = { requesterOpenid: confirmedResident._id };
    const before = env.cloud.store.count('orders', mine);

    await enterAs(page, env.cloud.url, confirmedResident._id);
    await page.getByText('暂无公告').waitFor();
    await page.getByText('便民维修').first().click();
    await settle(page);
    await page.getByText('水电维修', { exact: true }).waitFor();
    await screenshot(page, 'resident-01-category-items');

    const card = page.locator('.items__item', { hasText: '水电维修' });
    await card.getByText('我要点单').click();
    await settle(page);
    await page.getByText('需求描述').waitFor();
    await page.getByText('期望服务时间').waitFor();
    await screenshot(page, 'resident-02-order-form');

    await fillByPlaceholder(page, '请说明需要什么帮助，例如：厨房水龙头漏水', '厨房水龙头一直滴水，关不紧，麻烦师傅上门看看');
    await fillByPlaceholder(page, '11 位手机号', '13800138000');
    await screenshot(page, 'resident-03-order-form-filled');
    await page.getByText('提交点单').click();

    // Redirected to 我的订单 on the 待受理 tab, with the new order on it.
    await page.locator('.order-card', { hasText: '厨房水龙头一直滴水' }).waitFor();
    await settle(page);
    const row = page.locator('.order-card', { hasText: '厨房水龙头一直滴水' });
    await row.getByText('待受理').waitFor();
    await screenshot(page, 'resident-04-my-orders');
    expect(env.cloud.store.count('orders', mine)).toBe(before + 1);

    await row.click();
    await settle(page);
    await page.getByText('订单进度').waitFor();
    await page.getByText('点单 · 待受理').waitFor();
    await screenshot(page, 'resident-05-order-detail');

    // Cancelling asks first in plain words (再想想 / 取消订单); 再想想 changes nothing.
    await page.locator('.async-button', { hasText: '取消订单' }).click();
    await page.getByText('取消后，如还需要服务，要重新点单。').waitFor();
    await page.getByText('再想想', { exact: true }).waitFor();
    expect(await page.getByText('确定取消').count()).toBe(0);
    await screenshot(page, 'resident-06-cancel-confirm');
    await page.getByText('再想想', { exact: true }).last().click();
    await page.waitForTimeout(300);
    expect(env.cloud.store.count('orders', { ...mine, state: 'cancelled' })).toBe(0);

    await page.locator('.async-button', { hasText: '取消订单' }).click();
    await page.getByText('再想想', { exact: true }).waitFor();
    // The dialog's confirm button (the dialog comes last in the page).
    await page.getByText('取消订单', { exact: true }).last().click();
    await page.locator('.detail__head').getByText('已取消').waitFor();
    await page.getByText('取消 · 已取消').waitFor();
    await settle(page);
    await screenshot(page, 'resident-07-cancelled');
    expect(env.cloud.store.count('orders', { ...mine, state: 'cancelled' })).toBe(1);
    // No more buttons for a cancelled order.
    expect(await page.locator('.async-button', { hasText: '取消订单' }).count()).toBe(0);

    expect(errors).toEqual([]);
  });

  it('适老化: the switch in 我的 enlarges every page and is remembered', async () => {
    const { page } = env.phone;
    await page.goto(`${env.cloud.url}/#/pages/mine/index`);
    await settle(page);
    await page.getByText('适老化模式').waitFor();
    expect(await page.locator('.taro_page_stationed:visible .elder').count()).toBe(0);
    await page.locator('.taro_page_stationed:visible taro-switch-core').click();
    await page.locator('.taro_page_stationed:visible .app-page.elder').waitFor();
    await page.waitForTimeout(400); // the switch's slide
    await screenshot(page, 'resident-08-mine-elder');

    // Remembered across a reload and applied to other pages.
    await page.goto(`${env.cloud.url}/#/pages/index/index`);
    await page.reload();
    await settle(page);
    await page.locator('.taro_page_stationed:visible .app-page.elder').waitFor();
    await page.getByText('便民维修').first().waitFor();
    await screenshot(page, 'resident-09-home-elder');
  });
});
