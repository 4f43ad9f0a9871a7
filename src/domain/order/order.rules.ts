/**
 * Order rules beside the state machine table: input limits, the time window, list keys, what each
 * transition writes (from the table's side effects), and the few checks the table cannot express.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import { ErrorCode } from '../shared/domain-error';
import { CALLER_EVENTS, type OrderEvent, type SideEffect, type TransitionGuard, type TransitionRule } from './order.state-machine';
import { AWAITING_TAKE_STATES, type OrderState } from './order.states';
import type { OrderDoc, OrderLevel, TimeWindow } from './order.types';
import type { OrderAction, TransitionAction } from './order.views';

export const DESCRIPTION_MIN = 5;
export const DESCRIPTION_MAX = 300;
export const PHOTOS_MAX = 6;
export const ROOM_MAX = 32;
export const NOTE_MAX = 200;
export const WINDOW_MAX_DAYS = 30;
export const RATING_TAGS_MAX = 6;
export const RATING_TAG_MAX_CHARS = 12;
export const RATING_COMMENT_MAX = 300;
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 50;
/** 回头看: the resident is asked this long after closing whether the problem stays solved. */
export const FOLLOW_UP_DAYS = 7;
/** 评价: the resident may rate a completed order for this long; then the timer closes it (auto_close, no rating). */
export const RATING_WINDOW_DAYS = 7;

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A `cloud://` file id as WeChat Cloud storage returns it (`cloud://<env>.<bucket>/<path>`). */
export const CLOUD_FILE_ID = /^cloud:\/\/[A-Za-z0-9._-]+\/[^\s]{1,400}$/;

export { CALLER_EVENTS, type CallerEvent } from './order.state-machine';

/** An action of the detail answer the caller fires through `transition` (the others have their own actions). */
export function isTransitionAction(a: OrderAction): a is TransitionAction {
  return a.viaAction === 'transition' && (CALLER_EVENTS as readonly OrderEvent[]).includes(a.event);
}

/** Why the preferred time window is unacceptable, or null when it is fine. */
export function windowProblem(window: TimeWindow, now: number): string | null {
  if (!(window.end > window.start)) return '结束时间要晚于开始时间';
  if (window.end <= now) return '期望服务时间已经过去，请重新选择';
  if (window.start < now - 5 * MINUTE_MS) return '开始时间不能早于现在';
  if (window.end > now + WINDOW_MAX_DAYS * DAY_MS) return `期望服务时间须在 ${WINDOW_MAX_DAYS} 天以内`;
  return null;
}

/** The idempotency key of a create request: per caller, per client request id. */
export const requestKeyOf = (callerOpenid: string, requestId: string): string => `order.create:${callerOpenid}:${requestId}`;

/** `_id` of an order's timeline event number `seq`. */
export const eventIdOf = (orderId: string, seq: number): string => `${orderId}-${String(seq).padStart(4, '0')}`;

const pad13 = (n: number) => String(Math.max(0, Math.floor(n))).padStart(13, '0');

/** Newest-first list key, unique per order. */
export const sortKeyOf = (createdAt: number, orderId: string): string => `${pad13(createdAt)}-${orderId}`;

/** Staff queue key, ascending: escalated first, then overdue, then oldest. */
export function queueKeyOf(o: { level: OrderLevel; overdue: boolean; createdAt: number; _id: string }): string {
  return `${o.level === 'institute' ? 0 : 1}${o.overdue ? 0 : 1}-${sortKeyOf(o.createdAt, o._id)}`;
}

/** Overdue as staff see it now: flagged by the sweep, or its deadline passed while nobody took it. */
export function isOverdue(o: Pick<OrderDoc, 'overdue' | 'responseDeadline' | 'state'>, now: number): boolean {
  return AWAITING_TAKE_STATES.includes(o.state) && (o.overdue || o.responseDeadline < now);
}

export const HOUR_MS = 60 * MINUTE_MS;

export type Problem = { code: ErrorCode; message: string };
/** What the rules' guards look at on the order. */
export type GuardedOrder = Pick<OrderDoc, 'teamId' | 'itemPoolable'> & Partial<Pick<OrderDoc, 'followUpAt' | 'followUp' | 'itemKind'>>;
export interface GuardedInput {
  note?: string;
  teamId?: string;
}

/** Guards that look at the request; the others look at the order alone and also decide which buttons are offered. */
const REQUEST_GUARDS: readonly TransitionGuard[] = ['other_team'];

