import {
  BACKOFF_MS,
  followUpNotice,
  MAX_ATTEMPTS,
  notificationKeyOf,
  outcomeOf,
  planNotices,
} from '../../../src/domain/notify/notify.rules';
import { ORDER_TRANSITIONS, type OrderEvent } from '../../../src/domain/order/order.state-machine';

const NOW = Date.UTC(2025, 5, 1, 2, 0);
const rule = (event: OrderEvent) => ORDER_TRANSITIONS.find((r) => r.event === event) as (typeof ORDER_TRANSITIONS)[number];
const order = {
  _id: 'ord-1',
  itemName: '助餐送餐',
  addressText: '和平社区 天府花园 3栋 2单元301（这个地址特别特别长需要截断）',
  requesterOpenid: 'o-res',
  placedByOpenid: 'o-res',
  preferredWindow: { start: NOW, end: NOW + 1 },
  teamName: '豆花帮帮团',
};
const base = { order, note: '', now: NOW, actorOpenid: 'o-actor', leaderOpenid: 'o-leader', staffOpenids: ['o-st1', 'o-st2'] };

describe('who is told what', () => {
  it('accept / take / complete tell the requester; dispatch tells the leader; decline tells subscribed staff', () => {
    expect(planNotices({ ...base, rule: rule('accept'), to: 'accepted' }).map((d) => [d.recipient, d.templateKey])).toEqual([
      ['o-res', 'ORDER_STATUS'],
    ]);
    const take = planNotices({ ...base, rule: rule('take'), to: 'taken' });
    expect(take[0]?.data).toMatchObject({ phrase2: { value: '已接单' }, thing1: { value: '助餐送餐' } });
    expect(take[0]?.data.thing3?.value).toContain('确认码');
    expect(planNotices({ ...base, rule: rule('dispatch'), to: 'dispatched' }).map((d) => [d.recipient, d.templateKey])).toEqual([
      ['o-leader', 'ORDER_ASSIGNED'],
    ]);
    expect(planNotices({ ...base, rule: rule('decline'), to: 'accepted', note: '人手不足' }).map((d) => d.recipient)).toEqual([
      'o-st1',
      'o-st2',
    ]);
    expect(planNotices({ ...base, rule: rule('check_in'), to: 'in_service' })).toEqual([]);
    expect(planNotices({ ...base, rule: rule('rate'), to: 'closed' })).toEqual([]);
  });

  it('a proxy order tells the resident and the building head; never the actor; no duplicates', () => {
    const proxy = { ...order, placedByOpenid: 'o-head' };
    const drafts = planNotices({ ...base, order: proxy, rule: rule('complete'), to: 'completed' });
    expect(drafts.map((d) => d.recipient)).toEqual(['o-res', 'o-head']);
    const own = planNotices({ ...base, order: proxy, rule: rule('complete'), to: 'completed', actorOpenid: 'o-head' });
    expect(own.map((d) => d.recipient)).toEqual(['o-res']);
    const staffActs = planNotices({ ...base, rule: rule('escalate'), to: 'accepted', actorOpenid: 'o-st1' });
    expect(staffActs.map((d) => d.recipient)).toEqual(['o-st2']);
  });

  it('every value fits: long addresses are cut to 20 characters', () => {
    const [d] = planNotices({ ...base, rule: rule('dispatch'), to: 'dispatched' });
    expect(Array.from(d?.data.thing2?.value ?? '')).toHaveLength(20);
    const [r] = planNotices({ ...base, rule: rule('reopen'), to: 'accepted', note: '水管又漏了' });
    expect(r?.data.phrase2?.value).toBe('回访未解决');
  });

  it('回头看 prompt and the outbox key', () => {
    const n = followUpNotice({ _id: 'ord-1', itemName: '助餐送餐', requesterOpenid: 'o-res', updatedAt: NOW }, NOW);
    expect(n).toMatchObject({ recipient: 'o-res', templateKey: 'FOLLOW_UP', page: 'pages/order-detail/index?id=ord-1' });
    expect(notificationKeyOf('ord-1', 3, 'o-res', 'ORDER_STATUS')).toBe('ord-1-v3-o-res-ORDER_STATUS');
  });
});

describe('what the worker does with an answer', () => {
  it('sent, no grant (final), invalid (final), transient (backoff, then give up)', () => {
    expect(outcomeOf(0, 'ok', 1, NOW)).toEqual({ state: 'sent' });
    expect(outcomeOf(43101, 'user refuse', 1, NOW)).toMatchObject({ state: 'no_grant' });
    expect(outcomeOf(47003, 'argument invalid', 1, NOW)).toMatchObject({ state: 'failed' });
    expect(outcomeOf(-1, 'system busy', 1, NOW)).toEqual({
      state: 'planned',
      error: '-1 system busy',
      nextAttemptAt: NOW + (BACKOFF_MS[0] as number),
    });
    expect(outcomeOf(undefined, 'socket hang up', 2, NOW)).toMatchObject({ state: 'planned', nextAttemptAt: NOW + 5 * 60_000 });
    expect(outcomeOf(-1, 'busy', 4, NOW)).toMatchObject({ state: 'planned', nextAttemptAt: NOW + 2 * 60 * 60_000 });
    expect(outcomeOf(-1, 'busy', MAX_ATTEMPTS, NOW)).toMatchObject({ state: 'failed' });
  });
});
