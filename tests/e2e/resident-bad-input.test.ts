import { screenshot, settle } from '../support/browser';
import { cloudAndPhone } from '../support/browser-cloud';
import { confirmedResident, enterAs, fillByPlaceholder, pendingResident } from './resident-support';

const DESCRIPTION = '请说明需要什么帮助，例如：厨房水龙头漏水';
jest.setTimeout(90_000);

describe('bad input on the order form: clear messages, nothing created', () => {
  const env = cloudAndPhone();

  const openForm = async (openid: string) => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, openid);
    await page.getByText('便民维修').first().click();
    await settle(page);
    await page.locator('.items__item', { hasText: '水电维修' }).getByText('我要点单').click();
    await settle(page);
  };

  it('empty and too long descriptions are refused at the field', async () => {
    const { page } = env.phone;
    const before = env.cloud.store.count('orders', {});
    await openForm(confirmedResident._id);
    await fillByPlaceholder(page, '11 位手机号', '13800138000');

    await page.getByText('提交点单').click();
    await page.locator('.form-field__error', { hasText: '请填写需求描述' }).waitFor();
    await screenshot(page, 'resident-bad-01-empty-description');

    await fillByPlaceholder(page, DESCRIPTION, '漏水');
    await page.getByText('提交点单').click();
    await page.locator('.form-field__error', { hasText: '需求描述至少 5 个字' }).waitFor();

    await fillByPlaceholder(page, DESCRIPTION, '水'.repeat(301));
    await page.getByText('提交点单').click();
    await page.locator('.form-field__error', { hasText: '需求描述最多 300 个字' }).waitFor();
    await screenshot(page, 'resident-bad-02-long-description');

    await fillByPlaceholder(page, DESCRIPTION, '卫生间水管漏水');
    await fillByPlaceholder(page, '11 位手机号', '1380013');
    await page.getByText('提交点单').click();
    await page.locator('.form-field__error', { hasText: '请填写 11 位手机号' }).waitFor();
    await screenshot(page, 'resident-bad-03-bad-phone');

    await page.waitForTimeout(300);
    expect(env.cloud.store.count('orders', {})).toBe(before);
  });

  it('a resident whose binding is pending is told to wait and sent to binding, not to a form', async () => {
    const { page } = env.phone;
    const before = env.cloud.store.count('orders', {});
    await openForm(pendingResident._id);
    await page.getByText('楼栋绑定待确认').waitFor();
    await page.getByText(/正在等待楼栋长或社区确认/).waitFor();
    expect(await page.getByText('提交点单').count()).toBe(0);
    await screenshot(page, 'resident-bad-04-binding-pending');

    await page.getByText('查看绑定状态').click();
    await settle(page);
    await page.locator('.binding__status', { hasText: '等待楼栋长或社区确认' }).waitFor();
    await screenshot(page, 'resident-bad-05-binding-page');
    expect(env.cloud.store.count('orders', {})).toBe(before);
  });

  it('a newcomer with no binding is asked to bind first; the server refuses a direct create too', async () => {
    const { page } = env.phone;
    const before = env.cloud.store.count('orders', {});
    await openForm('o-e2e-newcomer');
    await page.getByText('请先绑定楼栋').waitFor();
    await page.getByText('点单前请先绑定您居住的楼栋，志愿者才能上门服务。').waitFor();
    await screenshot(page, 'resident-bad-06-unbound');

    const direct = await env.cloud.call(
      'order',
      {
        action: 'create',
        itemId: 'item-07',
        description: '厨房水龙头漏水',
        preferredWindow: { start: Date.now() + 86_400_000, end: Date.now() + 90_000_000 },
        contactPhone: '13800138000',
        requestId: 'e2e-newcomer-1',
      },
      'o-e2e-newcomer',
    );
    expect(direct.body.result).toMatchObject({ ok: false, code: 'AUTH.BINDING_REQUIRED' });
    expect(env.cloud.store.count('orders', {})).toBe(before);

    // The binding page offers the building picker over the public directory.
    await page.getByText('去绑定楼栋').click();
    await settle(page);
    await page.getByText('请选择社区 / 小区 / 楼栋').waitFor();
    await screenshot(page, 'resident-bad-07-binding-form');
  });
});
