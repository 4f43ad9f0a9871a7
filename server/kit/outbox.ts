import { randomBytes } from 'node:crypto';
import {
  OUTBOX_LEASE_MS,
  type OutboxRow,
  outcomeOf,
  type RetryPolicy,
  reclaimOutcome,
  type SendOutcome,
} from '../../src/domain/shared/outbox';
import { readList } from './read-list';
import { database } from './wx-cloud';

/**
 * THE outbox protocol, for every outbox (order notices, announcement deliveries); each outbox
 * brings its rows' collection, its retry policy and its channel senders. Rows have the one shape
 * of src/domain/shared/outbox.ts.
 *
 * The claim → mark called → call → record protocol of a row that calls out:
 *  1. claim: CAS `planned` (as read: attempts, nextAttemptAt) → `sending` with a fresh token and
 *     a lease of OUTBOX_LEASE_MS (3 min, beyond the drain functions' 60 s timeout, so no live
 *     worker still holds a lapsed claim); concurrent workers cannot both win it;
 *  2. mark: CAS under the token sets `calledAt` — the last write before the call;
 *  3. call: subscribeMessage.send / the robot webhook;
 *  4. record: CAS under the token writes the outcome and clears token, lease and `calledAt`.
 * A worker lost between 1 and 2 never called: the lapsed claim goes back to `planned` with no
 * attempt spent. A worker lost between 2 and 4 may have sent it: the lapsed claim counts as a
 * failed attempt and is retried — the one residual at-least-once window, one round trip (the
 * call, ≤ 5 s for the robot) plus one write long, because neither WeChat nor WeCom takes an
 * idempotency key or can be asked what arrived (the local WeCom receiver, like the real one,
 * keeps both). Such rows are counted in `uncertain` and keep LOST_AFTER_CALL in `lastError`.
 * Rows that call nothing out are settled by one conditional update (`settleInBulk`): no window.
 */

/** What a drain did with the rows that call out. */
export interface OutboxCounts {
  /** Lapsed claims (lost workers) put back or given up. */
  reclaimed: number;
  /** Of the reclaimed: rows whose lost worker had started the call (may have left; retried). */
  uncertain: number;
  sent: number;
  noGrant: number;
  failed: number;
  retry: number;
}

export const emptyCounts = (): OutboxCounts => ({ reclaimed: 0, uncertain: 0, sent: 0, noGrant: 0, failed: 0, retry: 0 });

/** A row this worker holds: only writes under its token land. */
export interface Claim<R extends OutboxRow<string>> {
  row: R;
  token: string;
}

/** The errcode of a failed call (wx-server-sdk's errCode, or a thrown `{ errCode, errMsg }`), undefined when nothing answered. */
export function errCodeOf(err: unknown): { code: number | undefined; message: string } {
  const e = err as { errCode?: unknown; errcode?: unknown; errMsg?: unknown; message?: unknown } | undefined;
  const raw = e?.errCode ?? e?.errcode;
  const code = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : undefined;
  return { code, message: String(e?.errMsg ?? e?.message ?? err) };
}

const RECLAIM_BATCH = 200;

export class Outbox<R extends OutboxRow<string>> {
  constructor(
    readonly collection: string,
    readonly policy: RetryPolicy,
    /** For log lines. */
    readonly name: string,
  ) {}

  /** A conditional update (compare-and-set): true when the filter matched (`updated` counts matched documents, so `where` holds the expected state). */
  private async cas(where: Record<string, unknown>, data: Record<string, unknown>): Promise<boolean> {
    const res = (await database().collection(this.collection).where(where).update({ data })) as { stats: { updated: number } };
    return res.stats.updated >= 1;
  }

  /**
   * Claims whose lease ran out (their worker crashed or timed out) are reconciled by whether the
   * call had started (reclaimOutcome): not started → due again as if never claimed; started →
   * a spent attempt, retried with backoff (or given up at the policy's last attempt).
   */
  async reclaimLapsed(now: number, counts: OutboxCounts): Promise<void> {
    const _ = database().command;
    for (;;) {
      const stale = await readList<R>(
        database()
          .collection(this.collection)
          .where({ state: 'sending', leaseUntil: _.lte(now) })
          .limit(RECLAIM_BATCH),
      );
      for (const row of stale) {
        const calledAt = row.calledAt ?? null;
        const outcome = reclaimOutcome(this.policy, calledAt, row.attempts, now);
        const data: Record<string, unknown> = { claimToken: null, leaseUntil: 0, calledAt: null, attempts: outcome.attempts };
        if (outcome.state === 'planned') Object.assign(data, { state: 'planned', nextAttemptAt: outcome.nextAttemptAt });
        else Object.assign(data, { state: 'failed', doneAt: now });
        if (outcome.error) data.lastError = outcome.error;
        if (!(await this.cas({ _id: row._id, state: 'sending', claimToken: row.claimToken }, data))) continue;
        counts.reclaimed += 1;
        if (calledAt !== null) {
          counts.uncertain += 1;
          console.warn(`[${this.name}] ${row._id}: ${outcome.error} (call started at ${calledAt})`);
        }
      }
      if (stale.length < RECLAIM_BATCH) return;
    }
  }

