import { isOverdue } from '../../src/domain/order/order.rules';
import { ORDER_TRANSITIONS, type OrderEvent } from '../../src/domain/order/order.state-machine';
import { ORDER_STATE_LABELS, type OrderState } from '../../src/domain/order/order.states';
import type { OrderDoc, OrderEventDoc, OrderLevel, OrderRating, TimeWindow } from '../../src/domain/order/order.types';

/** One row of every order list (mine, queue, pool, inbox). */
export interface OrderSummary {
  orderId: string;
  itemId: string;
  itemName: string;
  categoryId: string;
  categoryName: string;
  description: string;
  state: OrderState;
  stateLabel: string;
  level: OrderLevel;
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

export interface OrderView extends OrderSummary {
  itemKind: OrderDoc['itemKind'];
  room: string;
  /** Clear for staff in scope and the assigned team's leader, masked (138****1234) for everyone else. */
  contactPhone: string;
  contactPhoneMasked: boolean;
  photos: string[];
  rating: OrderRating | null;
  followUpAt: number | null;
  /** Masked name of the resident, e.g. 张* */
  requesterName: string;
  /**
   * The confirmation code (确认码) the resident shows volunteers at check-in / check-out: only
   * for the requester and the person who placed the order, only while a team serves it; else null.
   */
  serviceCode: string | null;
  /** Until then the resident may rate (completed orders); then the system closes it. */
  rateBy: number | null;
  /** Confirmed hours of the current service round (set at completion). */
  serviceHours: number | null;
  /** The leader's completion report. */
  report: { summary: string; photos: string[]; at: number } | null;
  /** The 回头看 answer, once given. */
  followUp: { solved: boolean; note: string; at: number } | null;
  /** The requester may answer 回头看 now (`followUp` action). */
  followUpOpen: boolean;
}

export interface TimelineEntry {
  seq: number;
  event: OrderEventDoc['event'];
  /** e.g. 点单, 受理, 派单 */
  label: string;
  from: OrderState | null;
  to: OrderState;
  toLabel: string;
  /** e.g. 居民, 社区实践站, 队长 */
  actorLabel: string;
  note: string;
  teamName: string;
  at: number;
}

export interface OrderAction {
  event: OrderEvent;
  label: string;
  needsNote: boolean;
  /** dispatch / reassign: pick a team (recommendTeams); grab: pick one when leading several. */
  needsTeam: boolean;
  /**
   * The action to call: `rate` (stars, tags, comment), `checkIn` / `checkOut` (code or leader),
   * `correctCheckOut` (volunteer, time, reason), `complete` (report), `followUp` (solved?);
   * everything else `transition`.
   */
  viaAction: 'transition' | 'rate' | 'checkIn' | 'checkOut' | 'correctCheckOut' | 'complete' | 'followUp';
}

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
