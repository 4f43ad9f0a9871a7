import { randomInt } from 'node:crypto';
import { teamCanServe } from '../../src/domain/catalog/catalog.rules';
import { eventIdOf, transitionInputProblem, transitionPatch } from '../../src/domain/order/order.rules';
import { decideTransition, ORDER_TRANSITIONS, type OrderEvent, type TransitionRule } from '../../src/domain/order/order.state-machine';
import { ORDER_STATE_LABELS, type OrderState } from '../../src/domain/order/order.states';
import type { OrderDoc, OrderEventDoc, OrderRating } from '../../src/domain/order/order.types';
import type { TransitionResult } from '../../src/domain/order/order.views';
import type { Team } from '../../src/domain/org/org.types';
import { serviceCodeFrom } from '../../src/domain/service/service.rules';
import { nextTeamRating } from '../../src/domain/service/service-stats.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { type Tx, txGet } from '../kit/tx';
import { noticeRowsFor } from '../notify/enqueue';
import { buildingOf, type OrderRelation, refuseFor, relationTo } from './order-relation';
import { findTeams, inOrderTransaction, NOTIFICATIONS, ORDER_EVENTS, ORDERS, TEAMS } from './order-store';

const GRAB_LOST = '手慢了，这个订单已被其他队伍抢走';

export interface TransitionInput {
  orderId: string;
  event: OrderEvent;
  note?: string;
  teamId?: string;
  expectedVersion?: number;
}

export type { TransitionResult };

/** The team a dispatch / reassign / grab names, checked against the order. */
async function targetTeam(order: OrderDoc, event: OrderEvent, input: TransitionInput, eligible: Team[]): Promise<Team | undefined> {
  if (event === 'grab') {
    if (input.teamId) {
      const team = eligible.find((t) => t._id === input.teamId);
      if (!team) throw new DomainError(ErrorCode.OutOfScope, '您不是这支队伍的队长，或这支队伍不能承接此订单');
      return team;
    }
    if (eligible.length > 1) throw new DomainError(ErrorCode.InputInvalid, '请选择以哪支队伍抢单');
    return eligible[0];
  }
  if (event !== 'dispatch' && event !== 'reassign') return undefined;
  const [team] = await findTeams([input.teamId ?? '']);
  if (!team) throw new DomainError(ErrorCode.NotFound, '找不到这支志愿服务队');
  if (!teamCanServe(team, { skills: order.itemSkills }, buildingOf(order))) {
    throw new DomainError(ErrorCode.InputInvalid, `「${team.name}」不具备此服务所需技能或不在服务区域内，请换一支队伍`);
  }
  return team;
}

export interface Decided {
  rule: TransitionRule;
  to: OrderState;
  rel: OrderRelation;
  byParty: OrderEventDoc['byParty'];
}

/**
 * Decides one event for the caller on an order as read: their parties come from who they are
 * to this order, the table decides, and a refusal gets the clearest code (used by every use case
 * that fires an event: transitions, check-in / check-out, completion, 回头看).
 */
