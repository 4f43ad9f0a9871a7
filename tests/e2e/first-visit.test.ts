import { listDemoIdentities } from '../../local-cloud/seed/demo-identities';
import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone } from '../support/browser-cloud';

jest.setTimeout(60_000);

describe('first visit in the browser build: choose an identity, see the service menu', () => {
  const env = cloudAndPhone();
  const resident = listDemoIdentities(buildDemoSeed()).find((i) => i.roles.includes('resident') && i.roles.length === 1);

  it('walks from the identity switcher to the menu and 我的', async () => {
    const { page } = env.phone;
    if (!resident) throw new Error('the demo seed has no plain resident');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${env.cloud.url}/`);
    await settle(page);
    const enter = page.getByText('以…身份进入').first();
    await enter.waitFor();
    await screenshot(page, '01-home-without-identity');

    // A screen that needs someone says so in Chinese, with 重试, and never spins for ever.
    await page.goto(`${env.cloud.url}/#/pages/order/list/index`);
    await settle(page);
    await page.getByText('还没有选择身份，请回到首页选一个身份后再试').first().waitFor();
    await page.locator('.state-view__retry').first().waitFor();
    expect(await page.getByText('加载中…').count()).toBe(0);
    expect(await page.locator('.taro_page_stationed:visible').textContent()).not.toMatch(/no identity|x-wx-openid|Error/);
    await screenshot(page, '01b-orders-without-identity');
    await page.goto(`${env.cloud.url}/`);
    await settle(page);
    await enter.click();
    await settle(page);
    await page.getByText(resident.label).waitFor();
    await screenshot(page, '02-identity-switcher');
    // People are told apart: no two entries share a name, and each is listed under the role it plays
    // (a 楼栋长 who also volunteers is under 楼栋长, not 志愿者).
    const names = await page.locator('.identity__item-name').allTextContents();
    expect(new Set(names).size).toBe(names.length);
    const group = (title: string) =>
      page.locator('.identity__group', { has: page.locator('.section-title', { hasText: new RegExp(`^${title}$`) }) });
    const heads = await group('楼栋长').locator('.identity__item-label').allTextContents();
    expect(heads.length).toBeGreaterThan(0);
    for (const label of heads) expect(label.startsWith('楼栋长 ·')).toBe(true);
    for (const label of await group('志愿者').locator('.identity__item-label').allTextContents()) {
      expect(label.startsWith('志愿者 ·')).toBe(true);
    }

    await page.getByText(resident.label).click();
    await settle(page);
    // The menu comes from the local cloud's database through the catalog function.
    for (const category of ['敬老助残', '便民维修', '心理关爱']) await page.getByText(category).first().waitFor();
    await screenshot(page, '03-home-service-menu');

    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await page.getByText('居民').first().waitFor();
    await page.getByText(resident.name).first().waitFor();
    await screenshot(page, '04-mine');

    expect(errors).toEqual([]);
  });
});
