/**
 * What the functions answer, as the consoles use it. The order answers are the one contract in
 * src/domain/order/order.views.ts (shared with the functions); the rest mirror server/order.
 * Types only: the team console imports them too, and types cost nothing in either subpackage.
 */
import type { OrderSummary } from '@/domain/order/order.views';

export type {
  OrderAction,
  OrderDetail,
  OrderSummary,
  OrderView,
  SessionView,
  TimelineEntry as TimelineEntryView,
} from '@/domain/order/order.views';

export interface OrderPage {
  items: OrderSummary[];
  nextCursor: string | null;
}

export interface Recommendation {
  teamId: string;
  name: string;
  rating: number;
  openLoad: number;
  eligible: boolean;
  score: number;
  reason: string;
}
