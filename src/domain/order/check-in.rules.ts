/**
 * 服务签到 on the volunteer's side: how far ahead of the booked slot a check-in is (asked to confirm
 * when it is well before), and finding the order a volunteer means by the tail of its number.
 *
 * Pure: no Taro, `wx` or Node built-ins.
 */
import type { TimeWindow } from './order.types';

/** A check-in more than this before the preferred window starts is asked to be confirmed. */
export const EARLY_CHECK_IN_MS = 2 * 60 * 60_000;

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** How long until `start`, as people say it: "2 天", "5 小时", "40 分钟". */
export function aheadText(ms: number): string {
  if (ms >= DAY_MS) return `${Math.floor(ms / DAY_MS)} 天`;
  if (ms >= HOUR_MS) return `${Math.floor(ms / HOUR_MS)} 小时`;
  return `${Math.max(1, Math.ceil(ms / 60_000))} 分钟`;
}

/**
 * The question to ask before checking in, or null when the check-in is near or inside the slot:
 * more than EARLY_CHECK_IN_MS before the preferred window starts, the volunteer may be on the
 * wrong order or the wrong day ("离预约时间还有 2 天，确定现在签到吗？").
 */
export function earlyCheckInQuestion(window: Pick<TimeWindow, 'start'>, now: number): string | null {
  const ahead = window.start - now;
  if (ahead <= EARLY_CHECK_IN_MS) return null;
  return `离预约时间还有 ${aheadText(ahead)}，确定现在签到吗？`;
}

/** How many characters of an order number are enough to pick one of the orders shown. */
export const ORDER_TAIL_LENGTH = 6;

/**
 * The order a volunteer means by the last characters of its number (at least ORDER_TAIL_LENGTH,
 * case and spaces ignored) or by the whole number, among the orders they may open; null when none
 * or more than one matches.
 */
export function orderByTail<T extends { orderId: string }>(orders: readonly T[], typed: string): T | null {
  const tail = typed.replace(/\s+/g, '').toLowerCase();
  if (tail.length < ORDER_TAIL_LENGTH) return null;
  const found = orders.filter((o) => o.orderId.toLowerCase().endsWith(tail));
  return found.length === 1 ? (found[0] ?? null) : null;
}

/** The tail shown beside an order so it can be typed: "…3fa9c2". */
export const orderTail = (orderId: string): string => orderId.slice(-ORDER_TAIL_LENGTH);
