import { LOCAL_PII_SECRET } from '../../local-cloud/local-cloud';
import { sealPii } from '../../server/kit/pii-cipher';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrderFormView } from '../../src/domain/order/screen.views';
import { withTestCloud } from '../support/local-cloud-harness';
import { headOf, MEAL_ITEM, orderClient, residentsOf } from './order-support';

const residents = residentsOf('org-community-01') as UserProfile[];
const REPAIR_CATEGORY = 'cat-03';

/** Issue #14 item 10: the order form fills the caller's own phone and gives an example that fits the item. */
describe('order.form fills 联系电话 with the caller’s own number and the placeholder from the item', () => {
  const env = withTestCloud(orderClient);
  beforeEach(() => env.cloud.store.clearUnindexedScans());
  const form = async (openid: string, extra: Record<string, unknown> = {}): Promise<OrderFormView> => {
    const res = await env.api.call({ action: 'form', categoryId: 'cat-01', itemId: MEAL_ITEM, ...extra }, openid);
    if (!res.ok) throw new Error(JSON.stringify(res));
    return res.data as OrderFormView;
  };
  const ownScans = () => env.cloud.store.unindexedScans().filter((s) => s.collection === 'orders' || s.collection === 'users');

  it('registered phone first; after an order, the number last used; never for 代点单', async () => {
    // A resident with no order yet (the seed gives some residents orders already).
    const resident = residents.find((r) => env.cloud.store.find('orders', { requesterOpenid: r._id }).length === 0) as UserProfile;
    env.cloud.store.updateMany('users', { _id: resident._id }, { $set: { phoneSealed: '' } });
    expect((await form(resident._id)).contactPhone).toBe('');
    env.cloud.store.updateMany('users', { _id: resident._id }, { $set: { phoneSealed: sealPii('13900001111', LOCAL_PII_SECRET) } });
    expect((await form(resident._id)).contactPhone).toBe('13900001111');

    await env.api.place(resident._id, { contactPhone: '13712340001' });
    await env.api.place(resident._id, { contactPhone: '13712340002' });
    expect((await form(resident._id)).contactPhone).toBe('13712340002');

    // 代点单: the building head's own number is not the resident's.
    expect((await form(headOf(resident), { forResident: true })).contactPhone).toBe('');
    expect(ownScans()).toEqual([]);
  });

  it('助餐 gets a meal example, not a leaking tap; 水电维修 keeps its own', async () => {
    const [resident] = residents as [UserProfile];
    const meal = await form(resident._id);
    expect(meal.descriptionExample).toContain('午餐');
    expect(meal.descriptionExample).not.toContain('水龙头');
    const repairItem = (env.cloud.store.find('catalog_items', { categoryId: REPAIR_CATEGORY }) as { _id: string; name: string }[]).find(
      (i) => i.name === '水电维修',
    );
    const repair = await form(resident._id, { categoryId: REPAIR_CATEGORY, itemId: repairItem?._id });
    expect(repair.descriptionExample).toBe('厨房水龙头漏水');
  });
});
