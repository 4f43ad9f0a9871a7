import type { OrderState } from '@/domain/order/order.states';

/** What the order function answers, as the screens use it (see server/order/order-views.ts). */
export interface TimeWindowView {
  start: number;
  end: number;
}

export interface OrderSummaryView {
  orderId: string;
  itemId: string;
  itemName: string;
  categoryName: string;
  description: string;
  state: OrderState;
  stateLabel: string;
  addressText: string;
  preferredWindow: TimeWindowView;
  teamName: string;
  overdue: boolean;
  proxy: boolean;
  rated: boolean;
  createdAt: number;
  version: number;
}

export interface OrderPageView {
  items: OrderSummaryView[];
  nextCursor: string | null;
}

export interface OrderView extends OrderSummaryView {
  room: string;
  contactPhone: string;
  photos: string[];
  rating: { stars: number; tags: string[]; comment: string; at: number } | null;
  requesterName: string;
  serviceCode?: string | null;
  rateBy?: number | null;
  serviceHours?: number | null;
  report?: { summary: string; photos: string[]; at: number } | null;
  followUp?: { solved: boolean; note: string; at: number } | null;
  followUpOpen?: boolean;
}

export interface OrderTimelineEntry {
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

export interface OrderActionView {
  event: string;
  label: string;
  needsNote: boolean;
  needsTeam: boolean;
  viaAction: string;
}

export interface OrderDetailView {
  order: OrderView;
  timeline: OrderTimelineEntry[];
  actions: OrderActionView[];
}
