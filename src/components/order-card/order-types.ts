/**
 * The order function's answers as the screens use them: aliases of the one contract in
 * src/domain/order/order.views.ts, which the cloud functions build.
 */

import type { TimeWindow } from '@/domain/order/order.types';
import type { OrderAction, OrderDetail, OrderSummary, OrderView, TimelineEntry } from '@/domain/order/order.views';

export type TimeWindowView = TimeWindow;
export type OrderSummaryView = OrderSummary;
export type OrderTimelineEntry = TimelineEntry;
export type OrderActionView = OrderAction;
export type OrderDetailView = OrderDetail;

export interface OrderPageView {
  items: OrderSummary[];
  nextCursor: string | null;
}

export type { OrderView };
