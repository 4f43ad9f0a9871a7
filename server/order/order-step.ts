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
import { readById } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { noticeRowsFor } from '../notify/enqueue';
import { applyEffects, insertOnce } from './order-effects';
import { type OrderRelation, refuseFor, relationTo } from './order-relation';
import { archivedSeqOf, ORDER_EVENTS, ORDERS, type OrderEffect, type OrderRecord, type StepRead, TIMELINE_CAP } from './order-store';

/**
 * The parts every event shares, below `fire` (fire.ts): the table's decision for who fires it,
 * and the one write of a decided step. The events' own planners (event-plans.ts,
 * service-sessions.ts) build on these types; nothing here imports them.
 */

export const GRAB_LOST = '手慢了，这个订单已被其他队伍抢走';
export const ADOPT_LOST = '手慢了，这个心愿已被其他人认领';

/** The table's decision for a caller on the order as read in the transaction. */
export interface Decided {
  rule: TransitionRule;
  to: OrderState;
  rel: OrderRelation;
  byParty: OrderEventDoc['byParty'];
}

/** What an event's planner sees: the caller, the order as read for this step, and the table's decision. */
export interface PlanContext<C> {
  principal: LoadedPrincipal;
  order: OrderRecord;
  decided: Decided;
  command: C;
  /** The order's team as read with it (only for the events that ask: rating). */
  team: StepRead['team'];
  now: number;
}

/** What an event writes beside the table's own patch (decided by its planner). */
export interface Plan {
  /** The timeline note. */
  note: string;
  /** The team the event gives the order (dispatch, reassign, grab). */
  team?: Team;
  rating?: OrderRating;
  /** More order fields this event writes (completion report, hours, follow-up answer, assignees, the round's sessions). */
  patch?: Partial<OrderRecord>;
  /**
   * Writes to other documents (sessions, points ledger, team rating): stored on the order in the
   * step's own update and applied right after it, idempotently (order-effects.ts).
   */
  effects?: OrderEffect[];
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
    // An 认领 that arrives after someone else adopted the wish lost the race.
    if (event === 'adopt' && order.adopterOpenid && order.state !== 'on_wall') throw new DomainError(ErrorCode.Conflict, ADOPT_LOST);
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

/** Another writer moved the order on between this step's read and its update: `fire` reads again. */
export class StepLost extends Error {
  constructor() {
    super('order moved on');
  }
}

/**
 * Effects an order keeps until the timer confirms them: the newest. A lifecycle makes about ten;
 * an older one beyond this was applied by its step's instance minutes before (or the timer did).
 */
const EFFECTS_CAP = 40;

/**
 * Writes one decided step as ONE conditional update of the order on the version read (the
 * compare-and-set): the order patch with the next version, the timeline event (appended to the
 * embedded timeline; its seq is that version, so two writers can never both append a step), and
 * the step's effects (the notices of the rule's `notify_*` effects and the planner's writes),
 * which are then applied at once (order-effects.ts). StepLost when the order moved on.
 */
export async function writeStep(
  order: OrderRecord,
  rule: TransitionRule,
  to: OrderState,
  actor: Actor,
  plan: Plan,
  now: number,
  ratedTeam: StepRead['team'] = null,
): Promise<TransitionResult> {
  const version = order.version + 1;
  const patch: Partial<OrderRecord> = {
    ...transitionPatch(order, rule, to, { now, team: plan.team }),
    ...plan.patch,
    version,
  };
  if (plan.rating) patch.rating = plan.rating;
  // A new service round: a fresh confirmation code only the requester (and the placer) will see, and no sessions yet.
  if (patch.serviceRound !== undefined && patch.serviceRound !== order.serviceRound) {
    patch.serviceCode = serviceCodeFrom(randomInt);
    patch.roundSessions ??= [];
  }
  const teamId = patch.teamId !== undefined ? patch.teamId : order.teamId;
  const teamName = patch.teamName !== undefined ? patch.teamName : order.teamName;
  const event: OrderEventDoc = {
    _id: eventIdOf(order._id, version),
    orderId: order._id,
    seq: version,
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
  // Recipients are plain reads before the update; the rows ride in it, keyed by (order, version,
  // recipient, template), so they exist iff the step does.
  const notices = await noticeRowsFor({ ...order, ...patch } as OrderDoc, rule, to, {
    now,
    note: plan.note,
    actorOpenid: actor.byOpenid,
    version,
    team: plan.team,
  });
  const effects: OrderEffect[] = [...(plan.effects ?? [])];
  if (notices.length > 0) effects.push({ kind: 'notices', rows: notices });
  const _ = database().command;
  const { _id: _omit, ...data } = patch as Record<string, unknown>;
  Object.assign(data, await timelineWrite(order, event));
  // The step's effects join those not yet confirmed applied (the order timer confirms and clears them).
  if (effects.length > 0)
    Object.assign(data, { effects: _.push({ each: effects, slice: -EFFECTS_CAP }), effectsDue: true, effectsAt: now });
  const res = (await database()
    .collection(ORDERS)
    .where({ _id: order._id, version: order.version })
    .update({ data: { ...data, timeline: data.timeline ?? _.push({ each: [event] }) } })) as { stats: { updated: number } };
  if (res.stats.updated === 0) throw new StepLost();
  if (effects.length > 0) {
    try {
      await applyEffects(effects, { team: ratedTeam });
    } catch (err) {
      // The step happened; its effects stay on the order and the order timer applies them.
      console.error(`[order] effects of ${order._id} v${version} left to the timer`, err);
    }
  }
  return {
    orderId: order._id,
    event: rule.event,
    from: order.state,
    to,
    stateLabel: ORDER_STATE_LABELS[to],
    version,
    teamId,
    teamName,
  };
}

/**
 * How the step's event joins the timeline: appended (the common case, `timeline` left for the
 * push); the first event an older order keeps in itself (its earlier ones stay in `order_events`);
 * or, past TIMELINE_CAP, the older half moved to `order_events` first (one more read and write,
 * once every TIMELINE_CAP / 2 steps; fixed ids, so a step that then loses its update leaves only
 * copies the readers skip).
 */
async function timelineWrite(order: OrderRecord, event: OrderEventDoc): Promise<Partial<OrderRecord>> {
  if (order.archivedSeq === undefined) return { timeline: [event], archivedSeq: order.version };
  if (order.version - order.archivedSeq < TIMELINE_CAP) return {};
  const embedded = (await readById<OrderRecord>(ORDERS, order._id))?.timeline ?? [];
  const kept = embedded.filter((e) => e.seq <= order.version).slice(-(TIMELINE_CAP / 2 - 1));
  const moved = embedded.filter((e) => e.seq <= order.version).slice(0, -kept.length || undefined);
  await insertOnce(ORDER_EVENTS, moved, false);
  return { timeline: [...kept, event], archivedSeq: moved[moved.length - 1]?.seq ?? archivedSeqOf(order) };
}
