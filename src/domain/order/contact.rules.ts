/**
 * Who may call the resident (PIPL: minimum necessary). The clear phone never travels with an
 * order's detail to a team; a volunteer taps 拨打电话 and the number comes back for that call
 * only, logged. Staff in scope read it on the detail as part of reviewing and dispatching.
 */
import type { OrderState } from './order.states';
import type { OrderDoc } from './order.types';

/** From 已接单 until 已完成: the team has the work (taken, in service) or just reported it (待评价). */
export const CONTACT_REVEAL_STATES: readonly OrderState[] = ['taken', 'in_service', 'completed'];

export type RevealRefusal = 'not_now' | 'not_assigned' | null;

/**
 * Why `openid` may not reveal the resident's phone now, or null when they may: the order must be
 * in CONTACT_REVEAL_STATES and the caller its serving team's leader or one of the members the
 * leader assigned (before anyone is assigned, only the leader).
 */
export function revealRefusal(
  order: Pick<OrderDoc, 'state' | 'assigneeOpenids'>,
  openid: string,
  leadsServingTeam: boolean,
): RevealRefusal {
  if (!CONTACT_REVEAL_STATES.includes(order.state)) return 'not_now';
  if (leadsServingTeam || (order.assigneeOpenids ?? []).includes(openid)) return null;
  return 'not_assigned';
}

/** A row of the reveal log. */
export interface ContactRevealDoc {
  _id?: string;
  orderId: string;
  /** Who saw the number. */
  openid: string;
  /** 队长 or 志愿者 at the time. */
  capacity: 'leader' | 'volunteer';
  teamId: string;
  /** The order's state at the time. */
  state: OrderState;
  at: number;
}
