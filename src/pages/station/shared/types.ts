/**
 * What the order / stats / team functions answer, as the consoles use it (server/order/order-views.ts,
 * server/order/order-queries.ts, server/stats/overview.ts, server/team/teams.ts). Types only: the
 * team console imports them too, and types cost nothing in either subpackage.
 */
import type { OrderState } from '@/domain/order/order.states';

export interface TimeWindow {
  start: number;
  end: number;
}

export interface OrderSummary {
  orderId: string;
  itemId: string;
  itemName: string;
  categoryId: string;
  categoryName: string;
  description: string;
  state: OrderState;
  stateLabel: string;
  level: 'station' | 'institute';
  addressText: string;
  estateId: string;
  preferredWindow: TimeWindow;
  teamId: string | null;
  teamName: string;
  responseDeadline: number;
  overdue: boolean;
  proxy: boolean;
  rated: boolean;
  photoCount: number;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface OrderPage {
  items: OrderSummary[];
  nextCursor: string | null;
}

export interface OrderView extends OrderSummary {
  room: string;
  contactPhone: string;
  contactPhoneMasked: boolean;
  photos: string[];
  requesterName: string;
  serviceHours: number | null;
  report: { summary: string; photos: string[]; at: number } | null;
  rating: { stars: number; tags: string[]; comment: string; at: number } | null;
}

export interface TimelineEntryView {
  seq: number;
  event: string;
  label: string;
  from: OrderState | null;
  to: OrderState;
  toLabel: string;
  actorLabel: string;
  note: string;
  teamName: string;
  at: number;
}

export type ViaAction = 'transition' | 'rate' | 'checkIn' | 'checkOut' | 'correctCheckOut' | 'complete' | 'followUp';

export interface OrderAction {
  event: string;
  label: string;
  needsNote: boolean;
  needsTeam: boolean;
  viaAction: ViaAction;
}

export interface SessionView {
  openid: string;
  displayName: string;
  checkInAt: number;
  checkInBy: string;
  checkOutAt: number | null;
  checkOutBy: string | null;
  hours: number;
  confirmed: boolean;
  correctionNote: string;
}

export interface OrderDetail {
  order: OrderView;
  timeline: TimelineEntryView[];
  actions: OrderAction[];
  grabTeams: { teamId: string; name: string }[];
  sessions: SessionView[];
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

export interface WhoAmI {
  openid: string;
  name: string;
  roles: { role: string; label: string; scopeId: string; scopeName: string }[];
}
