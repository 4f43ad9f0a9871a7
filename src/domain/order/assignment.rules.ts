/**
 * 指派队员: which members of the serving team take part in one order. Pure rules shared by the
 * order function (validation, check-in guard) and the screens (who is picked, who may check in).
 */
import type { Team } from '../org/org.types';
import type { OrderDoc } from './order.types';

/** A leader names at most this many volunteers for one order. */
export const ASSIGNEES_MAX = 20;

/** Why the leader cannot assign these people, or null when every one of them is on the team. */
export function assignmentProblem(team: Pick<Team, 'leaderOpenid' | 'memberOpenids'>, openids: readonly string[]): string | null {
  if (openids.length === 0) return '请至少指派一名队员';
  if (openids.length > ASSIGNEES_MAX) return `一次最多指派 ${ASSIGNEES_MAX} 名队员`;
  if (new Set(openids).size !== openids.length) return '同一名队员只能指派一次';
  const onTeam = (o: string) => o === team.leaderOpenid || team.memberOpenids.includes(o);
  return openids.every(onTeam) ? null : '只能指派本队的队员';
}

/**
 * May this volunteer check in on the order? Once the leader assigned members, only they serve;
 * before that, any member may. The leader may always check anyone of the team in (stand-ins).
 */
export function mayServe(order: Pick<OrderDoc, 'assigneeOpenids'>, volunteer: string, byLeader: boolean): boolean {
  const assigned = order.assigneeOpenids ?? [];
  return byLeader || assigned.length === 0 || assigned.includes(volunteer);
}
