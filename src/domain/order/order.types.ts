/**
 * Orders (点单) as stored in the cloud database, and the shapes the `order` function answers.
 *
 * Pure types only: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */

import type { CatalogItemKind } from '../catalog/catalog.types';
import type { FormAnswer } from '../catalog/item-form';
import type { EpochMs, Timestamped } from '../org/org.types';
import type { OrderEvent, OrderParty } from './order.state-machine';
import type { OrderState } from './order.states';

/** Who handles an order now: the community's station, or (after 上报 / a missed deadline) the institute. */
export type OrderLevel = 'station' | 'institute';

export interface TimeWindow {
  start: EpochMs;
  end: EpochMs;
}

export interface OrderRating {
  stars: number;
  tags: string[];
  comment: string;
  at: EpochMs;
}

/** Document of collection `orders`: one per order. */
export interface OrderDoc extends Timestamped {
  _id: string;
  /** Catalog snapshot at ordering time: later menu edits do not change an order. */
  itemId: string;
  itemName: string;
  itemKind: CatalogItemKind;
  itemSkills: string[];
  itemResponseHours: number;
  itemPoolable: boolean;
  categoryId: string;
  categoryName: string;
  description: string;
  preferredWindow: TimeWindow;
  /** Where: the requester's bound building and its ancestors. */
  subdistrictId: string;
  communityId: string;
  estateId: string;
  buildingId: string;
  /** Root first, the building last: what `authorize` checks staff scope against. */
  orgPath: string[];
  /** e.g. 和平社区 天府花园 3栋 2单元301 */
  addressText: string;
  room: string;
  contactPhoneSealed: string;
  contactPhoneMasked: string;
  /** 派单台 search: keyed digests of the contact phone, its last 4 digits and the resident's real name (server/order/search-keys.ts). */
  phoneKey?: string;
  phoneTailKey?: string;
  nameKey?: string;
  /** `cloud://` file ids, at most 6. */
  photos: string[];
  /** 点单附加项 answers, with the questions as the resident saw them (absent on older orders). */
  formAnswers?: FormAnswer[];
  /** The resident the order is for. */
  requesterOpenid: string;
  /** Who pressed the button: the requester, or their building head (代点单). */
  placedByOpenid: string;
  proxy: boolean;
  state: OrderState;
  level: OrderLevel;
  teamId: string | null;
  teamName: string;
  /** The order must be taken (or, before dispatch, acted on) by then. */
  responseDeadline: EpochMs;
  /** Set when a deadline was missed (催办); cleared when a new deadline starts. */
  overdue: boolean;
  rating: OrderRating | null;
  /** When to ask the resident whether the problem stays solved (回头看). */
  followUpAt: EpochMs | null;
  /** Unique per order, newest first in lists: `<createdAt 13 digits>-<_id>`. */
  sortKey: string;
  /** Staff queue order, ascending: escalated first (institute view), overdue first, then oldest. */
  queueKey: string;
  /** Increments on every transition; the compare-and-set guard. */
  version: number;
  // ── Service, completion and follow-up (absent on orders that never got that far) ──
  /** The resident's confirmation code (确认码) for check-in / check-out; shown only to the requester and the placer. */
  serviceCode?: string | null;
  /** The order's version when the current team took it; service sessions and points belong to this round. */
  serviceRound?: number | null;
  /** Members the leader assigned (指派队员) for the current round; empty or absent = any member may serve. */
  assigneeOpenids?: string[];
  /** Their display names as at assignment, for lists and the timeline. */
  assigneeNames?: string[];
  /** When a team last took (接单 / 抢单) it. */
  takenAt?: EpochMs | null;
  /** When the leader completed it. */
  completedAt?: EpochMs | null;
  /** The rating window ends then; the timer closes it (auto_close) after that. */
  rateBy?: EpochMs | null;
  /** Confirmed hours of all volunteers of the current round (set at completion). */
  serviceHours?: number | null;
  /** The leader's completion report. */
  report?: { summary: string; photos: string[]; at: EpochMs; byOpenid: string } | null;
  /** 微心愿 认领 from the 心愿墙: who adopted it (delivers it), their masked name and 工作单位 as at adoption. */
  adopterOpenid?: string | null;
  adopterName?: string;
  adopterUnit?: string;
  /** The 回头看 answer, once given. */
  followUp?: { solved: boolean; note: string; at: EpochMs } | null;
  /** The 回头看 prompt was queued (so the timer asks once). */
  followUpPrompted?: boolean;
}

/** The timeline's first entry is `create` (点单); the rest are state machine events. */
export type TimelineEventName = OrderEvent | 'create';

/**
 * One timeline event, immutable, `_id` = `<orderId>-<seq>`: kept in the order document itself (the
 * recent ones), older ones in collection `order_events` (append-only).
 */
export interface OrderEventDoc {
  _id: string;
  orderId: string;
  /** 1 for the creation, then the order's version after each transition. */
  seq: number;
  event: TimelineEventName;
  from: OrderState | null;
  to: OrderState;
  byOpenid: string;
  byParty: OrderParty | 'requester_proxy';
  note: string;
  /** e.g. 居民, 楼栋长（代点单）, 社区实践站, 街道实践所, 队长, 系统 */
  actorLabel: string;
  /** The team the order belongs to after the event ('' when none). */
  teamId: string | null;
  teamName: string;
  at: EpochMs;
}

/** One row of idempotency ledger `request_ledger` (the `_id` is the key too). */
export interface RequestLedgerRow {
  _id: string;
  key: string;
  orderId: string;
  at: EpochMs;
}
