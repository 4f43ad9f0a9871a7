/**
 * Compiled by `tsc` in `npm test`, never run: each `@ts-expect-error` marks an order call the
 * contract must refuse (see contract-calls.typecheck.ts).
 */
import { orderFn } from '@/contracts';
import type { OrderSummary } from '@/domain/order/order.views';
import { callCloud } from '@/services/cloud';

export async function orderCallsAreChecked(): Promise<OrderSummary[]> {
  const mine = await callCloud(orderFn, 'mine', { tab: 'active', pageSize: 10 });
  const detail = await callCloud(orderFn, 'detail', { orderId: 'ord-1' });
  const version: number = detail.order.version;
  const done = await callCloud(orderFn, 'complete', { orderId: 'ord-1', summary: '已修好', expectedVersion: version });
  const hours: number = done.volunteers.reduce((sum, v) => sum + v.hours, done.serviceHours);
  await callCloud(orderFn, 'pool');
  await callCloud(orderFn, 'pointsMine');

  // @ts-expect-error a misspelt action
  await callCloud(orderFn, 'details', { orderId: 'ord-1' });
  // @ts-expect-error a wrong input field
  await callCloud(orderFn, 'detail', { id: 'ord-1' });
  // @ts-expect-error a required input left out
  await callCloud(orderFn, 'transition', { orderId: 'ord-1' });
  // @ts-expect-error an event callers may not fire (system events come from timers)
  await callCloud(orderFn, 'transition', { orderId: 'ord-1', event: 'expire' });
  // @ts-expect-error a tab residents do not have
  await callCloud(orderFn, 'mine', { tab: 'all' });
  // @ts-expect-error a wrong input type
  await callCloud(orderFn, 'rate', { orderId: 'ord-1', stars: '5' });
  // The desk 派单台 asks for the queue beside the order with the action; the answer carries both panes.
  const desk = await callCloud(orderFn, 'transition', {
    orderId: 'ord-1',
    event: 'accept',
    view: 'stationDesk',
    queue: { status: 'submitted', q: '1234', pageSize: 40 },
  });
  const deskRows: number = (desk.queue?.items.length ?? 0) + (desk.stationOrder?.detail.timeline.length ?? 0);
  const wall = await callCloud(orderFn, 'transition', { orderId: 'ord-1', event: 'adopt', view: 'wishWall' });
  const adopted: number = (wall.wall?.mine.length ?? 0) + deskRows;
  // @ts-expect-error the queue beside the order takes the queue's filters, not a sort of its own
  await callCloud(orderFn, 'transition', { orderId: 'ord-1', event: 'accept', view: 'stationDesk', queue: { sort: 'new' } });
  // @ts-expect-error a screen the order actions do not answer
  await callCloud(orderFn, 'transition', { orderId: 'ord-1', event: 'adopt', view: 'wall' });
  const created = await callCloud(orderFn, 'create', {
    itemId: 'item-1',
    description: '厨房水龙头漏水',
    preferredWindow: { start: 1, end: 2 },
    contactPhone: '13800001234',
    requestId: 'req-0123456789abcdef',
  });
  // @ts-expect-error a wrong answer field
  created.order;
  // @ts-expect-error a wrong answer field of a list
  mine.cursor;
  return hours + adopted > 0 ? mine.items : [];
}
