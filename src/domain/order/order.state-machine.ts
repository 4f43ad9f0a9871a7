import { ErrorCode } from '../shared/domain-error';
import { AWAITING_TAKE_STATES, OFFERED_STATES, type OrderState, TEAM_ACTIVE_STATES, WITH_STAFF_STATES } from './order.states';

/**
 * Who stands in which relation to an order. Roles alone are not enough: a team leader may take
 * only an order dispatched to their own team; a resident may cancel only their own order.
 * The use case works out the parties of the caller (with `authorize` for staff scope) and the
 * table below decides.
 */
export type OrderParty =
  /** The resident the order is for, or the building head who placed it for them (代点单). */
  | 'requester'
  /** Station staff of the order's community, or institute staff of its subdistrict. */
  | 'staff'
  /** Station staff only (escalating is what a station does towards its institute). */
  | 'station'
  /** Leader of the team the order is dispatched to / taken by. */
  | 'assigned_leader'
  /** A member of the team that owns the order (checks in and out). */
  | 'assigned_member'
  /** Leader of a team eligible for a pooled order (skills and service area). */
  | 'eligible_leader'
  /** A registered volunteer who may 认领 a 微心愿 on the wall: an 在职党员 or one with a 工作单位 (帮挂单位). */
  | 'wish_adopter'
  /** The one who 认领 this 微心愿 (delivers it). */
  | 'adopter'
  /** Timer-triggered jobs (deadlines, rating window). */
  | 'system';

/**
 * Events of the `transition` action (the table's rules `via: 'transition'`, spelt out for the
 * action's schema): every other event has an action of its own, or only the timer fires it.
 */
export const CALLER_EVENTS = [
  'accept',
  'reject',
  'escalate',
  'dispatch',
  'reassign',
  'publish',
  'withdraw',
  'take',
  'decline',
  'grab',
  'cancel',
  'reopen',
  'post_wall',
  'take_down',
  'adopt',
] as const satisfies readonly OrderEvent[];
export type CallerEvent = (typeof CALLER_EVENTS)[number];

export type OrderEvent =
  | 'accept'
  | 'reject'
  | 'escalate'
  | 'dispatch'
  | 'reassign'
  | 'publish'
  | 'withdraw'
  | 'take'
  | 'decline'
  | 'grab'
  | 'assign'
  | 'check_in'
  | 'check_out'
  | 'correct_check_out'
  | 'complete'
  | 'rate'
  | 'auto_close'
  | 'cancel'
  | 'expire'
  | 'reopen'
  | 'follow_up'
  | 'post_wall'
  | 'take_down'
  | 'adopt'
  | 'deliver';

/** What else happens when a transition lands; the use case carries these out in the same transaction or outbox. */
export type SideEffect =
  | 'notify_requester'
  | 'notify_leader'
  | 'notify_staff'
  | 'assign_team'
  | 'clear_team'
  | 'escalate_to_institute'
  | 'record_hours'
  | 'credit_points'
  | 'set_response_deadline'
  | 'schedule_follow_up';

/**
 * The order function's action a caller sends to fire an event (each event has exactly one);
 * `timer`: only the order timer fires it.
 */
export type EventAction =
  | 'transition'
  | 'assign'
  | 'rate'
  | 'checkIn'
  | 'checkOut'
  | 'correctCheckOut'
  | 'complete'
  | 'followUp'
  | 'deliver'
  | 'timer';
/** The actions a screen may send (every one but the timer's). */
export type CallerAction = Exclude<EventAction, 'timer'>;

/**
 * What the request or the order must bring beyond its state, checked by `transitionInputProblem`
 * (order.rules.ts) before anything is written, and used to leave out buttons the order cannot take.
 */
export type TransitionGuard =
  /** The request names a team other than the one the order is dispatched to (改派). */
  | 'other_team'
  /** The service item may go to the 抢单大厅 (发布抢单); otherwise the button is not offered. */
  | 'poolable_item'
  /** The 回头看 date has come and the question is not answered yet; before that the button is not offered. */
  | 'follow_up_due'
  /** The order is a 微心愿 (catalog item kind `wish`): only wishes go on the 心愿墙. */
  | 'wish_item';

