import { z } from 'zod';
import { currentActor, requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { action, defineUntypedFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { requestIdInput } from '../../../server/kit/request-id';
import { createOrder } from '../../../server/order/create-order';
import { sweepDeadlines } from '../../../server/order/deadline-sweep';
import { memberOrders, myOrders, orderDetail, pool, recommendTeams, staffQueue, teamInbox } from '../../../server/order/order-queries';
import { rateOrder, transitionOrder } from '../../../server/order/transition-order';
import { myPoints } from '../../../server/points/points-queries';
import { assignMembers } from '../../../server/service/assign-members';
import { sweepClosing } from '../../../server/service/closing-sweep';
import { answerFollowUp } from '../../../server/service/follow-up';
import { checkIn, checkOut, completeService, correctCheckOut } from '../../../server/service/service-sessions';
import { FORM_TEXT_MAX, ITEM_FORM_FIELDS_MAX } from '../../../src/domain/catalog/item-form';
import { MOBILE_PHONE } from '../../../src/domain/identity/pii-masking';
import { ASSIGNEES_MAX } from '../../../src/domain/order/assignment.rules';
import {
  CALLER_EVENTS,
  CLOUD_FILE_ID,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  NOTE_MAX,
  PAGE_SIZE_MAX,
  PHOTOS_MAX,
  RATING_COMMENT_MAX,
  RATING_TAG_MAX_CHARS,
  RATING_TAGS_MAX,
  ROOM_MAX,
} from '../../../src/domain/order/order.rules';
import { ORDER_STATES } from '../../../src/domain/order/order.states';
import { COMPLETION_SUMMARY_MAX, SERVICE_CODE } from '../../../src/domain/service/service.rules';

const id = z.string().trim().min(1).max(64);
const epochMs = z.number().int('时间须为毫秒时间戳').positive('时间须为毫秒时间戳');
const cursor = z.string().min(1).max(128);
const pageSize = z.number().int().min(1).max(PAGE_SIZE_MAX);
const version = z.number().int().min(1);

const orderFields = {
  itemId: id,
  description: z
    .string()
    .trim()
    .min(DESCRIPTION_MIN, `需求描述至少 ${DESCRIPTION_MIN} 个字`)
    .max(DESCRIPTION_MAX, `需求描述最多 ${DESCRIPTION_MAX} 个字`),
  preferredWindow: z.object({ start: epochMs, end: epochMs }).strict(),
  contactPhone: z.string().trim().regex(MOBILE_PHONE, '请填写 11 位手机号'),
  photos: z
    .array(z.string().regex(CLOUD_FILE_ID, '图片须为已上传的云文件（cloud://）'))
    .max(PHOTOS_MAX, `最多上传 ${PHOTOS_MAX} 张图片`)
    .optional(),
  room: z.string().trim().max(ROOM_MAX, `房号最多 ${ROOM_MAX} 个字`).optional(),
  /** 点单附加项 by key; checked against the item's own form by the use case. */
  answers: z
    .record(z.string().max(32), z.union([z.string().max(FORM_TEXT_MAX), z.number().finite()]))
    .refine((a) => Object.keys(a).length <= ITEM_FORM_FIELDS_MAX, `附加项最多 ${ITEM_FORM_FIELDS_MAX} 项`)
    .optional(),
  requestId: requestIdInput,
};

const principal = () => loadPrincipal(requireActor());

const serviceCode = z.string().trim().regex(SERVICE_CODE, '确认码为 6 位数字');
const presenceInput = z
  .object({ orderId: id, code: serviceCode.optional(), volunteerOpenid: id.optional(), expectedVersion: version.optional() })
  .strict();
const completeInput = z
  .object({
    orderId: id,
    summary: z.string().trim().max(COMPLETION_SUMMARY_MAX, `服务小结最多 ${COMPLETION_SUMMARY_MAX} 个字`).optional(),
    photos: z
      .array(z.string().regex(CLOUD_FILE_ID, '图片须为已上传的云文件（cloud://）'))
      .max(PHOTOS_MAX, `最多上传 ${PHOTOS_MAX} 张图片`)
      .optional(),
    expectedVersion: version.optional(),
  })
  .strict();

/** Orders (百姓点单 → 所(站)派单 → 队伍接单): placing, lists, detail, the state machine's events, rating. */
const actions = defineUntypedFunction({
  create: action({
    input: z.object(orderFields).strict(),
    run: async (input) => createOrder(await principal(), input, now()),
  }),
  proxyCreate: action({
    input: z.object({ ...orderFields, residentOpenid: id }).strict(),
    run: async ({ residentOpenid, ...input }) => createOrder(await principal(), input, now(), residentOpenid),
  }),
  mine: action({
    input: z
      .object({
        tab: z.enum(['waiting', 'active', 'to_rate', 'done']).optional(),
        placed: z.boolean().optional(),
        cursor: cursor.optional(),
        pageSize: pageSize.optional(),
      })
      .strict(),
    run: async (input) => myOrders(await principal(), input, now()),
  }),
  detail: action({
    input: z.object({ orderId: id }).strict(),
    run: async (input) => orderDetail(await principal(), input, now()),
  }),
  queue: action({
    input: z
      .object({
        status: z.enum(ORDER_STATES).optional(),
        categoryId: id.optional(),
        estateId: id.optional(),
        overdueOnly: z.boolean().optional(),
        cursor: cursor.optional(),
        pageSize: pageSize.optional(),
      })
      .strict(),
    run: async (input) => staffQueue(await principal(), input, now()),
  }),
  recommendTeams: action({
    input: z.object({ orderId: id }).strict(),
    run: async (input) => recommendTeams(await principal(), input),
  }),
  transition: action({
    input: z
      .object({
        orderId: id,
        event: z.enum(CALLER_EVENTS),
        note: z.string().trim().max(NOTE_MAX, `说明最多 ${NOTE_MAX} 个字`).optional(),
        teamId: id.optional(),
        expectedVersion: version.optional(),
      })
      .strict(),
    run: async (input) => {
      // Service events carry hours and points: same use cases as their own actions (no code → leader confirms).
      const { event, note: _note, teamId: _team, ...rest } = input;
      if (event === 'check_in') return checkIn(await principal(), rest, now());
      if (event === 'check_out') return checkOut(await principal(), rest, now());
      if (event === 'complete') return completeService(await principal(), { ...rest, summary: input.note }, now());
      return transitionOrder(await principal(), input, now());
    },
  }),
  /** 指派队员: the serving team's leader names the members for this order (replaces the previous list). */
  assign: action({
    input: z
      .object({
        orderId: id,
        memberOpenids: z.array(id).min(1, '请至少指派一名队员').max(ASSIGNEES_MAX, `一次最多指派 ${ASSIGNEES_MAX} 名队员`),
        expectedVersion: version.optional(),
      })
      .strict(),
    run: async (input) => assignMembers(await principal(), input, now()),
  }),
  /** 签到: `code` = the resident's 确认码, or none when the leader confirms; the leader may name `volunteerOpenid`. */
  checkIn: action({ input: presenceInput, run: async (input) => checkIn(await principal(), input, now()) }),
  /** 签退, confirmed like 签到; hours by the published rounding rule. */
  checkOut: action({ input: presenceInput, run: async (input) => checkOut(await principal(), input, now()) }),
  /** 更正签退 by the leader: the real check-out time and why (shown on the timeline). */
  correctCheckOut: action({
    input: z
      .object({
        orderId: id,
        volunteerOpenid: id,
        at: epochMs,
        note: z.string().trim().min(1, '请填写更正的原因').max(NOTE_MAX, `说明最多 ${NOTE_MAX} 个字`),
        expectedVersion: version.optional(),
      })
      .strict(),
    run: async (input) => correctCheckOut(await principal(), input, now()),
  }),
  /** 完成服务 with the completion report; confirms hours and credits points. */
  complete: action({ input: completeInput, run: async (input) => completeService(await principal(), input, now()) }),
  /** 回头看 answer after `followUpAt`: solved, or not (reopens the order). */
  followUp: action({
    input: z
      .object({
        orderId: id,
        solved: z.boolean(),
        note: z.string().trim().max(NOTE_MAX, `说明最多 ${NOTE_MAX} 个字`).optional(),
        expectedVersion: version.optional(),
      })
      .strict(),
    run: async (input) => answerFollowUp(await principal(), input, now()),
  }),
  /** 我的积分: balance, hours and history (20 per page, newest first). */
  pointsMine: action({
    input: z.object({ cursor: cursor.optional() }).strict(),
    run: async (input) => myPoints(await principal(), input),
  }),
  rate: action({
    input: z
      .object({
        orderId: id,
        stars: z.number().int('评分须为 1–5 的整数').min(1, '评分须为 1–5 星').max(5, '评分须为 1–5 星'),
        tags: z
          .array(z.string().trim().min(1).max(RATING_TAG_MAX_CHARS, `每个标签最多 ${RATING_TAG_MAX_CHARS} 个字`))
          .max(RATING_TAGS_MAX, `最多选择 ${RATING_TAGS_MAX} 个标签`)
          .optional(),
        comment: z.string().trim().max(RATING_COMMENT_MAX, `评价最多 ${RATING_COMMENT_MAX} 个字`).optional(),
        expectedVersion: version.optional(),
      })
      .strict(),
    run: async (input) => rateOrder(await principal(), input, now()),
  }),
  pool: action({ input: z.object({}).strict(), run: async () => pool(await principal(), now()) }),
  inbox: action({
    input: z.object({ state: z.enum(ORDER_STATES).optional(), cursor: cursor.optional(), pageSize: pageSize.optional() }).strict(),
    run: async (input) => teamInbox(await principal(), input, now()),
  }),
  memberOrders: action({
    input: z.object({ cursor: cursor.optional(), pageSize: pageSize.optional() }).strict(),
    run: async (input) => memberOrders(await principal(), input, now()),
  }),
});

/**
 * Timer triggers (config.json `deadlines`) arrive as `{ Type: 'Timer' }` with no caller; a user
 * who sends the same body is still a user and gets the ordinary action routing.
 */
export async function main(event: unknown) {
  const timer = (event as { Type?: unknown } | null)?.Type === 'Timer';
  if (timer && !currentActor()) {
    try {
      const deadlines = await sweepDeadlines(now());
      const closing = await sweepClosing(now());
      return { ok: true, data: { ...deadlines, ...closing } };
    } catch (err) {
      console.error('[order] deadline sweep failed', err);
      return { ok: false, code: 'SYS.INTERNAL', message: '超时检查失败' };
    }
  }
  return actions(event);
}
