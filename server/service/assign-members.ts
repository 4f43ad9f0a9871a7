import { assignmentProblem } from '../../src/domain/order/assignment.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { findTeams } from '../order/order-store';
import { decideFor, fireOnOrder, stepBy, type TransitionResult } from '../order/transition-order';
import { displayNamesOf } from '../team/teams';

export interface AssignInput {
  orderId: string;
  memberOpenids: string[];
  expectedVersion?: number;
}

/**
 * 指派队员: the leader of the team serving the order names the members who serve it. The list
 * replaces the previous one (re-assigning is how a leader swaps people), is kept on the order for
 * the check-in guard, and the step goes on the timeline with the names, like every other step.
 */
export async function assignMembers(principal: LoadedPrincipal, input: AssignInput, now: number): Promise<TransitionResult> {
  return fireOnOrder(input.orderId, input.expectedVersion, async (order) => {
    const d = await decideFor(principal, order, 'assign');
    const [team] = await findTeams([order.teamId ?? '']);
    if (!team) throw new DomainError(ErrorCode.Conflict, '订单已不在本队，请刷新后重试');
    const problem = assignmentProblem(team, input.memberOpenids);
    if (problem) throw new DomainError(ErrorCode.InputInvalid, problem);
    // The names the team page shows (the registered masked real name), so the leader sees the same.
    const nameOf = await displayNamesOf(input.memberOpenids);
    const names = input.memberOpenids.map(nameOf);
    return stepBy(principal, d, now, `指派：${names.join('、')}`, {
      patch: { assigneeOpenids: [...input.memberOpenids], assigneeNames: names },
    });
  });
}