export interface TransitionRule {
  event: OrderEvent;
  /** The action that fires it. */
  via: EventAction;
  from: readonly OrderState[];
  /** `same` keeps the state (escalate, reassign, check-in while serving, check-out). */
  to: OrderState | 'same';
  parties: readonly OrderParty[];
  effects: readonly SideEffect[];
  /** The Chinese verb shown on the button and in the timeline. */
  label: string;
  /** A reason is required (reject, decline, reopen) so the other side knows why. */
  needsNote?: boolean;
  /**
   * The request names a team: `always` (dispatch, reassign: picked from 派单推荐, checked it can
   * serve the order), `if_several` (grab: which of the caller's eligible teams, asked only when
   * they lead more than one).
   */
  needsTeam?: 'always' | 'if_several';
  guards?: readonly TransitionGuard[];
}

const STAFF: readonly OrderParty[] = ['staff'];

/** THE order state machine: event × state → next state, who may fire it, and what follows. */
export const ORDER_TRANSITIONS: readonly TransitionRule[] = [
  { event: 'accept', via: 'transition', from: ['submitted'], to: 'accepted', parties: STAFF, effects: ['notify_requester'], label: '受理' },
  {
    event: 'reject',
    via: 'transition',
    from: WITH_STAFF_STATES,
    to: 'rejected',
    parties: STAFF,
    effects: ['notify_requester'],
    label: '驳回',
    needsNote: true,
  },
  {
    event: 'escalate',
    via: 'transition',
    from: WITH_STAFF_STATES,
    to: 'same',
    parties: ['station'],
    effects: ['escalate_to_institute', 'notify_staff'],
    label: '上报',
    needsNote: true,
  },
  {
    event: 'dispatch',
    via: 'transition',
    from: ['accepted'],
    to: 'dispatched',
    parties: STAFF,
    effects: ['assign_team', 'set_response_deadline', 'notify_leader'],
    label: '派单',
    needsTeam: 'always',
  },
  {
    event: 'reassign',
    via: 'transition',
    from: ['dispatched'],
    to: 'same',
    parties: STAFF,
    effects: ['assign_team', 'set_response_deadline', 'notify_leader'],
    label: '改派',
    needsTeam: 'always',
    guards: ['other_team'],
  },
  {
    event: 'publish',
    via: 'transition',
    from: ['accepted'],
    to: 'pooled',
    parties: STAFF,
    effects: ['set_response_deadline'],
    label: '发布抢单',
    guards: ['poolable_item'],
  },
  { event: 'withdraw', via: 'transition', from: ['pooled'], to: 'accepted', parties: STAFF, effects: [], label: '撤回抢单' },
  {
    event: 'take',
    via: 'transition',
    from: ['dispatched'],
    to: 'taken',
    parties: ['assigned_leader'],
    effects: ['notify_requester'],
    label: '接单',
  },
  {
    event: 'decline',
    via: 'transition',
    from: ['dispatched'],
    to: 'accepted',
    parties: ['assigned_leader'],
    effects: ['clear_team', 'notify_staff'],
    label: '退回',
    needsNote: true,
  },
  {
    event: 'grab',
    via: 'transition',
    from: ['pooled'],
    to: 'taken',
    parties: ['eligible_leader'],
    effects: ['assign_team', 'notify_requester'],
    label: '抢单',
    needsTeam: 'if_several',
  },
  {
    // 指派队员: the leader names which members serve this order; only they (and the leader) check in.
    event: 'assign',
    via: 'assign',
    from: TEAM_ACTIVE_STATES,
    to: 'same',
    parties: ['assigned_leader'],
    effects: [],
    label: '指派队员',
  },
  {
    event: 'check_in',
    via: 'checkIn',
    from: TEAM_ACTIVE_STATES,
    to: 'in_service',
    parties: ['assigned_member', 'assigned_leader'],
    effects: [],
    label: '签到',
  },
  {
    event: 'check_out',
    via: 'checkOut',
    from: ['in_service'],
    to: 'same',
    parties: ['assigned_member', 'assigned_leader'],
    effects: ['record_hours'],
    label: '签退',
  },
  {
    // The leader fixes a forgotten (or wrong) check-out: a timeline event with the reason, never silent.
    event: 'correct_check_out',
    via: 'correctCheckOut',
    from: ['in_service'],
    to: 'same',
    parties: ['assigned_leader'],
    effects: ['record_hours'],
    label: '更正签退',
    needsNote: true,
  },
  {
    event: 'complete',
    via: 'complete',
    from: ['in_service'],
    to: 'completed',
    parties: ['assigned_leader'],
    effects: ['record_hours', 'credit_points', 'notify_requester'],
    label: '完成服务',
  },
  { event: 'rate', via: 'rate', from: ['completed'], to: 'closed', parties: ['requester'], effects: ['schedule_follow_up'], label: '评价' },
  {
    event: 'auto_close',
    via: 'timer',
    from: ['completed'],
    to: 'closed',
    parties: ['system'],
    effects: ['schedule_follow_up'],
    label: '超时自动完成',
  },
  {
    event: 'cancel',
    via: 'transition',
    from: [...AWAITING_TAKE_STATES, 'on_wall'],
    to: 'cancelled',
    parties: ['requester'],
    effects: ['clear_team', 'notify_staff'],
    label: '取消',
  },
  {
    event: 'expire',
    via: 'timer',
    from: OFFERED_STATES,
    to: 'accepted',
    parties: ['system'],
    effects: ['clear_team', 'escalate_to_institute', 'notify_staff'],
    label: '超时退回',
  },
  {
    event: 'reopen',
    // Also the 回头看 answer "not solved" (the followUp action), once the 回头看 date has come.
    via: 'transition',
    from: ['closed'],
    to: 'accepted',
    parties: ['requester'],
    effects: ['clear_team', 'notify_staff'],
    label: '回头看：问题未解决',
    needsNote: true,
  },
  // 回头看 answered "still solved": recorded on the timeline; the order stays closed.
  {
    event: 'follow_up',
    via: 'followUp',
    from: ['closed'],
    to: 'same',
    parties: ['requester'],
    effects: [],
    label: '回头看：问题已解决',
    guards: ['follow_up_due'],
  },
  // 心愿墙 (DESIGN §2, 帮挂单位 / 在职党员): an accepted 微心愿 goes on the wall instead of to a team.
  {
    event: 'post_wall',
    via: 'transition',
    from: ['accepted'],
    to: 'on_wall',
    parties: STAFF,
    effects: ['notify_requester'],
    label: '上墙',
    guards: ['wish_item'],
  },
  { event: 'take_down', via: 'transition', from: ['on_wall'], to: 'accepted', parties: STAFF, effects: [], label: '撤下心愿墙' },
  {
    event: 'adopt',
    via: 'transition',
    from: ['on_wall'],
    to: 'adopted',
    parties: ['wish_adopter'],
    effects: ['notify_requester'],
    label: '认领',
  },
  {
    // 已送达: then the resident confirms receipt by rating it (评价, as any completed order).
    event: 'deliver',
    via: 'deliver',
    from: ['adopted'],
    to: 'completed',
    parties: ['adopter'],
    effects: ['notify_requester'],
    label: '已送达',
  },
];

