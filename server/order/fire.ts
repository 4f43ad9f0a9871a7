import type { CallerEvent } from '../../src/domain/order/order.rules';
import { decideTransition } from '../../src/domain/order/order.state-machine';
import type { CompleteResult, TransitionResult } from '../../src/domain/order/order.views';
import { backoffMs } from '../../src/domain/shared/backoff';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { Actor } from '../kit/actor';
import { readById } from '../kit/read-list';
import {
  type AssignInput,
  adoptPlan,
  assignPlan,
  type DeliverInput,
  deliverPlan,
  type FollowUpInput,
  followUpPlan,
  type RateInput,
  ratePlan,
  type TransitionInput,
  transitionPlan,
} from './event-plans';
import { checkExpectedVersion, decideFor, GRAB_LOST, type Plan, type PlanContext, StepLost, SYSTEM_ACTOR, writeStep } from './order-step';
import { ORDERS, type OrderRecord, readForStep } from './order-store';
import {
  type CompleteInput,
  type CorrectionInput,
  checkInPlan,
  checkOutPlan,
  completePlan,
  correctCheckOutPlan,
  type PresenceInput,
} from './service-sessions';

/** One event a caller fires, with what its action carries (the table's `via`). */
export type CallerCommand =
  | ({ event: CallerEvent } & TransitionInput)
  | ({ event: 'rate' } & RateInput)
  | ({ event: 'assign' } & AssignInput)
  | ({ event: 'check_in' | 'check_out' } & PresenceInput)
  | ({ event: 'correct_check_out' } & CorrectionInput)
  | ({ event: 'complete' } & CompleteInput)
  /** 已送达 of an adopted 微心愿, with an optional photo. */
  | ({ event: 'deliver' } & DeliverInput)
  /** 回头看 answered: "solved" (`follow_up`), or "not solved", which reopens the order. */
  | ({ event: 'follow_up' } & FollowUpInput)
  | ({ event: 'reopen'; answersFollowUp: true } & FollowUpInput);

/** One event the order timer fires, with the timeline note that says why. */
export interface SystemCommand {
  event: 'expire' | 'auto_close';
  note: string;
}

/** Which order, at the version the caller saw (or the timer read): STATE.CONFLICT when it moved on since. */
interface Target {
  orderId: string;
  expectedVersion?: number;
}

export type CallerRequest = CallerCommand & Target;
export type SystemRequest = SystemCommand & Target;
export type FireResult<R> = R extends { event: 'complete' } ? CompleteResult : TransitionResult;

const isSystemRequest = (r: CallerRequest | SystemRequest): r is SystemRequest => r.event === 'expire' || r.event === 'auto_close';

function planFor(ctx: Omit<PlanContext<unknown>, 'command'>, command: CallerCommand): Promise<Plan> {
  switch (command.event) {
    case 'rate':
      return ratePlan({ ...ctx, command });
    case 'assign':
      return assignPlan({ ...ctx, command });
    case 'check_in':
      return checkInPlan({ ...ctx, command });
    case 'check_out':
      return checkOutPlan({ ...ctx, command });
    case 'correct_check_out':
      return correctCheckOutPlan({ ...ctx, command });
    case 'complete':
      return completePlan({ ...ctx, command });
    case 'follow_up':
      return followUpPlan({ ...ctx, command });
    case 'deliver':
      return deliverPlan({ ...ctx, command });
    case 'adopt':
      return adoptPlan({ ...ctx, command });
    default:
      return 'answersFollowUp' in command ? followUpPlan({ ...ctx, command }) : transitionPlan({ ...ctx, command });
  }
}

/** Rounds a step is tried when other writers keep moving the order on between its read and its update. */
const STEP_ROUNDS = 6;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * THE way to fire an order event, for every action and the timer, in ONE read and ONE write:
 * reads the order (with the caller's `users` record folded in, and the team when rating),
 * checks the version the caller saw, lets the table decide for the caller's parties (or for
 * `system`), lets the event's planner check the request and decide its own writes on that very
 * version, and writes the step as one conditional update on that version (order-step.ts
 * writeStep: the order patch, the timeline event, the step's effects), then applies the
 * effects. A concurrent writer makes the update miss; the step then runs again from the read on
 * the new version, where the loser gets its clear refusal (e.g. 手慢了).
 */
export function fire(by: 'system', request: SystemRequest, now: number): Promise<TransitionResult>;
export function fire<R extends CallerRequest>(by: Actor, request: R, now: number): Promise<FireResult<R>>;
export async function fire(by: Actor | 'system', request: CallerRequest | SystemRequest, now: number): Promise<TransitionResult> {
  for (let round = 0; ; round++) {
    try {
      return await fireOnce(by, request, now);
    } catch (err) {
      if (!(err instanceof StepLost)) throw err;
      if (round + 1 >= STEP_ROUNDS) {
        throw new DomainError(ErrorCode.Conflict, request.event === 'grab' ? GRAB_LOST : '订单刚被其他人处理，请刷新后重试');
      }
      await sleep(backoffMs(round));
    }
  }
}

async function fireOnce(by: Actor | 'system', request: CallerRequest | SystemRequest, now: number): Promise<TransitionResult> {
  if (isSystemRequest(request)) {
    if (by !== 'system') throw new DomainError(ErrorCode.Forbidden, '没有权限进行此操作');
    const order = await readById<OrderRecord>(ORDERS, request.orderId);
    if (!order) throw new DomainError(ErrorCode.NotFound, '找不到这个订单');
    checkExpectedVersion(order, request.expectedVersion);
    const decision = decideTransition(order.state, request.event, ['system']);
    if (!decision.ok) throw new DomainError(decision.code, decision.message);
    return writeStep(order, decision.rule, decision.to, SYSTEM_ACTOR, { note: request.note }, now);
  }
  if (by === 'system') throw new DomainError(ErrorCode.Forbidden, '没有权限进行此操作');
  // The team the step needs comes with the order: the order's own for a rating, the named one for a dispatch.
  const named = 'teamId' in request && typeof request.teamId === 'string' && request.teamId ? { id: request.teamId } : undefined;
  const { order, principal, team } = await readForStep(request.orderId, by, { team: request.event === 'rate' ? 'of_order' : named });
  checkExpectedVersion(order, request.expectedVersion);
  const decided = await decideFor(principal, order, request.event);
  const plan = await planFor({ principal, order, decided, team, now }, request);
  const actor = { byOpenid: principal.openid, byParty: decided.byParty, actorLabel: decided.rel.actorLabel };
  const result = await writeStep(order, decided.rule, decided.to, actor, plan, now, team);
  return { ...result, ...plan.answer };
}
