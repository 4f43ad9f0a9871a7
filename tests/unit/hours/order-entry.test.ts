import { orderHoursEntry } from '../../../server/hours/order-entry';
import { counts } from '../../../src/domain/hours/hours.rules';

const order = {
  _id: 'ord-1',
  itemName: '助餐送餐',
  categoryName: '助老',
  description: '每天中午送一份午餐',
  addressText: '和平社区 天府花园 2栋',
  teamName: '豆花帮帮团',
  subdistrictId: 'sd',
  communityId: 'c1',
};
const session = { _id: 'ord-1-r1-v1', openid: 'v1', displayName: '张*', checkInAt: 1_000, checkOutAt: 3_601_000, correction: null };

describe('an order session in the hours ledger', () => {
  it('is a confirmed live record keyed by the session, traceable to its order', () => {
    const e = orderHoursEntry(order, session, 1, 'o-leader', 5_000_000);
    expect(e).toMatchObject({
      _id: 'order-ord-1-r1-v1',
      source: 'order',
      sourceId: 'ord-1',
      title: '助餐送餐',
      kind: 'live',
      status: 'confirmed',
      hours: 1,
      recorder: '豆花帮帮团',
    });
    expect(counts(e)).toBe(true);
  });

  it('a check-out the leader corrected is an 更正 that waits for station staff', () => {
    const corrected = { ...session, correction: { byOpenid: 'o-leader', note: '忘记签退', previousCheckOutAt: null, at: 4_000_000 } };
    const e = orderHoursEntry(order, corrected, 1, 'o-leader', 5_000_000);
    expect(e).toMatchObject({ kind: 'correction', status: 'pending', reason: '忘记签退' });
    expect(counts(e)).toBe(false);
  });
});
