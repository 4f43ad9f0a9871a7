import { CONTACT_REVEALS } from '../../database/collections';
import { type ContactRevealDoc, revealRefusal } from '../../src/domain/order/contact.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { openPii } from '../kit/pii-cipher';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { database } from '../kit/wx-cloud';
import { findOrder } from './order-store';

/**
 * 拨打电话: the resident's clear phone to the serving team's leader or an assigned volunteer, from
 * 已接单 until 已完成, for one call. Every reveal writes a row to `contact_reveals` first: no row,
 * no number.
 */
export async function revealContact(principal: LoadedPrincipal, input: { orderId: string }, now: number): Promise<{ phone: string }> {
  const order = await findOrder(input.orderId);
  if (!order.teamId) throw new DomainError(ErrorCode.Forbidden, '这个订单还没有队伍接单，不能查看居民电话');
  requirePermission(principal, 'order.revealContact', { teamId: order.teamId });
  const leads = principal.grants.some((g) => g.role === 'team_leader' && g.scopeId === order.teamId);
  const refusal = revealRefusal(order, principal.openid, leads);
  if (refusal === 'not_now') {
    throw new DomainError(ErrorCode.InvalidTransition, '只有在已接单到服务完成之间才能联系居民');
  }
  if (refusal === 'not_assigned') {
    throw new DomainError(ErrorCode.Forbidden, '队长指派你服务这个订单后才能联系居民，请先联系队长');
  }
  const row: ContactRevealDoc = {
    orderId: order._id,
    openid: principal.openid,
    capacity: leads ? 'leader' : 'volunteer',
    teamId: order.teamId,
    state: order.state,
    at: now,
  };
  await database().collection(CONTACT_REVEALS).add({ data: row });
  return { phone: openPii(order.contactPhoneSealed) };
}
