import { type HoursEntry, hoursKeyOf } from '../../src/domain/hours/hours.rules';
import type { OrderDoc } from '../../src/domain/order/order.types';
import type { ServiceSessionDoc } from '../../src/domain/service/service.rules';

/**
 * The hours-ledger entry of one volunteer's confirmed service on an order (百姓点单), written when
 * the order is completed, in the same transaction as its points (one fixed key per session, so a
 * retried completion cannot add it twice). Hours are the order's own rule (src/domain/service).
 * 实时记录 when the resident's code or the leader confirmed presence; a check-out the leader
 * corrected is an 更正, which (DESIGN §7) counts only once station staff approve it: it enters
 * the ledger `pending`.
 */
export function orderHoursEntry(
  order: Pick<OrderDoc, '_id' | 'itemName' | 'categoryName' | 'description' | 'addressText' | 'teamName' | 'subdistrictId' | 'communityId'>,
  session: Pick<ServiceSessionDoc, '_id' | 'openid' | 'displayName' | 'checkInAt' | 'checkOutAt' | 'correction'>,
  hours: number,
  confirmedBy: string,
  now: number,
): HoursEntry {
  const key = hoursKeyOf('order', session._id);
  return {
    _id: key,
    key,
    openid: session.openid,
    displayName: session.displayName,
    source: 'order',
    sourceId: order._id,
    sessionId: session._id,
    title: order.itemName,
    content: `${order.categoryName}：${order.description.slice(0, 60)}`,
    place: order.addressText,
    startAt: session.checkInAt,
    endAt: session.checkOutAt ?? now,
    hours,
    kind: session.correction ? 'correction' : 'live',
    status: session.correction ? 'pending' : 'confirmed',
    reason: session.correction?.note ?? '',
    recorder: order.teamName,
    recordedBy: confirmedBy,
    confirmedBy,
    at: now,
    subdistrictId: order.subdistrictId,
    communityId: order.communityId,
    sortKey: `${String(now).padStart(13, '0')}-${key}`,
  };
}