/** Why this guard of a rule stops the request on this order, or null. `now` dates the 回头看 (without it, it is not due). */
export function guardProblem(guard: TransitionGuard, order: GuardedOrder, input: GuardedInput, now?: number): Problem | null {
  switch (guard) {
    case 'other_team':
      return input.teamId === order.teamId ? { code: ErrorCode.InputInvalid, message: '请选择另一支志愿服务队' } : null;
    case 'poolable_item':
      return order.itemPoolable ? null : { code: ErrorCode.InvalidTransition, message: '这项服务不能发布抢单，请直接派单' };
    case 'follow_up_due':
      if (order.followUpAt === null || order.followUpAt === undefined || now === undefined || order.followUpAt > now) {
        return { code: ErrorCode.InvalidTransition, message: '还没到回头看的时间' };
      }
      return order.followUp ? { code: ErrorCode.Conflict, message: '已经反馈过了，谢谢' } : null;
    case 'wish_item':
      return order.itemKind === 'wish' ? null : { code: ErrorCode.InvalidTransition, message: '只有微心愿可以上心愿墙，请派单' };
  }
}

/** Problems a request has that the table's states cannot see: the rule's reason, its team and its guards, in that order. */
export function transitionInputProblem(order: GuardedOrder, rule: TransitionRule, input: GuardedInput, now?: number): Problem | null {
  if (rule.needsNote && !input.note?.trim()) return { code: ErrorCode.InputInvalid, message: `请填写${rule.label}的原因` };
  if (rule.needsTeam === 'always' && !input.teamId) return { code: ErrorCode.InputInvalid, message: '请选择要派给的志愿服务队' };
  for (const guard of rule.guards ?? []) {
    const problem = guardProblem(guard, order, input, now);
    if (problem) return problem;
  }
  return null;
}

/** May the order take this rule now, as far as its guards on the order tell (the button is offered)? */
export function orderGuardsPass(rule: TransitionRule, order: GuardedOrder, now: number): boolean {
  return (rule.guards ?? []).every((g) => REQUEST_GUARDS.includes(g) || guardProblem(g, order, {}, now) === null);
}

/** The order fields a transition writes, from the rule's side effects (hours, points and notices are not order fields). */
export function transitionPatch(
  order: Pick<OrderDoc, '_id' | 'createdAt' | 'level' | 'overdue' | 'itemResponseHours' | 'responseDeadline'> &
    Partial<Pick<OrderDoc, 'state' | 'version'>>,
  rule: TransitionRule,
  to: OrderState,
  ctx: { now: number; team?: { _id: string; name: string } },
): Partial<OrderDoc> {
  const has = (e: SideEffect) => rule.effects.includes(e);
  const patch: Partial<OrderDoc> = { state: to, updatedAt: ctx.now };
  if (has('assign_team')) {
    if (!ctx.team) throw new Error(`event ${rule.event} needs a team`);
    patch.teamId = ctx.team._id;
    patch.teamName = ctx.team.name;
  }
  if (has('clear_team')) {
    patch.teamId = null;
    patch.teamName = '';
  }
  if (has('escalate_to_institute')) patch.level = 'institute';
  let overdue = order.overdue;
  if (has('set_response_deadline')) {
    patch.responseDeadline = ctx.now + order.itemResponseHours * HOUR_MS;
    overdue = false;
  }
  // A team owns it now, or the order is final: nothing is overdue any more.
  if (!AWAITING_TAKE_STATES.includes(to)) overdue = false;
  // An expired order (falls back and escalates) stays flagged for 催办.
  if (rule.event === 'expire') overdue = true;
  // Fresh staff work after a reopen gets a fresh deadline.
  if (rule.event === 'reopen' || rule.event === 'decline') {
    patch.responseDeadline = ctx.now + order.itemResponseHours * HOUR_MS;
    overdue = false;
  }
  patch.overdue = overdue;
  if (has('schedule_follow_up')) {
    patch.followUpAt = ctx.now + FOLLOW_UP_DAYS * DAY_MS;
    patch.followUp = null;
    patch.followUpPrompted = false;
  }
  // A team takes it: a new service round (sessions, points) starts; the code is set by the server.
  if (to === 'taken' && order.state !== 'taken') {
    patch.takenAt = ctx.now;
    patch.serviceRound = (order.version ?? 0) + 1;
    // Assignments belong to a round: the (possibly different) team starts with nobody assigned.
    patch.assigneeOpenids = [];
    patch.assigneeNames = [];
  }
  if (rule.event === 'complete' || rule.event === 'deliver') {
    patch.completedAt = ctx.now;
    patch.rateBy = ctx.now + RATING_WINDOW_DAYS * DAY_MS;
  }
  // Closed or back to staff: the confirmation code is no longer good for anything.
  if (to === 'closed' || to === 'accepted' || to === 'cancelled') patch.serviceCode = null;
  patch.queueKey = queueKeyOf({ _id: order._id, createdAt: order.createdAt, level: patch.level ?? order.level, overdue });
  return patch;
}

/** Cursor helpers: cursors are opaque to screens, plain keys to us. */
export function clampPageSize(pageSize: number | undefined): number {
  if (!pageSize || !Number.isFinite(pageSize)) return PAGE_SIZE_DEFAULT;
  return Math.min(PAGE_SIZE_MAX, Math.max(1, Math.floor(pageSize)));
}
