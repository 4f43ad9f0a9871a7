import type { CallerEvent } from '../../src/domain/order/order.rules';
import { decideTransition } from '../../src/domain/order/order.state-machine';
import type { OrderDoc } from '../../src/domain/order/order.types';
import type { CompleteResult, TransitionResult } from '../../src/domain/order/order.views';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { txGet } from '../kit/tx';
import {
  type AssignInput,
  assignPlan,
  type FollowUpInput,
  followUpPlan,
  type RateInput,
  ratePlan,
  type TransitionInput,
  transitionPlan,
} from './event-plans';
import { checkExpectedVersion, decideFor, GRAB_LOST, type Plan, type PlanContext, SYSTEM_ACTOR, writeStep } from './order-step';
import { inOrderTransaction, ORDERS } from './order-store';
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
    default:
      return 'answersFollowUp' in command ? followUpPlan({ ...ctx, command }) : transitionPlan({ ...ctx, command });
  }
}

/**
 * THE way to fire an order event, for every action and the timer: ONE transaction that reads the
 * order, checks the version the caller saw, lets the table decide for the caller's parties (or
 * for `system`), lets the event's planner check the request and decide its own writes on that
 * very version, and writes the step (order patch with the next version, the timeline event whose
 * id the version fixes, the notices of the rule's `notify_*` effects, the planner's writes).
 * A concurrent writer makes the commit conflict; the SDK then runs it all again on the new
 * version, where the loser gets its clear refusal (e.g. 手慢了).
 */
export function fire(by: 'system', request: SystemRequest, now: number): Promise<TransitionResult>;
export function fire<R extends CallerRequest>(by: LoadedPrincipal, request: R, now: number): Promise<FireResult<R>>;
export function fire(by: LoadedPrincipal | 'system', request: CallerRequest | SystemRequest, now: number): Promise<TransitionResult> {
  return inOrderTransaction(
    async (t) => {
      const order = await txGet<OrderDoc>(t, ORDERS, request.orderId);
      if (!order) throw new DomainError(ErrorCode.NotFound, '找不到这个订单');
      checkExpectedVersion(order, request.expectedVersion);
      if (isSystemRequest(request)) {
        if (by !== 'system') throw new DomainError(ErrorCode.Forbidden, '没有权限进行此操作');
        const decision = decideTransition(order.state, request.event, ['system']);
        if (!decision.ok) throw new DomainError(decision.code, decision.message);
        return writeStep(t, order, decision.rule, decision.to, SYSTEM_ACTOR, { note: request.note }, now);
      }
      if (by === 'system') throw new DomainError(ErrorCode.Forbidden, '没有权限进行此操作');
      const decided = await decideFor(by, order, request.event);
      const plan = await planFor({ principal: by, order, decided, t, now }, request);
      const actor = { byOpenid: by.openid, byParty: decided.byParty, actorLabel: decided.rel.actorLabel };
      const result = await writeStep(t, order, decided.rule, decided.to, actor, plan, now);
      return { ...result, ...plan.answer };
    },
    request.event === 'grab' ? GRAB_LOST : undefined,
  );
}
