import { isOverdue } from '../../src/domain/order/order.rules';
import { ORDER_TRANSITIONS } from '../../src/domain/order/order.state-machine';
import { ORDER_STATE_LABELS } from '../../src/domain/order/order.states';
import type { OrderDoc, OrderEventDoc } from '../../src/domain/order/order.types';
import type { OrderAction, OrderSummary, OrderView, TimelineEntry } from '../../src/domain/order/order.views';

export type { OrderAction, OrderSummary, OrderView, TimelineEntry };

export function summaryOf(o: OrderDoc, now: number): OrderSummary {
  return {
    orderId: o._id,
    itemId: o.itemId,
    itemName: o.itemName,
    categoryId: o.categoryId,
    categoryName: o.categoryName,
    description: o.description,
    state: o.state,
    stateLabel: ORDER_STATE_LABELS[o.state],
    level: o.level,
    addressText: o.addressText,
    estateId: o.estateId,
    preferredWindow: o.preferredWindow,
    teamId: o.teamId,
    teamName: o.teamName,
    responseDeadline: o.responseDeadline,
    overdue: isOverdue(o, now),
    proxy: o.proxy,
    rated: o.rating !== null,
    photoCount: o.photos.length,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    version: o.version,
  };
}

const EVENT_LABELS = new Map<string, string>(ORDER_TRANSITIONS.map((r) => [r.event, r.label]));

export function timelineEntryOf(e: OrderEventDoc): TimelineEntry {
  return {
    seq: e.seq,
    event: e.event,
    label: e.event === 'create' ? (e.byParty === 'requester_proxy' ? '代点单' : '点单') : (EVENT_LABELS.get(e.event) ?? e.event),
    from: e.from,
    to: e.to,
    toLabel: ORDER_STATE_LABELS[e.to],
    actorLabel: e.actorLabel,
    note: e.note,
    teamName: e.teamName,
    at: e.at,
  };
}
