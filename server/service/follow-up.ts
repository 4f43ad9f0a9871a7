import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { decideFor, fireOnOrder, stepBy, type TransitionResult } from '../order/transition-order';

export interface FollowUpInput {
  orderId: string;
  solved: boolean;
  note?: string;
  expectedVersion?: number;
}

const DEFAULT_UNSOLVED = '回头看：居民反馈问题未解决';

/**
 * 回头看: once `followUpAt` has passed, the requester says whether the problem stays solved.
 * "Yes" is recorded on the timeline (`follow_up`, the order stays closed); "no" fires `reopen`,
 * which sends it back to the station as fresh work. Answered once per closing.
 */
export async function answerFollowUp(principal: LoadedPrincipal, input: FollowUpInput, now: number): Promise<TransitionResult> {
  return fireOnOrder(input.orderId, input.expectedVersion, async (order) => {
    const d = await decideFor(principal, order, input.solved ? 'follow_up' : 'reopen');
    if (order.followUpAt === null || order.followUpAt > now) {
      throw new DomainError(ErrorCode.InvalidTransition, '还没到回头看的时间');
    }
    if (order.followUp) throw new DomainError(ErrorCode.Conflict, '已经反馈过了，谢谢');
    const note = input.note?.trim() || (input.solved ? '' : DEFAULT_UNSOLVED);
    return stepBy(principal, d, now, note, {
      patch: { followUp: { solved: input.solved, note, at: now } },
    });
  });
}