export type TransitionOutcome =
  | { ok: true; from: OrderState; to: OrderState; rule: TransitionRule }
  | { ok: false; code: typeof ErrorCode.InvalidTransition | typeof ErrorCode.Forbidden; message: string };

/** May these parties fire this event on an order in this state, and where does it go? */
export function decideTransition(state: OrderState, event: OrderEvent, parties: readonly OrderParty[]): TransitionOutcome {
  const rule = ruleOf(event, state);
  if (!rule) return { ok: false, code: ErrorCode.InvalidTransition, message: '订单当前状态不能进行此操作，请刷新' };
  if (!rule.parties.some((p) => parties.includes(p))) return { ok: false, code: ErrorCode.Forbidden, message: '没有权限进行此操作' };
  return { ok: true, from: state, to: rule.to === 'same' ? state : rule.to, rule };
}

/** The rule of this event for an order in this state, if the table has one. */
export function ruleOf(event: OrderEvent, state: OrderState): TransitionRule | undefined {
  return ORDER_TRANSITIONS.find((r) => r.event === event && r.from.includes(state));
}

/** The events a caller fires through this action. */
export function eventsVia(action: EventAction): OrderEvent[] {
  return [...new Set(ORDER_TRANSITIONS.filter((r) => r.via === action).map((r) => r.event))];
}

/** The events a screen should offer these parties for an order in this state (button list). */
export function availableEvents(state: OrderState, parties: readonly OrderParty[]): TransitionRule[] {
  return ORDER_TRANSITIONS.filter(
    (r) => r.from.includes(state) && r.parties.some((p) => parties.includes(p)) && !r.parties.includes('system'),
  );
}
