import {
  CALLER_EVENTS,
  CLOUD_FILE_ID,
  clampPageSize,
  eventIdOf,
  HOUR_MS,
  isOverdue,
  queueKeyOf,
  requestKeyOf,
  sortKeyOf,
  transitionInputProblem,
  transitionPatch,
  windowProblem,
} from '../../../src/domain/order/order.rules';
import { ORDER_TRANSITIONS, type OrderEvent, type TransitionRule } from '../../../src/domain/order/order.state-machine';

const NOW = 1_740_787_200_000;
const DAY = 24 * HOUR_MS;
const rule = (event: OrderEvent, from?: string): TransitionRule =>
  ORDER_TRANSITIONS.find((r) => r.event === event && (!from || (r.from as readonly string[]).includes(from))) as TransitionRule;
const order = {
  _id: 'ord-1',
  createdAt: NOW - DAY,
  level: 'station' as const,
  overdue: false,
  itemResponseHours: 24,
  responseDeadline: NOW,
};

describe('preferred time window', () => {
  it('must be in the future, ordered, and within 30 days', () => {
    expect(windowProblem({ start: NOW + HOUR_MS, end: NOW + 2 * HOUR_MS }, NOW)).toBeNull();
    expect(windowProblem({ start: NOW + 2 * HOUR_MS, end: NOW + HOUR_MS }, NOW)).toMatch(/晚于开始/);
    expect(windowProblem({ start: NOW + HOUR_MS, end: NOW + HOUR_MS }, NOW)).toMatch(/晚于开始/);
    expect(windowProblem({ start: NOW - 2 * HOUR_MS, end: NOW - HOUR_MS }, NOW)).toMatch(/已经过去/);
    expect(windowProblem({ start: NOW - HOUR_MS, end: NOW + HOUR_MS }, NOW)).toMatch(/早于现在/);
    expect(windowProblem({ start: NOW + HOUR_MS, end: NOW + 30 * DAY }, NOW)).toBeNull();
    expect(windowProblem({ start: NOW + HOUR_MS, end: NOW + 30 * DAY + 1 }, NOW)).toMatch(/30 天/);
  });
});

describe('keys', () => {
  it('sort keys order by creation, queue keys put escalated, then overdue, then oldest first', () => {
    expect(sortKeyOf(5, 'b') < sortKeyOf(10, 'a')).toBe(true);
    expect(sortKeyOf(NOW, 'x')).toBe(`${NOW}-x`);
    const k = (level: 'station' | 'institute', overdue: boolean, createdAt: number, id = 'o') =>
      queueKeyOf({ level, overdue, createdAt, _id: id });
    const sorted = [k('station', false, 1), k('station', true, 9), k('institute', false, 9), k('institute', true, 20)].sort();
    expect(sorted).toEqual([k('institute', true, 20), k('institute', false, 9), k('station', true, 9), k('station', false, 1)]);
  });

  it('request keys are per caller, event ids per step', () => {
    expect(requestKeyOf('o-a', 'req-12345678')).not.toBe(requestKeyOf('o-b', 'req-12345678'));
    expect(eventIdOf('ord-1', 3)).toBe('ord-1-0003');
  });

  it('page sizes are clamped', () => {
    expect(clampPageSize(undefined)).toBe(20);
    expect(clampPageSize(0)).toBe(20);
    expect(clampPageSize(3.7)).toBe(3);
    expect(clampPageSize(10_000)).toBe(50);
  });

  it('photos must be cloud file ids', () => {
    expect(CLOUD_FILE_ID.test('cloud://local-env.bucket/orders/a.jpg')).toBe(true);
    expect(CLOUD_FILE_ID.test('https://x.com/a.jpg')).toBe(false);
    expect(CLOUD_FILE_ID.test('cloud://env/')).toBe(false);
    expect(CLOUD_FILE_ID.test('cloud://env.b/a b.jpg')).toBe(false);
  });

  it('callers may fire every event through `transition` except the system ones and those with their own action (assign, rate, checkIn, checkOut, correctCheckOut, complete, followUp)', () => {
    const all = new Set(ORDER_TRANSITIONS.map((r) => r.event));
    const left = [...all].filter((e) => !(CALLER_EVENTS as readonly string[]).includes(e)).sort();
    expect(left).toEqual([
      'assign',
      'auto_close',
      'check_in',
      'check_out',
      'complete',
      'correct_check_out',
      'deliver',
      'expire',
      'follow_up',
      'rate',
    ]);
  });
});

