import { z } from 'zod';
import { FORM_TEXT_MAX, ITEM_FORM_FIELDS_MAX } from '../domain/catalog/item-form';
import { MOBILE_PHONE } from '../domain/identity/pii-masking';
import { ASSIGNEES_MAX } from '../domain/order/assignment.rules';
import type { TeamRecommendation } from '../domain/order/dispatch.rules';
import {
  CALLER_EVENTS,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  NOTE_MAX,
  PHOTOS_MAX,
  RATING_COMMENT_MAX,
  RATING_TAG_MAX_CHARS,
  RATING_TAGS_MAX,
  ROOM_MAX,
} from '../domain/order/order.rules';
import { ORDER_STATES } from '../domain/order/order.states';
import type {
  CompleteResult,
  CreateOrderResult,
  OrderDetail,
  OrderPage,
  PoolEntry,
  QueuePage,
  TransitionResult,
} from '../domain/order/order.views';
import {
  ORDER_SCREENS,
  type OrderFormView,
  type StationOrderView,
  type TeamConsoleView,
  type TeamOrderView,
  type WithScreen,
} from '../domain/order/screen.views';
import type { WishWallView } from '../domain/order/wish-wall';
import type { MyPoints } from '../domain/points/points.views';
import { COMPLETION_SUMMARY_MAX, SERVICE_CODE } from '../domain/service/service.rules';
import { ErrorCode } from '../domain/shared/domain-error';
import type { ExportFileView } from '../domain/shared/export-file.views';
import { act, defineContract } from './kit';
import { cursor, epochMs, id, none, pageSize, photos, requestId, text, token } from './schemas';

const { NotFound, Forbidden, OutOfScope, Conflict, InvalidTransition, BindingRequired, TooManyAttempts } = ErrorCode;

/** `view`: the screen the action also answers as it is after the action (one call, no reload). */
const view = z.enum(ORDER_SCREENS).optional();

/** The order as the caller last saw it (`version` of the detail); a stale one answers STATE.CONFLICT. */
const version = z.number().int().min(1);

/** What an event fired on an order may answer: no such order, not yours, not now, someone was first. */
const ON_ORDER = [NotFound, Forbidden, OutOfScope, InvalidTransition, Conflict] as const;
/** Lists only some roles may read (staff queue, pool, team inbox, service tasks). */
const ROLE_LIST = [Forbidden] as const;

/** The 派单台's filters, shared by the queue and its export. */
const queueFilter = {
  status: z.enum(ORDER_STATES).optional(),
  categoryId: id.optional(),
  estateId: id.optional(),
  overdueOnly: z.boolean().optional(),
  q: text({ label: '搜索内容', max: 40 }).optional(),
  from: epochMs.optional(),
  to: epochMs.optional(),
};

const orderFields = {
  itemId: id,
  description: text({ label: '需求描述', min: DESCRIPTION_MIN, max: DESCRIPTION_MAX, multiline: true }),
  preferredWindow: z.object({ start: epochMs, end: epochMs }).strict(),
  contactPhone: z.string().trim().regex(MOBILE_PHONE, '请填写 11 位手机号'),
  photos: photos(PHOTOS_MAX).optional(),
  room: text({ label: '房号', max: ROOM_MAX }).optional(),
  /** 点单附加项 by key; checked against the item's own form by the use case. */
  answers: z
    .record(token(32), z.union([text({ label: '附加项', max: FORM_TEXT_MAX }), z.number().finite()]))
    .refine((a) => Object.keys(a).length <= ITEM_FORM_FIELDS_MAX, `附加项最多 ${ITEM_FORM_FIELDS_MAX} 项`)
    .optional(),
  requestId,
};
/** Unbound or pending residents, 代点单 outside one's building, a withdrawn item, a concurrent twin. */
const CREATE_ERRORS = [BindingRequired, Forbidden, OutOfScope, NotFound, Conflict] as const;

const serviceCode = z.string().trim().regex(SERVICE_CODE, '确认码为 6 位数字');
const presenceInput = z
  .object({ orderId: id, code: serviceCode.optional(), volunteerOpenid: id.optional(), expectedVersion: version.optional(), view })
  .strict();
