/**
 * Announcement rules: limits, keys, the robot rate window, retry and lease timing.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { AnnouncementState, Channel } from './announce.types';

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

/** Outbox rows per write batch (CloudBase: one insert call, at most 1000 documents). */
export const ENQUEUE_BATCH = 1000;

/** WeCom group robots: at most this many messages per robot per minute, text ≤ 2048 bytes. */
export const ROBOT_PER_MINUTE = 20;
export const ROBOT_TEXT_MAX_BYTES = 2048;
/**
 * The last seconds of a minute are not used for robot sends: a message sent at 59.9 s could
 * arrive in the next minute, which may already hold its 20.
 */
export const ROBOT_MINUTE_GUARD_MS = 3_000;
export const MINUTE_MS = 60_000;

/** A claim older than this is a crashed worker's (the drain function times out at 60 s). */
export const LEASE_MS = 3 * MINUTE_MS;
export const MAX_ATTEMPTS = 6;
/** Exponential backoff after the n-th failed attempt: 30 s · 2^(n-1), at most 30 min. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * MINUTE_MS);
}

export const deliveryKeyOf = (announcementId: string, channel: Channel, recipient: string): string =>
  `${announcementId}:${channel}:${recipient}`;
export const targetIdOf = (announcementId: string, buildingId: string): string => `${announcementId}:${buildingId}`;
export const readIdOf = (announcementId: string, openid: string): string => `${announcementId}:${openid}`;
export const groupReadIdOf = (announcementId: string, opengid: string, openid: string): string => `${announcementId}:${opengid}:${openid}`;

/** The page a share card / subscribe message opens. */
export const detailPathOf = (announcementId: string, buildingId?: string): string =>
  `/pages/announce/detail?id=${encodeURIComponent(announcementId)}${buildingId ? `&buildingId=${encodeURIComponent(buildingId)}` : ''}`;

/** Start of the minute `at` falls in, and whether `at` is in the minute's guarded tail. */
export function robotMinute(at: number): { minute: number; guarded: boolean } {
  const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  return { minute, guarded: at - minute >= MINUTE_MS - ROBOT_MINUTE_GUARD_MS };
}

export type SendOutcome =
  | { state: 'sent' }
  | { state: 'no_grant'; error: string }
  | { state: 'failed'; error: string }
  | { state: 'planned'; error: string; nextAttemptAt: number };

/** What a send attempt leads to: 43101 is final; others retry with backoff until MAX_ATTEMPTS. */
export function outcomeOf(errCode: number | undefined, errMsg: string, attempts: number, now: number): SendOutcome {
  if (errCode === 0) return { state: 'sent' };
  const error = `${errCode ?? 'network'} ${errMsg}`.trim().slice(0, 300);
  if (errCode === 43101) return { state: 'no_grant', error };
  if (attempts >= MAX_ATTEMPTS) return { state: 'failed', error: `${error} (gave up after ${attempts} attempts)` };
  return { state: 'planned', error, nextAttemptAt: now + backoffMs(attempts) };
}

/** The note on a row whose worker was lost after its call started (see reclaimOutcome). */
export const LOST_AFTER_CALL = 'worker lost after the call started: outcome unknown';

/**
 * What becomes of a claim whose lease ran out (its worker crashed or timed out):
 *  - `calledAt` unset — it died before calling out, so nothing left: the row is simply due again
 *    and no attempt is spent (reconciled, not resent blindly);
 *  - `calledAt` set — the call may have reached WeChat / WeCom or not, and neither takes an
 *    idempotency key nor can be asked what arrived. It counts as a failed attempt and is retried
 *    with backoff: at least once, because a building group that never hears a notice is worse
 *    than one that hears it twice. (A subscribe resend mostly bounces with 43101 by itself: the
 *    one-time grant it relied on was used by the first send, unless the resident granted again.)
 */
export type ReclaimOutcome =
  | { state: 'planned'; attempts: number; nextAttemptAt: number; error: string | null }
  | { state: 'failed'; attempts: number; error: string };

export function reclaimOutcome(calledAt: number | null, attempts: number, now: number): ReclaimOutcome {
  if (calledAt === null) return { state: 'planned', attempts, nextAttemptAt: now, error: null };
  const spent = attempts + 1;
  if (spent >= MAX_ATTEMPTS) return { state: 'failed', attempts: spent, error: `${LOST_AFTER_CALL} (gave up after ${spent} attempts)` };
  return { state: 'planned', attempts: spent, nextAttemptAt: now + backoffMs(spent), error: LOST_AFTER_CALL };
}

/** A resident-facing excerpt of at most `max` characters (subscribe-message `thing` fields are ≤ 20). */
export function excerpt(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
