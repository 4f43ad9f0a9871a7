import {
  availableEvents,
  decideTransition,
  ORDER_TRANSITIONS,
  type OrderEvent,
  type OrderParty,
} from '../../../src/domain/order/order.state-machine';
import { ORDER_STATE_LABELS, ORDER_STATES, type OrderState, RESIDENT_TABS } from '../../../src/domain/order/order.states';

/**
 * The specification, written out by hand from DESIGN.md §3 (independently of the table in the
 * code): for each event, the states it leaves from and where it lands, and who may fire it.
 */
const SPEC: Record<OrderEvent, { moves: Partial<Record<OrderState, OrderState>>; parties: OrderParty[] }> = {
  accept: { moves: { submitted: 'accepted' }, parties: ['staff'] },
  reject: { moves: { submitted: 'rejected', accepted: 'rejected' }, parties: ['staff'] },
  escalate: { moves: { submitted: 'submitted', accepted: 'accepted' }, parties: ['station'] },
  dispatch: { moves: { accepted: 'dispatched' }, parties: ['staff'] },
  reassign: { moves: { dispatched: 'dispatched' }, parties: ['staff'] },
  publish: { moves: { accepted: 'pooled' }, parties: ['staff'] },
  withdraw: { moves: { pooled: 'accepted' }, parties: ['staff'] },
  take: { moves: { dispatched: 'taken' }, parties: ['assigned_leader'] },
  decline: { moves: { dispatched: 'accepted' }, parties: ['assigned_leader'] },
  grab: { moves: { pooled: 'taken' }, parties: ['eligible_leader'] },
  assign: { moves: { taken: 'taken', in_service: 'in_service' }, parties: ['assigned_leader'] },
  check_in: { moves: { taken: 'in_service', in_service: 'in_service' }, parties: ['assigned_member', 'assigned_leader'] },
  check_out: { moves: { in_service: 'in_service' }, parties: ['assigned_member', 'assigned_leader'] },
  correct_check_out: { moves: { in_service: 'in_service' }, parties: ['assigned_leader'] },
  complete: { moves: { in_service: 'completed' }, parties: ['assigned_leader'] },
  rate: { moves: { completed: 'closed' }, parties: ['requester'] },
  auto_close: { moves: { completed: 'closed' }, parties: ['system'] },
  cancel: {
    moves: { submitted: 'cancelled', accepted: 'cancelled', dispatched: 'cancelled', pooled: 'cancelled', on_wall: 'cancelled' },
    parties: ['requester'],
  },
  expire: { moves: { dispatched: 'accepted', pooled: 'accepted' }, parties: ['system'] },
  reopen: { moves: { closed: 'accepted' }, parties: ['requester'] },
  follow_up: { moves: { closed: 'closed' }, parties: ['requester'] },
  // 心愿墙: staff put an accepted 微心愿 up (or take it down), a unit / party member adopts it, delivers it; the resident rates.
  post_wall: { moves: { accepted: 'on_wall' }, parties: ['staff'] },
  take_down: { moves: { on_wall: 'accepted' }, parties: ['staff'] },
  adopt: { moves: { on_wall: 'adopted' }, parties: ['wish_adopter'] },
  deliver: { moves: { adopted: 'completed' }, parties: ['adopter'] },
};

const PARTIES: OrderParty[] = [
  'requester',
  'staff',
  'station',
  'assigned_leader',
  'assigned_member',
  'eligible_leader',
  'wish_adopter',
  'adopter',
  'system',
];
const EVENTS = Object.keys(SPEC) as OrderEvent[];

describe('order state machine: every (state, event, party) cell', () => {
  const cells = ORDER_STATES.flatMap((state) => EVENTS.flatMap((event) => PARTIES.map((party) => [state, event, party] as const)));

  it.each(cells)('%s × %s by %s', (state, event, party) => {
    const spec = SPEC[event];
    const target = spec.moves[state];
    const outcome = decideTransition(state, event, [party]);
    if (target === undefined) {
      expect(outcome).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    } else if (spec.parties.includes(party)) {
      expect(outcome).toMatchObject({ ok: true, from: state, to: target });
    } else {
      expect(outcome).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    }
  });

  it('has exactly the events of the specification, each with a Chinese label', () => {
    expect(new Set(ORDER_TRANSITIONS.map((r) => r.event))).toEqual(new Set(EVENTS));
    for (const rule of ORDER_TRANSITIONS) expect(rule.label).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('never has two rules for the same (event, state)', () => {
    const keys = ORDER_TRANSITIONS.flatMap((r) => r.from.map((s) => `${r.event}:${s}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('leaves final states only through a 回头看 reopen', () => {
    for (const state of ['rejected', 'cancelled'] as const) {
      for (const event of EVENTS) expect(decideTransition(state, event, PARTIES).ok).toBe(false);
    }
    const fromClosed = EVENTS.filter((e) => decideTransition('closed', e, PARTIES).ok);
    expect(fromClosed.sort()).toEqual(['follow_up', 'reopen']);
    // A "still solved" 回头看 answer is recorded but keeps the order closed.
    expect(decideTransition('closed', 'follow_up', ['requester'])).toMatchObject({ ok: true, to: 'closed' });
  });

  it('asks for a reason where the other side needs one', () => {
    const noted = ORDER_TRANSITIONS.filter((r) => r.needsNote).map((r) => r.event);
    expect(noted.sort()).toEqual(['correct_check_out', 'decline', 'escalate', 'reject', 'reopen']);
  });

  it('a decline sends the order back to the station without its team; a timeout also escalates', () => {
    const decline = decideTransition('dispatched', 'decline', ['assigned_leader']);
    expect(decline.ok && decline.rule.effects).toEqual(expect.arrayContaining(['clear_team', 'notify_staff']));
    const expire = decideTransition('dispatched', 'expire', ['system']);
    expect(expire.ok && expire.rule.effects).toEqual(expect.arrayContaining(['clear_team', 'escalate_to_institute']));
  });
});

describe('buttons offered per party', () => {
  it('a resident with a fresh order can only cancel', () => {
    expect(availableEvents('submitted', ['requester']).map((r) => r.label)).toEqual(['取消']);
  });

  it('staff with an accepted order may reject, dispatch, publish, put a wish on the 心愿墙 (guarded), escalate (station only)', () => {
    expect(
      availableEvents('accepted', ['staff'])
        .map((r) => r.event)
        .sort(),
    ).toEqual(['dispatch', 'post_wall', 'publish', 'reject']);
    expect(
      availableEvents('accepted', ['staff', 'station'])
        .map((r) => r.event)
        .sort(),
    ).toEqual(['dispatch', 'escalate', 'post_wall', 'publish', 'reject']);
  });

  it('system-only events never become buttons', () => {
    for (const state of ORDER_STATES) expect(availableEvents(state, PARTIES).some((r) => r.parties.includes('system'))).toBe(false);
  });
});

describe('state labels', () => {
  it('are exactly the Chinese labels of DESIGN.md', () => {
    expect(ORDER_STATE_LABELS).toEqual({
      submitted: '待受理',
      accepted: '待派单',
      dispatched: '已派单',
      pooled: '待抢单',
      on_wall: '待认领',
      adopted: '已认领',
      taken: '已接单',
      in_service: '服务中',
      completed: '待评价',
      closed: '已完成',
      rejected: '已驳回',
      cancelled: '已取消',
    });
  });

  it('the resident tabs cover every state exactly once', () => {
    const covered = RESIDENT_TABS.flatMap((t) => t.states as readonly string[]);
    expect([...covered].sort()).toEqual([...ORDER_STATES].sort());
  });
});
