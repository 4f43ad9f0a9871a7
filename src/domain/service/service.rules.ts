/**
 * Service sessions (签到 / 签退) and hours (服务时长): the published rules.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins (dayjs is plain JavaScript).
 *
 * HOURS RULE (shown to volunteers as 服务时长计算规则):
 *  1. A session lasts from check-in to check-out, in whole minutes (seconds are dropped).
 *  2. It is rounded to the NEAREST quarter hour (7 min 29 s → 0, 7.5 min → 0.25 h; halves round up).
 *  3. A session that lasted at all counts at least 0.25 h (nobody who showed up gets 0).
 *  4. One session counts at most 12 h (a forgotten check-out cannot inflate hours; the leader
 *     corrects it with `correctCheckOut`, which is shown on the timeline).
 *  5. A check-out at or before the check-in is not a session: 0 h, and the use cases refuse it.
 */
import dayjs from 'dayjs';

export const QUARTER_HOUR_MINUTES = 15;
export const MIN_SESSION_HOURS = 0.25;
export const MAX_SESSION_HOURS = 12;
/** The resident's confirmation code (确认码): this many digits. */
export const SERVICE_CODE_LENGTH = 6;
export const SERVICE_CODE = /^\d{6}$/;
export const COMPLETION_SUMMARY_MAX = 300;

/** Hours one session earns by the rule above (a multiple of 0.25). */
export function sessionHours(checkInAt: number, checkOutAt: number): number {
  const minutes = dayjs(checkOutAt).diff(dayjs(checkInAt), 'minute');
  if (!(checkOutAt > checkInAt)) return 0;
  const quarters = Math.round(minutes / QUARTER_HOUR_MINUTES);
  const hours = (quarters * QUARTER_HOUR_MINUTES) / 60;
  return Math.min(MAX_SESSION_HOURS, Math.max(MIN_SESSION_HOURS, hours));
}

/** Sum of hours, kept exact (hours are quarter multiples, so no float drift beyond 2 decimals). */
export function totalHours(hours: readonly number[]): number {
  return Math.round(hours.reduce((s, h) => s + h, 0) * 100) / 100;
}

/** A 6-digit code from a random integer source (the server passes crypto.randomInt). */
export function serviceCodeFrom(randomInt: (maxExclusive: number) => number): string {
  return String(randomInt(10 ** SERVICE_CODE_LENGTH)).padStart(SERVICE_CODE_LENGTH, '0');
}

/**
 * Why a leader's corrected check-out time is unacceptable, or null. It must fall after the
 * check-in, not in the future, and within the cap (longer would be silently cut by rule 4).
 */
export function correctionProblem(checkInAt: number, at: number, now: number): string | null {
  if (at <= checkInAt) return '签退时间须晚于签到时间';
  if (at > now) return '签退时间不能晚于现在';
  if (at - checkInAt > MAX_SESSION_HOURS * 60 * 60 * 1000) return `单次服务最长按 ${MAX_SESSION_HOURS} 小时计，请核对签退时间`;
  return null;
}

/** Document id of a volunteer's session in one service round of an order. */
export const sessionIdOf = (orderId: string, round: number, openid: string): string => `${orderId}-r${round}-${openid}`;

/** How a check-in / check-out was confirmed. */
export type Confirmation = 'resident_code' | 'leader' | 'leader_correction' | 'completion';

export const CONFIRMATION_LABELS: Readonly<Record<Confirmation, string>> = {
  resident_code: '居民确认码确认',
  leader: '队长确认',
  leader_correction: '队长更正',
  completion: '完成服务时自动签退',
};

/** Document of collection `service_sessions`: one per (order, service round, volunteer). */
export interface ServiceSessionDoc {
  _id: string;
  orderId: string;
  /** The order's version when the team took it: a reopened order's new round gets new sessions. */
  round: number;
  openid: string;
  /** Masked name at check-in, for the timeline and reports. */
  displayName: string;
  teamId: string;
  communityId: string;
  subdistrictId: string;
  checkInAt: number;
  checkInBy: Confirmation;
  checkOutAt: number | null;
  checkOutBy: Confirmation | null;
  /** Hours by the rule above; provisional until the order is completed. */
  hours: number;
  /** True once the order is completed: hours are final and points were credited. */
  confirmed: boolean;
  /** The leader's correction, if any (kept beside the timeline event). */
  correction: { byOpenid: string; note: string; previousCheckOutAt: number | null; at: number } | null;
  createdAt: number;
  updatedAt: number;
}
