/**
 * Notifications of the order lifecycle: who is told what when a transition lands (from the
 * state machine's `notify_*` side effects), the outbox row, and the worker's retry policy.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { SideEffect, TransitionRule } from '../order/order.state-machine';
import { ORDER_STATE_LABELS, type OrderState } from '../order/order.states';
import type { OrderDoc } from '../order/order.types';
import { type OutboxRow, outcomeOf as outboxOutcomeOf, type RetryPolicy, type SendOutcome } from '../shared/outbox';
import { type TemplateData, templateData } from './notify.format';
import { orderPageOf, type TemplateKey } from './notify.templates';

/**
 * Document of collection `notifications` (the outbox, src/domain/shared/outbox.ts): `_id` = the
 * unique key; the protocol fields (`state`, `attempts`, lease, `calledAt` …) are the shared row's.
 */
export interface NotificationDoc extends OutboxRow {
  key: string;
  orderId: string;
  /** The order's version the transition produced (0 for prompts that are not transitions). */
  version: number;
  recipient: string;
  templateKey: TemplateKey;
  /** Why: the state machine event, or `follow_up_prompt`. */
  cause: string;
  page: string;
  data: TemplateData;
}

export interface NoticeDraft {
  recipient: string;
  templateKey: TemplateKey;
  page: string;
  data: TemplateData;
}

/** The unique key of an outbox row: one message per (order, version, recipient, template). */
export const notificationKeyOf = (orderId: string, version: number, recipient: string, template: TemplateKey): string =>
  `${orderId}-v${version}-${recipient}-${template}`;

/** Short (≤ 5 Chinese characters) names of what happened, for `phrase` fields. */
const EVENT_PHRASES: Partial<Record<string, string>> = {
  escalate: '上报待办',
  decline: '队伍退回',
  cancel: '居民取消',
  expire: '超时退回',
  reopen: '回访未解决',
};

export interface NoticeContext {
  rule: TransitionRule;
  /** The order after the transition (state, team and level already updated). */
  order: Pick<OrderDoc, '_id' | 'itemName' | 'addressText' | 'requesterOpenid' | 'placedByOpenid' | 'preferredWindow' | 'teamName'>;
  to: OrderState;
  note: string;
  now: number;
  /** Leader of the order's team after the transition (notify_leader). */
  leaderOpenid?: string;
  /** Staff who subscribed to alerts for the order's current level (notify_staff). */
  staffOpenids?: readonly string[];
  /** Who fired it: never told about their own action. */
  actorOpenid: string;
}

/** What the requester reads under the state for each event that tells them. */
function requesterLine(ctx: NoticeContext): string {
  switch (ctx.rule.event) {
    case 'accept':
      return '社区已受理，正在安排志愿服务队';
    case 'reject':
      return `未受理：${ctx.note || '详见订单'}`;
    case 'take':
    case 'grab':
      return `${ctx.order.teamName}已接单，服务时请出示确认码`;
    case 'complete':
      return '服务已完成，请对本次服务进行评价';
    default:
      return ctx.note || ctx.rule.label;
  }
}

/**
 * The messages a landed transition sends, one per (recipient, template), from the rule's
 * `notify_*` effects. The actor is never told about their own action; duplicates collapse.
 */
export function planNotices(ctx: NoticeContext): NoticeDraft[] {
  const has = (e: SideEffect) => ctx.rule.effects.includes(e);
  const page = orderPageOf(ctx.order._id);
  const drafts: NoticeDraft[] = [];
  if (has('notify_requester')) {
    const data = templateData({
      thing1: ctx.order.itemName,
      phrase2: ORDER_STATE_LABELS[ctx.to],
      thing3: requesterLine(ctx),
      time4: ctx.now,
    });
    for (const recipient of [ctx.order.requesterOpenid, ctx.order.placedByOpenid]) {
      drafts.push({ recipient, templateKey: 'ORDER_STATUS', page, data });
    }
  }
  if (has('notify_leader') && ctx.leaderOpenid) {
    drafts.push({
      recipient: ctx.leaderOpenid,
      templateKey: 'ORDER_ASSIGNED',
      page,
      data: templateData({
        thing1: ctx.order.itemName,
        thing2: ctx.order.addressText,
        time3: ctx.order.preferredWindow.start,
        thing4: ctx.note || '新派单，请在响应时限内接单',
      }),
    });
  }
  if (has('notify_staff')) {
    const data = templateData({
      thing1: ctx.order.itemName,
      phrase2: EVENT_PHRASES[ctx.rule.event] ?? ctx.rule.label,
      thing3: ctx.order.addressText,
      thing4: ctx.note || ctx.rule.label,
    });
    for (const recipient of ctx.staffOpenids ?? []) drafts.push({ recipient, templateKey: 'ORDER_ALERT', page, data });
  }
  const seen = new Set<string>();
  return drafts.filter((d) => {
    const k = `${d.recipient}|${d.templateKey}`;
    if (!d.recipient || d.recipient === ctx.actorOpenid || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** 回头看 prompt to the requester once `followUpAt` passed. */
export function followUpNotice(order: Pick<OrderDoc, '_id' | 'itemName' | 'requesterOpenid' | 'updatedAt'>, closedAt: number): NoticeDraft {
  return {
    recipient: order.requesterOpenid,
    templateKey: 'FOLLOW_UP',
    page: orderPageOf(order._id),
    data: templateData({ thing1: order.itemName, thing2: '问题是否已解决？请点此反馈', time3: closedAt }),
  };
}

/** Sends are retried this many times in all before a row is marked `failed`. */
export const MAX_ATTEMPTS = 5;
/** Wait before attempt n+1 after n failed attempts: 1 min, 5 min, 30 min, 2 h. */
export const BACKOFF_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];
/** WeChat errcodes that no retry can fix (besides 43101, no grant). */
const FINAL_ERRORS: readonly number[] = [
  40003, // invalid openid
  40037, // invalid template id
  47003, // invalid template data
  41030, // invalid page
];

/** The order notices' retry policy. */
export const NOTICE_RETRY: RetryPolicy = {
  maxAttempts: MAX_ATTEMPTS,
  backoffMs: (attempts) => BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)] as number,
  finalErrors: FINAL_ERRORS,
};

/** What to do with a row after a send answered `errCode` (0 = delivered) on attempt `attempts` (1-based). */
export const outcomeOf = (errCode: number | undefined, errMsg: string, attempts: number, now: number): SendOutcome =>
  outboxOutcomeOf(NOTICE_RETRY, errCode, errMsg, attempts, now);
