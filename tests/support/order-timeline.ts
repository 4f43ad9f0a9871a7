import type { OrderEventDoc } from '../../src/domain/order/order.types';

/** The parts of the local cloud's document store the helper reads. */
interface Store {
  find(collection: string, filter: Record<string, unknown>): unknown[];
  findById(collection: string, id: string): unknown;
}

/**
 * An order's stored timeline, oldest first, wherever each event lives: in the order document
 * (`timeline`, the recent events) or in `order_events` (older orders, and the overflow of long
 * histories). Both are read and merged by seq, as server/order/order-store.ts timelineOf does.
 */
export function storedTimeline(store: Store, orderId: string): OrderEventDoc[] {
  const order = store.findById('orders', orderId) as { timeline?: OrderEventDoc[] } | null;
  const bySeq = new Map<number, OrderEventDoc>();
  for (const e of store.find('order_events', { orderId }) as OrderEventDoc[]) bySeq.set(e.seq, e);
  for (const e of order?.timeline ?? []) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
