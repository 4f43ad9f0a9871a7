/**
 * 派单台 search and deadline rules: what a staff member typed in the search box is taken for, and
 * how long an order has left before its deadline (or how long past it). Pure domain.
 */
import type { OrderState } from './order.states';

/** What the search box text is taken for; phone and name are matched through keyed digests, never in clear. */
export type QueueSearch =
  | { kind: 'orderId'; orderId: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'phoneTail'; tail: string }
  | { kind: 'name'; name: string };

/** The order number (`ord-` and 16 hex digits) as it is shown on the order. */
const ORDER_ID = /^(?:ord-)?([0-9a-f]{16})$/;
const NAME = /^[\u4e00-\u9fa5·]{2,10}$|^[A-Za-z][A-Za-z .'-]{1,29}$/;

/**
 * 13812345678 → full phone; 5678 → its last 4 digits; ord-0123456789abcdef (or the 16 hex digits) →
 * order number; 张秀英 → the resident's full name. Anything else answers a Chinese hint instead.
 */
export function parseQueueSearch(raw: string): QueueSearch | { problem: string } {
  const text = raw.normalize('NFC').trim();
  const digits = text.replace(/[\s-]/g, '');
  if (/^\d+$/.test(digits)) {
    if (digits.length === 11) return { kind: 'phone', phone: digits };
    if (digits.length === 4) return { kind: 'phoneTail', tail: digits };
    return { problem: '手机号请输入 11 位或后 4 位' };
  }
  const id = ORDER_ID.exec(text.toLowerCase());
  if (id) return { kind: 'orderId', orderId: `ord-${id[1]}` };
  const cjk = /[\u4e00-\u9fa5]/.test(text) ? text.replace(/\s+/g, '') : text;
  if (NAME.test(cjk)) return { kind: 'name', name: normalizeName(cjk) };
  return { problem: '请输入手机号（11 位或后 4 位）、居民姓名或订单号' };
}

/** One spelling of a name for its digest: no inner spaces, Latin letters in lower case. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, '').toLowerCase();
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 35 分钟, 2 小时, 2 小时 10 分钟, 1 天 3 小时; under a minute: 不到 1 分钟. */
export function durationText(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return '不到 1 分钟';
  if (span < HOUR) return `${Math.floor(span / MINUTE)} 分钟`;
  if (span < DAY) {
    const h = Math.floor(span / HOUR);
    const m = Math.floor((span % HOUR) / MINUTE);
    return h < 3 && m > 0 ? `${h} 小时 ${m} 分钟` : `${h} 小时`;
  }
  const d = Math.floor(span / DAY);
  const h = Math.floor((span % DAY) / HOUR);
  return h > 0 ? `${d} 天 ${h} 小时` : `${d} 天`;
}

/** What must happen by the deadline in each state that has one (the others have none to count down). */
const DEADLINE_STEP: Partial<Record<OrderState, string>> = {
  submitted: '受理',
  accepted: '派单',
  dispatched: '接单',
  pooled: '被抢单',
};

export interface DeadlineCountdown {
  text: string;
  overdue: boolean;
}

/** "还剩 2 小时受理" / "已超时 35 分钟"; null when the order's state has no deadline running. */
export function deadlineCountdown(
  order: { state: OrderState; responseDeadline: number; overdue?: boolean },
  now: number,
): DeadlineCountdown | null {
  const step = DEADLINE_STEP[order.state];
  if (!step || !Number.isFinite(order.responseDeadline)) return null;
  const left = order.responseDeadline - now;
  if (left <= 0) return { text: -left < MINUTE ? '刚刚超时' : `已超时 ${durationText(-left)}`, overdue: true };
  return { text: `还剩 ${durationText(left)}${step}`, overdue: order.overdue === true };
}