export async function decideFor(principal: LoadedPrincipal, order: OrderDoc, event: OrderEvent): Promise<Decided> {
  const rel = await relationTo(principal, order);
  const decision = decideTransition(order.state, event, rel.parties);
  if (!decision.ok) {
    // A grab that arrives after another team got it (stale pool screen, or lost the race before reading).
    if (event === 'grab' && order.teamId && ['taken', 'in_service', 'completed', 'closed'].includes(order.state)) {
      throw new DomainError(ErrorCode.Conflict, GRAB_LOST);
    }
    if (decision.code === ErrorCode.InvalidTransition) throw new DomainError(decision.code, decision.message);
    const rule = ORDER_TRANSITIONS.find((r) => r.event === event && r.from.includes(order.state));
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

/** The step a caller's decided event makes: who, in what capacity, the timeline note, and the use case's extras. */
export function stepBy(
  principal: LoadedPrincipal,
  d: Decided,
  now: number,
  note: string,
  more: Pick<CommitContext, 'patch' | 'writes' | 'rating' | 'team'> = {},
): Step {
  return {
    rule: d.rule,
    to: d.to,
    ctx: { now, note, byOpenid: principal.openid, byParty: d.byParty, actorLabel: d.rel.actorLabel, ...more },
  };
}

/** The order as the caller last saw it, or STATE.CONFLICT. */
export function checkExpectedVersion(order: OrderDoc, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== order.version) {
    throw new DomainError(ErrorCode.Conflict, '订单已有新的进展，请刷新后再操作');
  }
}

/**
 * Fires one state machine event on an order. The caller's parties come from who they are to this
 * order; the table decides; the write is ONE transaction that re-reads the order, lands only on
 * the state and version that were decided on (compare-and-set), appends the timeline event
 * whose id is fixed by the new version (so two writers can never both append the same step), and
 * queues the notifications of the rule's `notify_*` effects.
 *
 * check_in / check_out / complete carry hours and points: they go through server/service
 * (the order function routes them there), not through here.
 */
export async function transitionOrder(
  principal: LoadedPrincipal,
  input: TransitionInput,
  now: number,
  extra: { rating?: OrderRating; patch?: Partial<OrderDoc>; writes?: CommitContext['writes'] } = {},
): Promise<TransitionResult> {
  const lost = input.event === 'grab' ? GRAB_LOST : undefined;
  return fireOnOrder(
    input.orderId,
    input.expectedVersion,
    async (order) => {
      const d = await decideFor(principal, order, input.event);
      const problem = transitionInputProblem(order, d.rule, input);
      if (problem) throw new DomainError(problem.code, problem.message);
      const team = await targetTeam(order, input.event, input, d.rel.eligibleTeams);
      return stepBy(principal, d, now, input.note?.trim() ?? '', { team, ...extra });
    },
    lost,
  );
}

/** What a use case decided on the order as read in the transaction. */
export interface Step {
  rule: TransitionRule;
  to: OrderState;
  ctx: CommitContext;
}

/**
 * Fires one event as ONE transaction: reads the order in it, lets `decide` judge the caller and
 * the request against that very version (its own reads and refusals happen there too), and
 * writes the step. A concurrent writer makes the commit conflict; the SDK then runs it all again
 * on the new version, where `decide` gives the loser its clear refusal (e.g. 手慢了).
 */
export async function fireOnOrder(
  orderId: string,
  expectedVersion: number | undefined,
  decide: (order: OrderDoc, t: Tx) => Promise<Step>,
  conflictMessage?: string,
): Promise<TransitionResult> {
  return inOrderTransaction(async (t) => {
    const order = await txGet<OrderDoc>(t, ORDERS, orderId);
    if (!order) throw new DomainError(ErrorCode.NotFound, '找不到这个订单');
    checkExpectedVersion(order, expectedVersion);
    const step = await decide(order, t);
    return writeTransition(t, order, step.rule, step.to, step.ctx);
  }, conflictMessage);
}

export interface CommitContext {
  now: number;
  team?: Team;
  rating?: OrderRating;
  note: string;
  byOpenid: string;
  byParty: OrderEventDoc['byParty'];
  actorLabel: string;
  /** More order fields this use case writes (completion report, hours, follow-up answer). */
  patch?: Partial<OrderDoc>;
  /**
   * More writes in the same transaction, after the compare-and-set passed (sessions, points
   * ledger, team rating). Throwing a DomainError aborts everything.
   */
  writes?: (t: Tx, current: OrderDoc, version: number) => Promise<void>;
}

/**
 * Writes a transition decided on an order read outside a transaction (the timers): ONE
 * transaction that re-reads it and lands only on the state and version decided on
 * (compare-and-set), then writes the step.
 */
export async function commitTransition(
  order: OrderDoc,
  rule: TransitionRule,
  to: OrderState,
  ctx: CommitContext,
): Promise<TransitionResult> {
  const lost = rule.event === 'grab' ? GRAB_LOST : '订单刚被其他人处理，请刷新后重试';
  return inOrderTransaction(async (t) => {
    const current = await txGet<OrderDoc>(t, ORDERS, order._id);
    if (!current || current.version !== order.version || current.state !== order.state) {
      throw new DomainError(ErrorCode.Conflict, lost);
    }
    return writeTransition(t, current, rule, to, ctx);
  }, lost);
}

/**
 * Writes one decided step inside the running transaction, on the order as read in it: the order
 * patch with the next version, the timeline event whose id that version fixes (so two writers can
 * never both append the same step), the notifications of the rule's `notify_*` effects, and the
 * use case's own writes.
 */
async function writeTransition(
  t: Tx,
  order: OrderDoc,
  rule: TransitionRule,
  to: OrderState,
  ctx: CommitContext,
): Promise<TransitionResult> {
  const patch: Partial<OrderDoc> = {
    ...transitionPatch(order, rule, to, { now: ctx.now, team: ctx.team }),
    ...ctx.patch,
    version: order.version + 1,
  };
  if (ctx.rating) patch.rating = ctx.rating;
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
    byOpenid: ctx.byOpenid,
    byParty: ctx.byParty,
    actorLabel: ctx.actorLabel,
    note: ctx.note,
    teamId,
    teamName,
    at: ctx.now,
  };
  // Recipients are plain reads beside the transaction; the rows are written in it, keyed by
  // (order, version, recipient, template), so they exist iff the step does.
  const notices = await noticeRowsFor({ ...order, ...patch } as OrderDoc, rule, to, {
    now: ctx.now,
    note: ctx.note,
    actorOpenid: ctx.byOpenid,
    version: order.version + 1,
    team: ctx.team,
  });
  const { _id: _omit, ...data } = patch as OrderDoc;
  await t.collection(ORDERS).doc(order._id).update({ data });
  await t.collection(ORDER_EVENTS).add({ data: event });
  for (const row of notices) await t.collection(NOTIFICATIONS).add({ data: row });
  if (ctx.writes) await ctx.writes(t, order, order.version + 1);
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

export interface RateInput {
  orderId: string;
  stars: number;
  tags?: string[];
  comment?: string;
  expectedVersion?: number;
}

/**
 * 评价: the requester rates a completed order, which closes it (the `rate` event of the table).
 * In the same transaction the stars go into the team's running average (`teams.rating`, one
 * decimal, from the stored `ratingSum` / `ratingCount`): the transaction reads the team, so two
 * ratings of one team at once conflict and retry instead of losing one.
 */
export function rateOrder(principal: LoadedPrincipal, input: RateInput, now: number): Promise<TransitionResult> {
  const comment = input.comment?.trim() ?? '';
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  return transitionOrder(principal, { orderId: input.orderId, event: 'rate', note: comment, expectedVersion: input.expectedVersion }, now, {
    rating: { stars: input.stars, tags, comment, at: now },
    writes: (t, current) => rateTeam(t, current.teamId, input.stars, now),
  });
}

export async function rateTeam(t: Tx, teamId: string | null, stars: number, now: number): Promise<void> {
  if (!teamId) return;
  const team = await txGet<Team & { ratingSum?: number; ratingCount?: number }>(t, TEAMS, teamId);
  if (!team) return; // a dissolved team keeps no rating
  await t
    .collection(TEAMS)
    .doc(teamId)
    .update({ data: { ...nextTeamRating(team, stars), updatedAt: now } });
}