const note = text({ label: '说明', max: NOTE_MAX });

/** Orders (百姓点单 → 所(站)派单 → 队伍接单): placing, lists, detail, the state machine's events, rating, points. */
export const orderContract = defineContract('order', {
  /** 点单 by a confirmed resident; idempotent on `requestId`. */
  create: act(z.object(orderFields).strict(), CREATE_ERRORS).answers<CreateOrderResult>(),
  /** 代点单 by the building head for a resident of their building. */
  proxyCreate: act(z.object({ ...orderFields, residentOpenid: id }).strict(), CREATE_ERRORS).answers<CreateOrderResult>(),
  /** The caller's own orders by tab (or, with `placed`, those they placed for others), newest first. */
  mine: act(
    z
      .object({
        tab: z.enum(['active', 'to_rate', 'done', 'stopped']).optional(),
        placed: z.boolean().optional(),
        cursor: cursor.optional(),
        pageSize: pageSize.optional(),
      })
      .strict(),
  ).answers<OrderPage>(),
  detail: act(z.object({ orderId: id }).strict(), [NotFound, Forbidden, OutOfScope]).answers<OrderDetail>(),
  /**
   * The staff work queue (派单台): filters, a search (`q`: phone in full or its last 4 digits, the
   * resident's full name, or the order number) and the date ordered (`from` ≤ 下单 < `to`); with
   * `board` (the screen's first call) also the filter choices and the work counts.
   */
  queue: act(
    z.object({ ...queueFilter, cursor: cursor.optional(), pageSize: pageSize.optional(), board: z.boolean().optional() }).strict(),
    [...ROLE_LIST],
  ).answers<QueuePage>(),
  /** 导出 Excel of the queue as filtered on screen. */
  exportQueue: act(z.object(queueFilter).strict(), ROLE_LIST).answers<ExportFileView>(),
  /** 派单推荐 with a reason per team. */
  recommendTeams: act(z.object({ orderId: id }).strict(), [NotFound, Forbidden, OutOfScope]).answers<{ items: TeamRecommendation[] }>(),
  /** One event of the table's rules `via: 'transition'` (CALLER_EVENTS); every other event has an action of its own. */
  transition: act(
    z
      .object({
        orderId: id,
        event: z.enum(CALLER_EVENTS),
        note: note.optional(),
        teamId: id.optional(),
        expectedVersion: version.optional(),
        view,
        /** With view `stationDesk`: the 派单台 queue beside the order as the caller filters it, and how many rows they have loaded. */
        queue: z
          .object({ ...queueFilter, pageSize: pageSize.optional() })
          .strict()
          .optional(),
      })
      .strict(),
    ON_ORDER,
  ).answers<TransitionResult & WithScreen>(),
  /** 指派队员: the serving team's leader names the members for this order (replaces the previous list). */
  assign: act(
    z
      .object({
        orderId: id,
        memberOpenids: z.array(id).min(1, '请至少指派一名队员').max(ASSIGNEES_MAX, `一次最多指派 ${ASSIGNEES_MAX} 名队员`),
        expectedVersion: version.optional(),
        view,
      })
      .strict(),
    ON_ORDER,
  ).answers<TransitionResult & WithScreen>(),
  /** 签到: `code` = the resident's 确认码, or none when the leader confirms; the leader may name `volunteerOpenid`. */
  checkIn: act(presenceInput, [...ON_ORDER, TooManyAttempts]).answers<TransitionResult & WithScreen>(),
  /** 签退, confirmed like 签到; hours by the published rounding rule. */
  checkOut: act(presenceInput, [...ON_ORDER, TooManyAttempts]).answers<TransitionResult & WithScreen>(),
  /** 更正签退 by the leader: the real check-out time and why (shown on the timeline). */
  correctCheckOut: act(
    z
      .object({
        orderId: id,
        volunteerOpenid: id,
        at: epochMs,
        note: text({ label: '更正的原因', min: 1, max: NOTE_MAX }),
        expectedVersion: version.optional(),
        view,
      })
      .strict(),
    ON_ORDER,
  ).answers<TransitionResult & WithScreen>(),
  /** 完成服务 with the completion report; confirms hours and credits points. */
  complete: act(
    z
      .object({
        orderId: id,
        summary: text({ label: '服务小结', max: COMPLETION_SUMMARY_MAX, multiline: true }).optional(),
        photos: photos(PHOTOS_MAX).optional(),
        expectedVersion: version.optional(),
        view,
      })
      .strict(),
    ON_ORDER,
  ).answers<CompleteResult & WithScreen>(),
  /** 回头看 answer after `followUpAt`: solved, or not (reopens the order). */
  followUp: act(
    z.object({ orderId: id, solved: z.boolean(), note: note.optional(), expectedVersion: version.optional(), view }).strict(),
    ON_ORDER,
  ).answers<TransitionResult & WithScreen>(),
  /** 我的积分: balance, hours and history (20 per page, newest first). */
  pointsMine: act(z.object({ cursor: cursor.optional() }).strict()).answers<MyPoints>(),
  rate: act(
    z
      .object({
        orderId: id,
        stars: z.number().int('评分须为 1–5 的整数').min(1, '评分须为 1–5 星').max(5, '评分须为 1–5 星'),
        tags: z
          .array(text({ label: '标签', min: 1, max: RATING_TAG_MAX_CHARS }))
          .max(RATING_TAGS_MAX, `最多选择 ${RATING_TAGS_MAX} 个标签`)
          .optional(),
        comment: text({ label: '评价', max: RATING_COMMENT_MAX, multiline: true }).optional(),
        expectedVersion: version.optional(),
        view,
      })
      .strict(),
    ON_ORDER,
  ).answers<TransitionResult & WithScreen>(),
  /** 抢单大厅: pooled orders some team the caller leads may grab. */
  pool: act(none, ROLE_LIST).answers<{ items: PoolEntry[] }>(),
  /** Orders dispatched to or owned by the caller's teams, newest first. */
  inbox: act(
    z.object({ state: z.enum(ORDER_STATES).optional(), cursor: cursor.optional(), pageSize: pageSize.optional() }).strict(),
    ROLE_LIST,
  ).answers<OrderPage>(),
  /** 拨打电话: the resident's phone for one call, to the serving team's leader or an assigned volunteer, from 已接单 until 已完成; every reveal is logged. */
  revealContact: act(z.object({ orderId: id }).strict(), [NotFound, Forbidden, OutOfScope, InvalidTransition]).answers<{ phone: string }>(),
  /** 服务任务: orders the volunteer's teams have taken and are serving. */
  memberOrders: act(z.object({ cursor: cursor.optional(), pageSize: pageSize.optional() }).strict(), ROLE_LIST).answers<OrderPage>(),
  /** 点单表单 in one call: the item and (unless `forResident`, 代点单) the caller's binding. */
  form: act(z.object({ categoryId: id, itemId: id, forResident: z.boolean().optional() }).strict(), [NotFound]).answers<OrderFormView>(),
  /** A team order in one call: the detail, the caller and the serving team's members. */
  teamOrder: act(z.object({ orderId: id }).strict(), [NotFound, Forbidden, OutOfScope]).answers<TeamOrderView>(),
  /** 接单 in one call: the caller's teams and the tab's first page (volunteers: their service tasks). */
  teamConsole: act(z.object({ tab: z.enum(['inbox', 'pool', 'team']).optional() }).strict(), ROLE_LIST).answers<TeamConsoleView>(),
  /** 派单台 · one order in one call: the detail and, when the caller may 派单 / 改派 it, 派单推荐 with reasons. */
  stationOrder: act(z.object({ orderId: id }).strict(), [NotFound, Forbidden, OutOfScope]).answers<StationOrderView>(),
  /** 心愿墙 in one call: 微心愿 on the wall in the caller's 街道 and those they adopted (registered volunteers). */
  wishWall: act(none, [Forbidden]).answers<WishWallView>(),
  /** 已送达 by the adopter of a 微心愿 (one optional photo of their own upload); answers the updated 心愿墙. */
  deliver: act(
    z.object({ orderId: id, note: note.optional(), photos: photos(1).optional(), expectedVersion: version.optional() }).strict(),
    ON_ORDER,
  ).answers<TransitionResult & { wall: WishWallView }>(),
});
export type OrderContract = typeof orderContract;
