import { ErrorCode } from '../shared/domain-error';
import type { OrderState } from './order.states';

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
  /** Timer-triggered jobs (deadlines, rating window). */
  | 'system';

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
  | 'follow_up';

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

export interface TransitionRule {
  event: OrderEvent;
  from: readonly OrderState[];
  /** `same` keeps the state (escalate, reassign, check-in while serving, check-out). */
  to: OrderState | 'same';
  parties: readonly OrderParty[];
  effects: readonly SideEffect[];
  /** The Chinese verb shown on the button and in the timeline. */
  label: string;
  /** A reason is required (reject, decline, reopen) so the other side knows why. */
  needsNote?: boolean;
}

const STAFF: readonly OrderParty[] = ['staff'];

/** THE order state machine: event × state → next state, who may fire it, and what follows. */
export const ORDER_TRANSITIONS: readonly TransitionRule[] = [
  { event: 'accept', from: ['submitted'], to: 'accepted', parties: STAFF, effects: ['notify_requester'], label: '受理' },
  {
    event: 'reject',
    from: ['submitted', 'accepted'],
    to: 'rejected',
    parties: STAFF,
    effects: ['notify_requester'],
    label: '驳回',
    needsNote: true,
  },
  {
    event: 'escalate',
    from: ['submitted', 'accepted'],
    to: 'same',
    parties: ['station'],
    effects: ['escalate_to_institute', 'notify_staff'],
    label: '上报',
    needsNote: true,
  },
  {
    event: 'dispatch',
    from: ['accepted'],
    to: 'dispatched',
    parties: STAFF,
    effects: ['assign_team', 'set_response_deadline', 'notify_leader'],
    label: '派单',
  },
  {
    event: 'reassign',
    from: ['dispatched'],
    to: 'same',
    parties: STAFF,
    effects: ['assign_team', 'set_response_deadline', 'notify_leader'],
    label: '改派',
  },
  { event: 'publish', from: ['accepted'], to: 'pooled', parties: STAFF, effects: ['set_response_deadline'], label: '发布抢单' },
  { event: 'withdraw', from: ['pooled'], to: 'accepted', parties: STAFF, effects: [], label: '撤回抢单' },
  { event: 'take', from: ['dispatched'], to: 'taken', parties: ['assigned_leader'], effects: ['notify_requester'], label: '接单' },
  {
    event: 'decline',
    from: ['dispatched'],
    to: 'accepted',
    parties: ['assigned_leader'],
    effects: ['clear_team', 'notify_staff'],
    label: '退回',
    needsNote: true,
  },
  {
    event: 'grab',
    from: ['pooled'],
    to: 'taken',
    parties: ['eligible_leader'],
    effects: ['assign_team', 'notify_requester'],
    label: '抢单',
  },
  {
    // 指派队员: the leader names which members serve this order; only they (and the leader) check in.
    event: 'assign',
    from: ['taken', 'in_service'],
    to: 'same',
    parties: ['assigned_leader'],
    effects: [],
    label: '指派队员',
  },
  {
    event: 'check_in',
    from: ['taken', 'in_service'],
    to: 'in_service',
    parties: ['assigned_member', 'assigned_leader'],
    effects: [],
    label: '签到',
  },
  {
    event: 'check_out',
    from: ['in_service'],
    to: 'same',
    parties: ['assigned_member', 'assigned_leader'],
    effects: ['record_hours'],
    label: '签退',
  },
  {
    // The leader fixes a forgotten (or wrong) check-out: a timeline event with the reason, never silent.
    event: 'correct_check_out',
    from: ['in_service'],
    to: 'same',
    parties: ['assigned_leader'],
    effects: ['record_hours'],
    label: '更正签退',
    needsNote: true,
  },
  {
    event: 'complete',
    from: ['in_service'],
    to: 'completed',
    parties: ['assigned_leader'],
    effects: ['record_hours', 'credit_points', 'notify_requester'],
    label: '完成服务',
  },
  { event: 'rate', from: ['completed'], to: 'closed', parties: ['requester'], effects: ['schedule_follow_up'], label: '评价' },
  { event: 'auto_close', from: ['completed'], to: 'closed', parties: ['system'], effects: ['schedule_follow_up'], label: '超时自动完成' },
  {
    event: 'cancel',
    from: ['submitted', 'accepted', 'dispatched', 'pooled'],
    to: 'cancelled',
    parties: ['requester'],
    effects: ['clear_team', 'notify_staff'],
    label: '取消',
  },
  {
    event: 'expire',
    from: ['dispatched', 'pooled'],
    to: 'accepted',
    parties: ['system'],
    effects: ['clear_team', 'escalate_to_institute', 'notify_staff'],
    label: '超时退回',
  },
  {
    event: 'reopen',
    from: ['closed'],
    to: 'accepted',
    parties: ['requester'],
    effects: ['clear_team', 'notify_staff'],
    label: '回头看：问题未解决',
    needsNote: true,
  },
  // 回头看 answered "still solved": recorded on the timeline; the order stays closed.
  { event: 'follow_up', from: ['closed'], to: 'same', parties: ['requester'], effects: [], label: '回头看：问题已解决' },
];

export type TransitionOutcome =
  | { ok: true; from: OrderState; to: OrderState; rule: TransitionRule }
  | { ok: false; code: typeof ErrorCode.InvalidTransition | typeof ErrorCode.Forbidden; message: string };

/** May these parties fire this event on an order in this state, and where does it go? */
export function decideTransition(state: OrderState, event: OrderEvent, parties: readonly OrderParty[]): TransitionOutcome {
  const rule = ORDER_TRANSITIONS.find((r) => r.event === event && r.from.includes(state));
  if (!rule) return { ok: false, code: ErrorCode.InvalidTransition, message: '订单当前状态不能进行此操作，请刷新' };
  if (!rule.parties.some((p) => parties.includes(p))) return { ok: false, code: ErrorCode.Forbidden, message: '没有权限进行此操作' };
  return { ok: true, from: state, to: rule.to === 'same' ? state : rule.to, rule };
}

/** The events a screen should offer these parties for an order in this state (button list). */
export function availableEvents(state: OrderState, parties: readonly OrderParty[]): TransitionRule[] {
  return ORDER_TRANSITIONS.filter(
    (r) => r.from.includes(state) && r.parties.some((p) => parties.includes(p)) && !r.parties.includes('system'),
  );
}