describe('overdue', () => {
  it('is a missed deadline while nobody has taken the order', () => {
    expect(isOverdue({ overdue: false, responseDeadline: NOW - 1, state: 'dispatched' }, NOW)).toBe(true);
    expect(isOverdue({ overdue: true, responseDeadline: NOW + DAY, state: 'accepted' }, NOW)).toBe(true);
    expect(isOverdue({ overdue: false, responseDeadline: NOW + 1, state: 'pooled' }, NOW)).toBe(false);
    expect(isOverdue({ overdue: true, responseDeadline: NOW - 1, state: 'taken' }, NOW)).toBe(false);
  });
});

describe('transition input problems', () => {
  const o = { teamId: 'team-01', itemPoolable: true };
  it('asks for the reason, the team, another team, and a poolable item', () => {
    expect(transitionInputProblem(o, rule('reject'), {})).toMatchObject({ code: 'INPUT.INVALID', message: '请填写驳回的原因' });
    expect(transitionInputProblem(o, rule('reject'), { note: '  ' })).not.toBeNull();
    expect(transitionInputProblem(o, rule('reject'), { note: '重复' })).toBeNull();
    expect(transitionInputProblem(o, rule('dispatch'), {})).toMatchObject({ message: '请选择要派给的志愿服务队' });
    expect(transitionInputProblem(o, rule('reassign'), { teamId: 'team-01' })).toMatchObject({ message: '请选择另一支志愿服务队' });
    expect(transitionInputProblem(o, rule('reassign'), { teamId: 'team-02' })).toBeNull();
    expect(transitionInputProblem({ ...o, itemPoolable: false }, rule('publish'), {})).toMatchObject({ code: 'STATE.INVALID_TRANSITION' });
    expect(transitionInputProblem(o, rule('accept'), {})).toBeNull();
  });
});

describe('what a transition writes', () => {
  const team = { _id: 'team-02', name: '豆花帮帮团' };
  it('dispatch assigns the team and starts a fresh deadline', () => {
    const p = transitionPatch({ ...order, overdue: true }, rule('dispatch'), 'dispatched', { now: NOW, team });
    expect(p).toMatchObject({
      state: 'dispatched',
      teamId: 'team-02',
      teamName: '豆花帮帮团',
      responseDeadline: NOW + DAY,
      overdue: false,
    });
    expect(p.queueKey).toBe(queueKeyOf({ ...order, overdue: false }));
  });

  it('decline clears the team; escalate raises the level; expire escalates and flags overdue', () => {
    expect(transitionPatch(order, rule('decline'), 'accepted', { now: NOW })).toMatchObject({ teamId: null, teamName: '' });
    const up = transitionPatch(order, rule('escalate'), 'accepted', { now: NOW });
    expect(up).toMatchObject({ level: 'institute', state: 'accepted' });
    expect(up.teamId).toBeUndefined();
    const expired = transitionPatch(order, rule('expire', 'pooled'), 'accepted', { now: NOW });
    expect(expired).toMatchObject({ level: 'institute', overdue: true, teamId: null });
    expect(expired.queueKey?.startsWith('00-')).toBe(true);
  });

  it('taking clears the overdue flag; rating schedules the 回头看', () => {
    expect(transitionPatch({ ...order, overdue: true }, rule('take'), 'taken', { now: NOW }).overdue).toBe(false);
    expect(transitionPatch(order, rule('rate'), 'closed', { now: NOW }).followUpAt).toBe(NOW + 7 * DAY);
  });

  it('an assigning event without a team is a programming error', () => {
    expect(() => transitionPatch(order, rule('grab'), 'taken', { now: NOW })).toThrow(/needs a team/);
  });
});
