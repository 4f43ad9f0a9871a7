/**
 * What the functions answer, as the consoles use it. The order answers are the one contract in
 * src/domain/order/order.views.ts (shared with the functions); the rest mirror server/stats.
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

export interface GroupStats {
  total: number;
  byState: Record<string, number>;
  medianTakeMinutes: number | null;
  medianCompleteMinutes: number | null;
  hoursServed: number;
  averageRating: number | null;
  ratedCount: number;
}

export interface StatsOverview {
  scope: 'station' | 'team';
  generatedAt: number;
  totals: GroupStats;
  groups: (GroupStats & { id: string; name: string })[];
}
