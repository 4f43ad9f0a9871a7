import { orderGuardsPass, transitionInputProblem } from '../../../src/domain/order/order.rules';
import {
  CALLER_EVENTS,
  type EventAction,
  eventsVia,
  ORDER_TRANSITIONS,
  type OrderEvent,
  ruleOf,
  type TransitionRule,
} from '../../../src/domain/order/order.state-machine';
import {
  AWAITING_TAKE_STATES,
  DESK_FILTER_STATES,
  FINAL_STATES,
  OFFERED_STATES,
  OPEN_STATES,
  ORDER_STATES,
  TAKEN_STATES,
  TEAM_ACTIVE_STATES,
  TEAM_INBOX_STATES,
  TEAM_LOAD_STATES,
  WALL_STATES,
  WITH_STAFF_STATES,
  WORK_IN_HAND_STATES,
} from '../../../src/domain/order/order.states';

const NOW = 1_740_787_200_000;
const DAY = 24 * 60 * 60 * 1000;
const rule = (event: OrderEvent): TransitionRule => ORDER_TRANSITIONS.find((r) => r.event === event) as TransitionRule;

describe('the table says which action fires each event', () => {
  it('every event has exactly one action', () => {
    const actions = new Map<OrderEvent, Set<EventAction>>();
    for (const r of ORDER_TRANSITIONS) actions.set(r.event, new Set([...(actions.get(r.event) ?? []), r.via]));
    for (const [event, via] of actions) expect([event, via.size]).toEqual([event, 1]);
  });

  it('the `transition` action takes exactly the events whose rules say so', () => {
    expect([...CALLER_EVENTS].sort()).toEqual(eventsVia('transition').sort());
  });

  it('the service events have their own actions, and only the system events are the timer’s', () => {
    expect(rule('check_in').via).toBe('checkIn');
    expect(rule('check_out').via).toBe('checkOut');
    expect(rule('complete').via).toBe('complete');
    expect(rule('correct_check_out').via).toBe('correctCheckOut');
    expect(rule('assign').via).toBe('assign');
    expect(rule('rate').via).toBe('rate');
    expect(rule('follow_up').via).toBe('followUp');
    const system = ORDER_TRANSITIONS.filter((r) => r.parties.includes('system')).map((r) => r.event);
    expect(eventsVia('timer').sort()).toEqual([...new Set(system)].sort());
  });

  it('names the events that pick a team: always for dispatch and reassign, among several for grab', () => {
    const picking = ORDER_TRANSITIONS.filter((r) => r.needsTeam).map((r) => [r.event, r.needsTeam]);
    expect(picking).toEqual([
      ['dispatch', 'always'],
      ['reassign', 'always'],
      ['grab', 'if_several'],
    ]);
  });
});

describe('guards on the rules', () => {
  const order = { teamId: 'team-01', itemPoolable: true, followUpAt: NOW - 1, followUp: null };

  it('a non-poolable item offers no 发布抢单 and refuses one', () => {
    expect(orderGuardsPass(rule('publish'), order, NOW)).toBe(true);
    expect(orderGuardsPass(rule('publish'), { ...order, itemPoolable: false }, NOW)).toBe(false);
  });

  it('回头看 is offered once its date has come, and answered once', () => {
    expect(orderGuardsPass(rule('follow_up'), order, NOW)).toBe(true);
    expect(orderGuardsPass(rule('follow_up'), { ...order, followUpAt: NOW + DAY }, NOW)).toBe(false);
    expect(orderGuardsPass(rule('follow_up'), { ...order, followUpAt: null }, NOW)).toBe(false);
    expect(transitionInputProblem({ ...order, followUpAt: NOW + DAY }, rule('follow_up'), {}, NOW)).toMatchObject({
      code: 'STATE.INVALID_TRANSITION',
      message: '还没到回头看的时间',
    });
    expect(transitionInputProblem({ ...order, followUp: { solved: true, note: '', at: NOW } }, rule('follow_up'), {}, NOW)).toMatchObject({
      code: 'STATE.CONFLICT',
    });
    expect(transitionInputProblem(order, rule('follow_up'), {}, NOW)).toBeNull();
  });

  it('only a 微心愿 goes on the 心愿墙: a service offers no 上墙 and refuses one', () => {
    expect(orderGuardsPass(rule('post_wall'), { ...order, itemKind: 'wish' }, NOW)).toBe(true);
    expect(orderGuardsPass(rule('post_wall'), { ...order, itemKind: 'service' }, NOW)).toBe(false);
    expect(transitionInputProblem({ ...order, itemKind: 'service' }, rule('post_wall'), {}, NOW)).toMatchObject({
      code: 'STATE.INVALID_TRANSITION',
    });
  });

  it('a request guard (another team for 改派) never hides a button', () => {
    expect(orderGuardsPass(rule('reassign'), order, NOW)).toBe(true);
  });
});

describe('state groups', () => {
  const sorted = (s: readonly string[]) => [...s].sort();

  it('are made of each other as their meaning says', () => {
    expect(sorted(AWAITING_TAKE_STATES)).toEqual(sorted([...WITH_STAFF_STATES, ...OFFERED_STATES]));
    expect(sorted(WORK_IN_HAND_STATES)).toEqual(sorted([...AWAITING_TAKE_STATES, ...WALL_STATES, ...TEAM_ACTIVE_STATES]));
    expect(sorted(OPEN_STATES)).toEqual(sorted([...WORK_IN_HAND_STATES, 'completed']));
    expect(sorted([...OPEN_STATES, ...FINAL_STATES])).toEqual(sorted(ORDER_STATES));
    expect(sorted(TEAM_LOAD_STATES)).toEqual(sorted(['dispatched', ...TEAM_ACTIVE_STATES]));
    expect(sorted(TEAM_INBOX_STATES)).toEqual(sorted([...TEAM_LOAD_STATES, 'completed']));
    expect(sorted(DESK_FILTER_STATES)).toEqual(sorted(ORDER_STATES.filter((s) => s !== 'closed' && s !== 'cancelled')));
  });

  it('match the table: offers expire, staff desks are where 驳回 and 上报 happen, a team serves while active', () => {
    expect(sorted(rule('expire').from)).toEqual(sorted(OFFERED_STATES));
    expect(sorted(rule('escalate').from)).toEqual(sorted(WITH_STAFF_STATES));
    expect(sorted(rule('cancel').from)).toEqual(sorted([...AWAITING_TAKE_STATES, 'on_wall']));
    // 心愿墙: up from 待派单 only, adopted from the wall only, delivered only by its adopter.
    expect(rule('post_wall').from).toEqual(['accepted']);
    expect(rule('adopt').from).toEqual(['on_wall']);
    expect(rule('deliver').via).toBe('deliver');
    expect(sorted(rule('check_in').from)).toEqual(sorted(TEAM_ACTIVE_STATES));
    // A grab arriving in a taken state lost the race: no rule takes it there.
    for (const state of TAKEN_STATES) expect(ruleOf('grab', state)).toBeUndefined();
  });
});
