import { deadlineCountdown, durationText, parseQueueSearch } from '../../../src/domain/order/queue-search';

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 11, 2, 2, 0);

describe('派单台 search text', () => {
  it.each([
    ['13812345678', { kind: 'phone', phone: '13812345678' }],
    [' 138 1234-5678 ', { kind: 'phone', phone: '13812345678' }],
    ['5678', { kind: 'phoneTail', tail: '5678' }],
    ['ord-0123456789abcdef', { kind: 'orderId', orderId: 'ord-0123456789abcdef' }],
    ['0123456789ABCDEF', { kind: 'orderId', orderId: 'ord-0123456789abcdef' }],
    ['张秀英', { kind: 'name', name: '张秀英' }],
    ['张 秀英', { kind: 'name', name: '张秀英' }],
    ['Anna Li', { kind: 'name', name: 'annali' }],
  ])('%s is taken for %j', (text, expected) => {
    expect(parseQueueSearch(text)).toEqual(expected);
  });

  it.each(['123456', '1381234567', '张', '#?!', 'ord-123'])('%s answers a hint instead', (text) => {
    expect(parseQueueSearch(text)).toEqual({ problem: expect.stringMatching(/手机号|姓名|订单号/) });
  });
});

describe('deadline countdown', () => {
  const at = (state: string, leftMs: number) =>
    deadlineCountdown({ state: state as 'submitted', responseDeadline: NOW + leftMs, overdue: false }, NOW);

  it('counts down to the step the state waits for', () => {
    expect(at('submitted', 2 * HOUR)).toEqual({ text: '还剩 2 小时受理', overdue: false });
    expect(at('accepted', 45 * MIN)).toEqual({ text: '还剩 45 分钟派单', overdue: false });
    expect(at('dispatched', 2 * HOUR + 10 * MIN)).toEqual({ text: '还剩 2 小时 10 分钟接单', overdue: false });
    expect(at('pooled', 26 * HOUR)).toEqual({ text: '还剩 1 天 2 小时被抢单', overdue: false });
  });

  it('says how long past the deadline', () => {
    expect(at('submitted', -35 * MIN)).toEqual({ text: '已超时 35 分钟', overdue: true });
    expect(at('accepted', -5 * HOUR)).toEqual({ text: '已超时 5 小时', overdue: true });
    expect(at('submitted', 0)).toEqual({ text: '刚刚超时', overdue: true });
  });

  it('has nothing to count once a team has it', () => {
    for (const s of ['taken', 'in_service', 'completed', 'closed', 'rejected', 'cancelled']) expect(at(s, HOUR)).toBeNull();
  });

  it('writes durations people read at a glance', () => {
    expect(durationText(30 * 1000)).toBe('不到 1 分钟');
    expect(durationText(59 * MIN)).toBe('59 分钟');
    expect(durationText(5 * HOUR + 20 * MIN)).toBe('5 小时');
    expect(durationText(48 * HOUR)).toBe('2 天');
  });
});
