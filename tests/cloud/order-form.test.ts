import type { UserProfile } from '../../src/domain/identity/role';
import { withTestCloud } from '../support/local-cloud-harness';
import { MEAL_ITEM, orderClient, orderInput, residentsOf, seed } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
const wishItem = (seed.catalog_items as { _id: string; name: string }[]).find((i) => i.name === '微心愿：为困难老人圆一个小心愿')
  ?._id as string;

describe('点单附加项: the extra questions an item asks, checked and kept on the order', () => {
  const env = withTestCloud(orderClient);

  const ordersOf = (openid: string) => env.cloud.store.find('orders', { requesterOpenid: openid }).length;

  it('the menu tells the form; a required answer missing, out of range or unknown is refused and creates nothing', async () => {
    const items = (await env.cloud.call('catalog', { action: 'listItems', categoryId: 'cat-01' })).body.result.data.items as {
      _id: string;
      form?: { key: string; required: boolean }[];
    }[];
    expect(items.find((i) => i._id === wishItem)?.form?.map((f) => [f.key, f.required])).toEqual([
      ['wish', true],
      ['budget', false],
    ]);

    const before = ordersOf(resident._id);
    const cases: [Record<string, unknown>, string][] = [
      [{ itemId: wishItem }, '请填写「心愿物品」'],
      [{ itemId: wishItem, answers: { wish: '收音机', budget: 9999 } }, '「大约价值」须在 1–500元 之间'],
      [{ itemId: wishItem, answers: { wish: '收音机', colour: '红' } }, '这项服务没有「colour」这一项'],
      [{ itemId: MEAL_ITEM, answers: { meal: '早餐' } }, '「餐次」请从选项中选择'],
    ];
    for (const [overrides, message] of cases) {
      const res = await env.api.call({ action: 'create', ...orderInput(overrides) }, resident._id);
      expect(res).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
      expect(res.message).toContain(message);
    }
    expect(await env.api.call({ action: 'create', ...orderInput({ answers: [1] }) }, resident._id)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(ordersOf(resident._id)).toBe(before);
  });

  it('good answers are stored with their questions and shown on the order to the resident and the station', async () => {
    const orderId = await env.api.place(resident._id, { itemId: wishItem, answers: { wish: ' 一台收音机 ', budget: 80 } });
    const expected = [
      { key: 'wish', label: '心愿物品', text: '一台收音机' },
      { key: 'budget', label: '大约价值', text: '80 元' },
    ];
    expect((await env.api.call({ action: 'detail', orderId }, resident._id)).data.order.formAnswers).toEqual(expected);
    expect((await env.api.call({ action: 'detail', orderId }, 'o-station-01')).data.order.formAnswers).toEqual(expected);
    // An item without a form and an order without answers: an empty list, not an error.
    const plain = await env.api.place(resident._id);
    expect((await env.api.call({ action: 'detail', orderId: plain }, resident._id)).data.order.formAnswers).toEqual([]);
  });
});
