/**
 * What the order function answers: the one contract the cloud functions build and the screens
 * read (pure types, so both sides import the same definitions instead of copying them).
 */
import type { FormAnswer } from '../catalog/item-form';
import type { Confirmation } from '../service/service.rules';
import type { CallerAction, CallerEvent, OrderEvent, OrderParty } from './order.state-machine';
import type { OrderState } from './order.states';
import type { OrderDoc, OrderEventDoc, OrderLevel, OrderRating, TimeWindow } from './order.types';

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

/** One page of an order list (mine, queue, inbox, memberOrders). */
export interface OrderPage {
  items: OrderSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A row of 抢单大厅: a pooled order some team of the caller may grab. */
export interface PoolEntry extends OrderSummary {
  /** The caller's teams that may grab it. */
  teams: { teamId: string; name: string }[];
}

export interface OrderView extends OrderSummary {
  itemKind: OrderDoc['itemKind'];
  room: string;
  /** Clear for staff in scope and the assigned team's leader, masked (138****1234) for everyone else. */
  contactPhone: string;
  contactPhoneMasked: boolean;
  photos: string[];
  /** 点单附加项 answers (label + text), in the item form's order. */
  formAnswers: FormAnswer[];
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
  /** 指派队员 of the current round (masked names); empty = any member of the team may serve. */
  assignees: { openid: string; name: string }[];
  /** 微心愿 认领 from the 心愿墙: the adopter's masked name · 工作单位; '' until adopted. */
  adopter?: string;
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
  viaAction: CallerAction;
}

/**
 * Who the caller is to this order (several at once is possible, e.g. a leader who placed it), so
 * a screen shows the right panel without guessing a role from the buttons it was offered.
 */
export interface OrderCaller {
  /** The state machine's parties (what the table decides with). */
  parties: OrderParty[];
  /** The resident the order is for. */
  resident: boolean;
  /** The building head who placed it for the resident (代点单). */
  placer: boolean;
  /** Station staff over the order's community, at whichever level the order is handled. */
  station: boolean;
  /** Station staff of an order now escalated to the institute: the institute handles it. */
  stationAfterEscalation: boolean;
  /** Institute staff (or an admin) over the order's subdistrict. */
  institute: boolean;
  /** Leads the team the order is dispatched to or served by. */
  teamLeader: boolean;
  /** On that team (the leader or a volunteer). */
  teamMember: boolean;
  /** Assigned to serve this round, or nobody is assigned yet and they are on the team. */
  assigned: boolean;
  /** Leads a team that may grab this pooled order. */
  eligibleLeader: boolean;
  /** The caller's capacity as the timeline labels it: 居民, 楼栋长（代点单）, 社区实践站, 街道实践所, 队长, 志愿者 (or empty). */
  label: string;
}

/** An action the caller fires through `transition` (the others have their own actions). */
export type TransitionAction = OrderAction & { viaAction: 'transition'; event: CallerEvent };

export interface SessionView {
  openid: string;
  displayName: string;
  checkInAt: number;
  checkInBy: Confirmation;
  checkOutAt: number | null;
  checkOutBy: Confirmation | null;
  hours: number;
  confirmed: boolean;
  correctionNote: string;
}

export interface OrderDetail {
  order: OrderView;
  /** Sessions of the current service round (for the requester, the team and staff). */
  sessions: SessionView[];
  timeline: TimelineEntry[];
  /** The buttons the caller may press now. */
  actions: OrderAction[];
  /** Who the caller is to this order. */
  caller: OrderCaller;
  /** For a pooled order: the caller's teams that may grab it. */
  grabTeams: { teamId: string; name: string }[];
}

/** What `create` / `proxyCreate` answer. */
export interface CreateOrderResult {
  orderId: string;
  state: OrderState;
  stateLabel: string;
  version: number;
  /** True when this request id was seen before: the earlier order is answered, nothing new was made. */
  duplicate: boolean;
}

/** What an event fired on an order answers (transition, assign, check-in / check-out, 回头看, rate). */
export interface TransitionResult {
  orderId: string;
  event: OrderEvent;
  from: OrderState;
  to: OrderState;
  stateLabel: string;
  version: number;
  teamId: string | null;
  teamName: string;
}

/** What 完成服务 answers. */
export interface CompleteResult extends TransitionResult {
  /** Confirmed hours and credited points per volunteer. */
  volunteers: { openid: string; displayName: string; hours: number; points: number }[];
  serviceHours: number;
}

/** The 派单台's filter choices and work counts, answered with the queue's first page when asked (`board: true`). */
export interface QueueBoard {
  categories: { id: string; name: string }[];
  /** Estates in the caller's scope; `name` carries the community when the scope holds several. */
  estates: { id: string; name: string }[];
  /** Orders in hand per state (the work waiting on staff and teams), and how many are overdue. */
  counts: Partial<Record<OrderState, number>>;
  overdue: number;
}

/** The 派单台 answer: a page of the queue (or of a search), and on the first call its board. */
export interface QueuePage extends OrderPage {
  board?: QueueBoard;
  /** What the search text was taken for (手机号 / 手机尾号 / 姓名 / 订单号), so the screen can say so. */
  searchedAs?: 'phone' | 'phoneTail' | 'name' | 'orderId';
}
