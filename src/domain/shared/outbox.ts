/**
 * The outbox, its pure part: the one row shape every outbox shares (the order notices in
 * `notifications`, the announcement deliveries in `announcement_deliveries`), its states, and
 * what an answer or a lapsed claim leads to under an outbox's retry policy. The database side
 * (claim → mark called → call → record) is server/kit/outbox.ts.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */

/**
 * `planned` (due at `nextAttemptAt`) → `sending` (claimed under a token and a lease; `calledAt`
 * set right before the outbound call) → `sent`, or `no_grant` (subscribe refused with 43101,
 * final) / `failed` (final: an error no retry can fix, or given up after the policy's attempts).
 * An outbox may add success states of its own for rows that call nothing out (announcements:
 * `delivered`, `ready`).
 */
export const OUTBOX_STATES = ['planned', 'sending', 'sent', 'no_grant', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** The protocol fields of an outbox row; each outbox adds its own payload. `_id` = the row's unique key. */
export interface OutboxRow<S extends string = OutboxState> {
  _id: string;
  state: S;
  /** Attempts spent: recorded answers, plus lapsed claims whose call had started. */
  attempts: number;
  /** When the row is due (`planned`). */
  nextAttemptAt: number;
  /** When the claim of a `sending` row lapses (0 otherwise). */
  leaseUntil: number;
  claimToken: string | null;
  /**
   * Set (under the claim) right before the outbound call, cleared with the outcome: a lapsed
   * claim with it set may have left (outcome unknown), one without it did not.
   */
  calledAt: number | null;
  lastError: string | null;
  /** When the row reached a final state. */
  doneAt: number | null;
  createdAt: number;
}

/** The protocol fields of a new row, due now. */
export const plannedRow = (now: number): Omit<OutboxRow<'planned'>, '_id'> => ({
  state: 'planned',
  attempts: 0,
  nextAttemptAt: now,
  leaseUntil: 0,
  claimToken: null,
  calledAt: null,
  lastError: null,
  doneAt: null,
  createdAt: now,
});

/**
 * A claim older than this is a lost worker's. Far beyond the longest drain function's timeout
 * (60 s), so no live worker still holds a lapsed claim.
 */
export const OUTBOX_LEASE_MS = 3 * 60_000;

/** How an outbox retries: when to try again after n failed attempts, when to give up, what is final. */
export interface RetryPolicy {
  /** Attempts in all before a row is `failed`. */
  maxAttempts: number;
  /** Wait after the `attempts`-th failed attempt (1-based). */
  backoffMs(attempts: number): number;
  /** WeChat errcodes no retry can fix (43101 is always final, as `no_grant`). */
  finalErrors?: readonly number[];
}

/** WeChat's answer to a subscribe message the recipient has not granted (final). */
export const NO_GRANT_ERRCODE = 43101;

export type SendOutcome =
  | { state: 'sent' }
  | { state: 'no_grant' | 'failed'; error: string }
  | { state: 'planned'; error: string; nextAttemptAt: number };

/** What a call that answered `errCode` (0 = delivered, undefined = no answer) on attempt `attempts` (1-based) leads to. */
export function outcomeOf(policy: RetryPolicy, errCode: number | undefined, errMsg: string, attempts: number, now: number): SendOutcome {
  if (errCode === 0) return { state: 'sent' };
  const error = `${errCode ?? 'network'} ${errMsg}`.trim().slice(0, 300);
  if (errCode === NO_GRANT_ERRCODE) return { state: 'no_grant', error };
  if (errCode !== undefined && policy.finalErrors?.includes(errCode)) return { state: 'failed', error };
  if (attempts >= policy.maxAttempts) return { state: 'failed', error: `${error} (gave up after ${attempts} attempts)` };
  return { state: 'planned', error, nextAttemptAt: now + policy.backoffMs(attempts) };
}

/** The note on a row whose worker was lost after its call started (see reclaimOutcome). */
export const LOST_AFTER_CALL = 'worker lost after the call started: outcome unknown';

/**
 * What becomes of a claim whose lease ran out (its worker crashed or timed out):
 *  - `calledAt` unset — it died before calling out, so nothing left: the row is simply due again
 *    and no attempt is spent (reconciled, not resent blindly);
 *  - `calledAt` set — the call may have reached WeChat / WeCom or not, and neither takes an
 *    idempotency key nor can be asked what arrived. It counts as a failed attempt and is retried
 *    with backoff: at least once, because a message that never arrives is worse than one that
 *    arrives twice. (A subscribe resend mostly bounces with 43101 by itself: the one-time grant
 *    it relied on was used by the first send, unless the recipient granted again.)
 */
export type ReclaimOutcome =
  | { state: 'planned'; attempts: number; nextAttemptAt: number; error: string | null }
  | { state: 'failed'; attempts: number; error: string };

export function reclaimOutcome(policy: RetryPolicy, calledAt: number | null, attempts: number, now: number): ReclaimOutcome {
  if (calledAt === null) return { state: 'planned', attempts, nextAttemptAt: now, error: null };
  const spent = attempts + 1;
  if (spent >= policy.maxAttempts)
    return { state: 'failed', attempts: spent, error: `${LOST_AFTER_CALL} (gave up after ${spent} attempts)` };
  return { state: 'planned', attempts: spent, nextAttemptAt: now + policy.backoffMs(spent), error: LOST_AFTER_CALL };
}
