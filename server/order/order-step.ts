import { randomInt } from 'node:crypto';
import { eventIdOf, transitionPatch } from '../../src/domain/order/order.rules';
import { decideTransition, type OrderEvent, ruleOf, type TransitionRule } from '../../src/domain/order/order.state-machine';
import { ORDER_STATE_LABELS, type OrderState, TAKEN_STATES } from '../../src/domain/order/order.states';
import type { OrderDoc, OrderEventDoc, OrderRating } from '../../src/domain/order/order.types';
import type { TransitionResult } from '../../src/domain/order/order.views';
import type { Team } from '../../src/domain/org/org.types';
import { serviceCodeFrom } from '../../src/domain/service/service.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import type { Tx } from '../kit/tx';
import { noticeRowsFor } from '../notify/enqueue';
import { type OrderRelation, refuseFor, relationTo } from './order-relation';
import { NOTIFICATIONS, ORDER_EVENTS, ORDERS } from './order-store';

/**
 * The parts every event shares, below `fire` (fire.ts): the table's decision for who fires it,
 * and the one write of a decided step. The events' own planners (event-plans.ts,
 * service-sessions.ts) build on these types; nothing here imports them.
 */

export const GRAB_LOST = '手慢了，这个订单已被其他队伍抢走';

/** The table's decision for a caller on the order as read in the transaction. */
export interface Decided {
  rule: TransitionRule;
  to: OrderState;
  rel: OrderRelation;
  byParty: OrderEventDoc['byParty'];
}

/** What an event's planner sees: the caller, the order as read in the transaction, and the table's decision. */
export interface PlanContext<C> {
  principal: LoadedPrincipal;
  order: OrderDoc;
  decided: Decided;
  command: C;
  t: Tx;
  now: number;
}

/** What an event writes beside the table's own patch (decided by its planner). */
export interface Plan {
  /** The timeline note. */
  note: string;
  /** The team the event gives the order (dispatch, reassign, grab). */
  team?: Team;
  rating?: OrderRating;
  /** More order fields this event writes (completion report, hours, follow-up answer, assignees). */
  patch?: Partial<OrderDoc>;
  /**
   * More writes in the same transaction, after the compare-and-set passed (sessions, points
   * ledger, team rating). Throwing a DomainError aborts everything.
   */
  writes?: (t: Tx, current: OrderDoc, version: number) => Promise<void>;
  /** More fields of the answer (完成服务: hours and points per volunteer). */
  answer?: Record<string, unknown>;
}

export type Planner<C> = (ctx: PlanContext<C>) => Promise<Plan>;

/** Who fired a step, as the timeline records it. */
export interface Actor {
  byOpenid: string;
  byParty: OrderEventDoc['byParty'];
  actorLabel: string;
}

export const SYSTEM_ACTOR: Actor = { byOpenid: '', byParty: 'system', actorLabel: '系统' };

/**
 * Decides one event for the caller on an order as read: their parties come from who they are
 * to this order, the table decides, and a refusal gets the clearest code.
 */
export async function decideFor(principal: LoadedPrincipal, order: OrderDoc, event: OrderEvent): Promise<Decided> {
  const rel = await relationTo(principal, order);
  const decision = decideTransition(order.state, event, rel.parties);
  if (!decision.ok) {
    // A grab that arrives after another team got it (stale pool screen, or lost the race before reading).
    if (event === 'grab' && order.teamId && TAKEN_STATES.includes(order.state)) {
      throw new DomainError(ErrorCode.Conflict, GRAB_LOST);
    }
    if (decision.code === ErrorCode.InvalidTransition) throw new DomainError(decision.code, decision.message);
    const rule = ruleOf(event, order.state);
    const refusal = rule ? refuseFor(rule, rel) : decision;
    throw new DomainError(refusal.code, refusal.message);
  }
  return {
    rule: decision.rule,
    to: decision.to,
    rel,
    byParty: decision.rule.parties.find((p) => rel.parties.includes(p)) ?? 'requester',
  };
}

/** The order as the caller last saw it, or STATE.CONFLICT. */
export function checkExpectedVersion(order: OrderDoc, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== order.version) {
    throw new DomainError(ErrorCode.Conflict, '订单已有新的进展，请刷新后再操作');
  }
}

/**
 * Writes one decided step inside the running transaction, on the order as read in it: the order
 * patch with the next version, the timeline event whose id that version fixes (so two writers can
 * never both append the same step), the notifications of the rule's `notify_*` effects, and the
 * planner's own writes.
 */
export async function writeStep(
  t: Tx,
  order: OrderDoc,
  rule: TransitionRule,
  to: OrderState,
  actor: Actor,
  plan: Plan,
  now: number,
): Promise<TransitionResult> {
  const patch: Partial<OrderDoc> = {
    ...transitionPatch(order, rule, to, { now, team: plan.team }),
    ...plan.patch,
    version: order.version + 1,
  };
  if (plan.rating) patch.rating = plan.rating;
  // A new service round: a fresh confirmation code only the requester (and the placer) will see.
  if (patch.serviceRound !== undefined && patch.serviceRound !== order.serviceRound) patch.serviceCode = serviceCodeFrom(randomInt);
  const teamId = patch.teamId !== undefined ? patch.teamId : order.teamId;
  const teamName = patch.teamName !== undefined ? patch.teamName : order.teamName;
  const event: OrderEventDoc = {
    _id: eventIdOf(order._id, order.version + 1),
    orderId: order._id,
    seq: order.version + 1,
    event: rule.event,
    from: order.state,
    to,
    byOpenid: actor.byOpenid,
    byParty: actor.byParty,
    actorLabel: actor.actorLabel,
    note: plan.note,
    teamId,
    teamName,
    at: now,
  };
  // Recipients are plain reads beside the transaction; the rows are written in it, keyed by
  // (order, version, recipient, template), so they exist iff the step does.
  const notices = await noticeRowsFor({ ...order, ...patch } as OrderDoc, rule, to, {
    now,
    note: plan.note,
    actorOpenid: actor.byOpenid,
    version: order.version + 1,
    team: plan.team,
  });
  const { _id: _omit, ...data } = patch as OrderDoc;
  await t.collection(ORDERS).doc(order._id).update({ data });
  await t.collection(ORDER_EVENTS).add({ data: event });
  for (const row of notices) await t.collection(NOTIFICATIONS).add({ data: row });
  if (plan.writes) await plan.writes(t, order, order.version + 1);
  return {
    orderId: order._id,
    event: rule.event,
    from: order.state,
    to,
    stateLabel: ORDER_STATE_LABELS[to],
    version: order.version + 1,
    teamId,
    teamName,
  };
}
