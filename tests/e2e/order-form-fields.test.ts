import { screenshot, settle } from '../support/browser';
import { cloudAndPhone } from '../support/browser-cloud';
import { confirmedResident, enterAs, fillByPlaceholder } from './resident-support';

jest.setTimeout(90_000);

const WISH = '微心愿：为困难老人圆一个小心愿';

describe('点单附加项 in the browser: the item asks its own questions', () => {
  const env = cloudAndPhone();

  it('a required answer is asked for, nothing is created without it, and the answers reach the order detail', async () => {
    const { page } = env.phone;
    const mine = { requesterOpenid: confirmedResident._id };
    const before = env.cloud.store.count('orders', mine);

    await enterAs(page, env.cloud.url, confirmedResident._id);
    await page.getByText('敬老助残').first().click();
    await settle(page);
    await page.locator('.items__item', { hasText: WISH }).getByText('我要点单').click();
    await settle(page);
    await page.getByText('心愿物品').waitFor();
    await page.getByText('大约价值').waitFor();
    await fillByPlaceholder(page, '请说明需要什么帮助，例如：想要一件过冬的棉衣', '独居的王奶奶想要一台收音机听川剧');
    await fillByPlaceholder(page, '11 位手机号', '13800138000');
    await page.getByText('提交点单').click();
    const missing = page.locator('.form-field__error', { hasText: '请填写「心愿物品」' });
    await missing.waitFor();
    await missing.scrollIntoViewIfNeeded();
    await screenshot(page, 'form-fields-01-required-missing');
    expect(env.cloud.store.count('orders', mine)).toBe(before);

    await fillByPlaceholder(page, '例如：一台收音机、一件厚棉衣', '一台收音机');
    await fillByPlaceholder(page, '请填写数字', '80');
    await screenshot(page, 'form-fields-02-filled');
    await page.getByText('提交点单').click();
    const row = page.locator('.order-card', { hasText: '王奶奶想要一台收音机' });
    await row.waitFor();
    expect(env.cloud.store.count('orders', mine)).toBe(before + 1);
    const [order] = env.cloud.store.find('orders', { ...mine, description: '独居的王奶奶想要一台收音机听川剧' });
    expect(order?.formAnswers).toEqual([
      { key: 'wish', label: '心愿物品', text: '一台收音机' },
      { key: 'budget', label: '大约价值', text: '80 元' },
    ]);

    await settle(page);
    await row.click();
    await settle(page);
    await page.locator('.taro_page_stationed:visible').getByText('80 元').waitFor();
    await page.locator('.taro_page_stationed:visible').getByText('一台收音机', { exact: true }).waitFor();
    await screenshot(page, 'form-fields-03-detail');
  });
});
