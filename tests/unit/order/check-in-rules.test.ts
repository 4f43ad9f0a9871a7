import { aheadText, EARLY_CHECK_IN_MS, earlyCheckInQuestion, orderByTail, orderTail } from '../../../src/domain/order/check-in.rules';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const start = Date.UTC(2026, 11, 4, 1, 0); // 09:00 Beijing

describe('checking in well before the booked slot asks first', () => {
  it('two days before: asks, saying how far ahead', () => {
    expect(earlyCheckInQuestion({ start }, start - 2 * DAY)).toBe('离预约时间还有 2 天，确定现在签到吗？');
  });

  it('five hours before: asks in hours', () => {
    expect(earlyCheckInQuestion({ start }, start - 5 * HOUR - 10 * 60_000)).toBe('离预约时间还有 5 小时，确定现在签到吗？');
  });

  it('within two hours of the start, inside or after the slot: no question', () => {
    expect(EARLY_CHECK_IN_MS).toBe(2 * HOUR);
    expect(earlyCheckInQuestion({ start }, start - 2 * HOUR)).toBeNull();
    expect(earlyCheckInQuestion({ start }, start - 30 * 60_000)).toBeNull();
    expect(earlyCheckInQuestion({ start }, start + HOUR)).toBeNull();
    expect(earlyCheckInQuestion({ start }, start + 3 * DAY)).toBeNull();
  });

  it('just over two hours: asks', () => {
    expect(earlyCheckInQuestion({ start }, start - 2 * HOUR - 60_000)).toBe('离预约时间还有 2 小时，确定现在签到吗？');
  });

  it('says minutes, hours and days as people do', () => {
    expect(aheadText(40 * 60_000)).toBe('40 分钟');
    expect(aheadText(3 * HOUR)).toBe('3 小时');
    expect(aheadText(DAY + 5 * HOUR)).toBe('1 天');
  });
});

describe('an order picked by the last characters of its number', () => {
  const orders = [{ orderId: 'ord-0123456789abcdef' }, { orderId: 'ord-fedcba98765432ab' }, { orderId: 'ord-11111111113210ab' }];

  it('six characters that end exactly one order find it (case and spaces ignored)', () => {
    expect(orderByTail(orders, 'abcdef')).toBe(orders[0]);
    expect(orderByTail(orders, ' ABC DEF ')).toBe(orders[0]);
    expect(orderByTail(orders, '5432ab')).toBe(orders[1]);
  });

  it('the whole number still works', () => {
    expect(orderByTail(orders, 'ord-fedcba98765432ab')).toBe(orders[1]);
  });

  it('fewer than six characters, no match or an ambiguous tail: nothing', () => {
    expect(orderByTail(orders, 'bcdef')).toBeNull();
    expect(orderByTail(orders, '999999')).toBeNull();
    expect(orderByTail([...orders, { orderId: 'ord-99999999abcdef' }], 'abcdef')).toBeNull();
  });

  it('shows the tail to type', () => {
    expect(orderTail('ord-0123456789abcdef')).toBe('abcdef');
  });
});
