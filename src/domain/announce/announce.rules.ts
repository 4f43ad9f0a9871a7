/**
 * Announcement rules: limits, keys, the robot rate window, retry and lease timing.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import {
  OUTBOX_LEASE_MS,
  outcomeOf as outboxOutcomeOf,
  reclaimOutcome as outboxReclaimOutcome,
  type ReclaimOutcome,
  type RetryPolicy,
  type SendOutcome,
} from '../shared/outbox';
import type { AnnouncementState, Channel } from './announce.types';

export { LOST_AFTER_CALL } from '../shared/outbox';

export const TITLE_MAX = 40;
export const BODY_MAX = 2000;
export const TARGETS_MAX = 200;

/**
 * Only these may still change (修改): nothing has left yet. Saving an edit of a `scheduled` one
 * takes it back to `draft` — the content check and the preview were of the old text, so the
 * author previews and publishes (or schedules) it again.
 */
export const EDITABLE_STATES: readonly AnnouncementState[] = ['draft', 'scheduled'];
export const isEditable = (state: AnnouncementState): boolean => EDITABLE_STATES.includes(state);

/**
 * 定时发布: a time saved with a draft lies at least SCHEDULE_MIN_LEAD_MS ahead (room to preview
 * and publish) and at most SCHEDULE_MAX_AHEAD_DAYS ahead (a notice planned further out is
 * better kept as a draft). The `drain` timer runs every minute: a notice goes out in the minute
 * after its time.
 */
export const SCHEDULE_MIN_LEAD_MS = 5 * 60_000;
export const SCHEDULE_MAX_AHEAD_DAYS = 30;
const SCHEDULE_MAX_AHEAD_MS = SCHEDULE_MAX_AHEAD_DAYS * 24 * 3_600_000;

/** Why `publishAt` cannot be saved as a 定时发布 time at `now`, or null when it can. */
export function scheduleProblem(publishAt: number, now: number): string | null {
  if (publishAt < now + SCHEDULE_MIN_LEAD_MS) return `定时发布时间须至少在 ${SCHEDULE_MIN_LEAD_MS / 60_000} 分钟之后`;
  if (publishAt > now + SCHEDULE_MAX_AHEAD_MS) return `定时发布时间须在 ${SCHEDULE_MAX_AHEAD_DAYS} 天之内`;
  return null;
}

/** WeCom group robots: at most this many messages per robot per minute, text ≤ 2048 bytes. */
export const ROBOT_PER_MINUTE = 20;
export const ROBOT_TEXT_MAX_BYTES = 2048;
/**
 * The last seconds of a minute are not used for robot sends: a message sent at 59.9 s could
 * arrive in the next minute, which may already hold its 20.
 */
export const ROBOT_MINUTE_GUARD_MS = 3_000;
export const MINUTE_MS = 60_000;

/** The outbox lease (server/kit/outbox.ts); planning claims an announcement for as long. */
export const LEASE_MS = OUTBOX_LEASE_MS;
export const MAX_ATTEMPTS = 6;
/** Exponential backoff after the n-th failed attempt: 30 s · 2^(n-1), at most 30 min. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * MINUTE_MS);
}
/** The deliveries' retry policy: 43101 is final; others retry with backoff until MAX_ATTEMPTS. */
export const DELIVERY_RETRY: RetryPolicy = { maxAttempts: MAX_ATTEMPTS, backoffMs };

export const deliveryKeyOf = (announcementId: string, channel: Channel, recipient: string): string =>
  `${announcementId}:${channel}:${recipient}`;
export const targetIdOf = (announcementId: string, buildingId: string): string => `${announcementId}:${buildingId}`;
export const readIdOf = (announcementId: string, openid: string): string => `${announcementId}:${openid}`;
export const groupReadIdOf = (announcementId: string, opengid: string, openid: string): string => `${announcementId}:${opengid}:${openid}`;

/** The page a share card / subscribe message opens. */
export const detailPathOf = (announcementId: string, buildingId?: string, shareToken?: string): string =>
  `/pages/announce/detail?id=${encodeURIComponent(announcementId)}${buildingId ? `&buildingId=${encodeURIComponent(buildingId)}` : ''}${
    buildingId && shareToken ? `&st=${encodeURIComponent(shareToken)}` : ''
  }`;

/** Start of the minute `at` falls in, and whether `at` is in the minute's guarded tail. */
export function robotMinute(at: number): { minute: number; guarded: boolean } {
  const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  return { minute, guarded: at - minute >= MINUTE_MS - ROBOT_MINUTE_GUARD_MS };
}

/** What a send attempt leads to under DELIVERY_RETRY. */
export const outcomeOf = (errCode: number | undefined, errMsg: string, attempts: number, now: number): SendOutcome =>
  outboxOutcomeOf(DELIVERY_RETRY, errCode, errMsg, attempts, now);

/** What a lapsed claim leads to under DELIVERY_RETRY (see the shared outbox's reclaimOutcome). */
export const reclaimOutcome = (calledAt: number | null, attempts: number, now: number): ReclaimOutcome =>
  outboxReclaimOutcome(DELIVERY_RETRY, calledAt, attempts, now);

/** A resident-facing excerpt of at most `max` characters (subscribe-message `thing` fields are ≤ 20). */
export function excerpt(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