  /** Due rows (`planned`, `nextAttemptAt` passed) matching `where`, oldest due first. */
  due(now: number, where: Record<string, unknown>, limit: number): Promise<R[]> {
    const _ = database().command;
    return readList<R>(
      database()
        .collection(this.collection)
        .where({ state: 'planned', ...where, nextAttemptAt: _.lte(now) })
        .orderBy('nextAttemptAt', 'asc')
        .limit(limit),
    );
  }

  /** Claims one due row: `planned` (as read) → `sending` under a fresh token and a lease; null when another worker has it. */
  async claim(row: R, now: number): Promise<Claim<R> | null> {
    const token = randomBytes(12).toString('hex');
    const ok = await this.cas(
      { _id: row._id, state: 'planned', attempts: row.attempts, nextAttemptAt: row.nextAttemptAt },
      { state: 'sending', claimToken: token, leaseUntil: now + OUTBOX_LEASE_MS, calledAt: null },
    );
    return ok ? { row, token } : null;
  }

  /**
   * The last write before a claimed row's outbound call: from here until `record`, a lost worker
   * leaves a row that may have been sent (see reclaimOutcome). False when the claim is no longer
   * ours — then nothing may be called.
   */
  markCalled(claim: Claim<R>, now: number): Promise<boolean> {
    return this.cas({ _id: claim.row._id, claimToken: claim.token, state: 'sending' }, { calledAt: now });
  }

  /** Records an attempt's answer under the claim's token (a reclaimed row is not overwritten). */
  async record(claim: Claim<R>, code: number | undefined, message: string, now: number, counts: OutboxCounts): Promise<SendOutcome> {
    const attempts = claim.row.attempts + 1;
    const outcome = outcomeOf(this.policy, code, message, attempts, now);
    const data: Record<string, unknown> = { claimToken: null, leaseUntil: 0, calledAt: null, attempts };
    if (outcome.state === 'sent') Object.assign(data, { state: 'sent', doneAt: now, lastError: null });
    else if (outcome.state === 'planned')
      Object.assign(data, { state: 'planned', nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error });
    else Object.assign(data, { state: outcome.state, doneAt: now, lastError: outcome.error });
    await this.cas({ _id: claim.row._id, claimToken: claim.token }, data);
    if (outcome.state === 'sent') counts.sent += 1;
    else if (outcome.state === 'no_grant') counts.noGrant += 1;
    else if (outcome.state === 'failed') counts.failed += 1;
    else counts.retry += 1;
    return outcome;
  }

  /** Gives a claimed row back untouched (nothing called, no attempt spent), e.g. when a rate limit is used up. */
  async release(claim: Claim<R>): Promise<void> {
    await this.cas({ _id: claim.row._id, claimToken: claim.token }, { state: 'planned', claimToken: null, leaseUntil: 0 });
  }

  /** Ends a claimed row as `failed` without calling: nothing could ever send it (`error` says why). */
  async giveUp(claim: Claim<R>, error: string, now: number, counts: OutboxCounts): Promise<void> {
    await this.cas(
      { _id: claim.row._id, claimToken: claim.token },
      { state: 'failed', claimToken: null, leaseUntil: 0, calledAt: null, doneAt: now, lastError: error },
    );
    counts.failed += 1;
  }

  /**
   * One row through the whole protocol: claim → mark called → `call` → record. `call` resolves
   * when the message was accepted and throws (an errCode / errMsg error) when not. Answers the
   * outcome, or null when the row was not ours to send.
   */
  async deliver(row: R, now: number, call: () => Promise<void>, counts: OutboxCounts): Promise<SendOutcome | null> {
    const claim = await this.claim(row, now);
    if (!claim || !(await this.markCalled(claim, now))) return null;
    let code: number | undefined = 0;
    let message = '';
    try {
      await call();
    } catch (err) {
      ({ code, message } = errCodeOf(err));
    }
    return this.record(claim, code, message, now, counts);
  }

  /**
   * Rows that call nothing out, settled in bulk with a conditional update (`planned` → `data`),
   * 1000 at a time until none is due or `deadline` (real time) passed. Answers how many changed.
   */
  async settleInBulk(now: number, where: Record<string, unknown>, data: Record<string, unknown>, deadline: number): Promise<number> {
    const _ = database().command;
    let settled = 0;
    while (Date.now() < deadline) {
      const due = await readList<{ _id: string }>(
        database()
          .collection(this.collection)
          .where({ state: 'planned', ...where, nextAttemptAt: _.lte(now) })
          .field({ _id: true })
          .limit(1000),
      );
      if (due.length === 0) break;
      const res = (await database()
        .collection(this.collection)
        .where({ _id: _.in(due.map((d) => d._id)), state: 'planned' })
        .update({ data: { ...data, doneAt: now } })) as { stats: { updated: number } };
      settled += res.stats.updated;
      if (due.length < 1000) break;
    }
    return settled;
  }
}

/** Runs `run` over `items`, at most `concurrency` at a time. */
export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}
