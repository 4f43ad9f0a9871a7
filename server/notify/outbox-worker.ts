import { randomBytes } from 'node:crypto';
import { CLAIM_LEASE_MS, type NotificationDoc, outcomeOf } from '../../src/domain/notify/notify.rules';
import { readList } from '../kit/read-list';
import { database, wxCloud } from '../kit/wx-cloud';
import { NOTIFICATIONS } from '../order/order-store';
import { miniprogramState, templateIdOf } from './template-config';

/** Rows handled per run (a run must end well inside the function's timeout); the next run takes the rest. */
export const DRAIN_BATCH = 50;

export interface DrainResult {
  /** Rows this run claimed (another worker's rows are skipped, never sent twice). */
  claimed: number;
  sent: number;
  noGrant: number;
  failed: number;
  retry: number;
  /** Claims of crashed workers whose lease ran out, put back for a retry. */
  reclaimed: number;
}

type UpdateResult = { stats: { updated: number } };

async function casUpdate(where: Record<string, unknown>, data: Record<string, unknown>): Promise<boolean> {
  const res = (await database().collection(NOTIFICATIONS).where(where).update({ data })) as UpdateResult;
  return res.stats.updated === 1;
}

/** The errcode wx-server-sdk throws for an open-API refusal (errCode), or undefined for transport errors. */
function errCodeOf(err: unknown): { code: number | undefined; message: string } {
  const e = err as { errCode?: unknown; errcode?: unknown; errMsg?: unknown; message?: unknown } | undefined;
  const raw = e?.errCode ?? e?.errcode;
  const code = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : undefined;
  return { code, message: String(e?.errMsg ?? e?.message ?? err) };
}

/**
 * Drains the notification outbox (the notify function's timer). Each due row is CLAIMED with a
 * compare-and-set (status and attempt count as read → `sending` with a fresh token) before it is
 * sent, so two workers running at once never send the same row: the second claim matches nothing.
 * The outcome is written only under the claim's token. 43101 (no grant) is final (`no_grant`),
 * so are invalid-argument answers (`failed`); anything else is retried with backoff up to
 * MAX_ATTEMPTS. A worker that dies between claim and outcome leaves `sending` with an expiry
 * (`nextAttemptAt`); after CLAIM_LEASE_MS (far beyond the function's 60 s limit) it is retried —
 * the one case where a message that did reach WeChat could be sent again.
 */
export async function drainOutbox(now: number): Promise<DrainResult> {
  const db = database();
  const _ = db.command;
  const result: DrainResult = { claimed: 0, sent: 0, noGrant: 0, failed: 0, retry: 0, reclaimed: 0 };

  const stale = await readList<NotificationDoc>(
    db
      .collection(NOTIFICATIONS)
      .where({ status: 'sending', nextAttemptAt: _.lte(now) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(DRAIN_BATCH),
  );
  for (const row of stale) {
    if (
      await casUpdate(
        { _id: row._id, status: 'sending', claimToken: row.claimToken },
        { status: 'retry', claimToken: null, updatedAt: now },
      )
    ) {
      result.reclaimed += 1;
    }
  }

  const due = await readList<NotificationDoc>(
    db
      .collection(NOTIFICATIONS)
      .where({ status: _.in(['pending', 'retry']), nextAttemptAt: _.lte(now) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(DRAIN_BATCH),
  );
  for (const row of due) {
    const token = randomBytes(12).toString('hex');
    const attempts = row.attempts + 1;
    const claimed = await casUpdate(
      { _id: row._id, status: row.status, attempts: row.attempts },
      { status: 'sending', claimToken: token, attempts, nextAttemptAt: now + CLAIM_LEASE_MS, updatedAt: now },
    );
    if (!claimed) continue;
    result.claimed += 1;
    let code: number | undefined = 0;
    let message = '';
    try {
      await wxCloud().openapi.subscribeMessage.send({
        touser: row.recipient,
        templateId: templateIdOf(row.templateKey),
        page: row.page,
        data: row.data,
        miniprogramState: miniprogramState(),
      } as never);
    } catch (err) {
      ({ code, message } = errCodeOf(err));
    }
    const outcome = outcomeOf(code, message, attempts, now);
    const data: Record<string, unknown> = { status: outcome.status, claimToken: null, updatedAt: now };
    if (outcome.status === 'sent') data.sentAt = now;
    else data.lastError = outcome.error.slice(0, 300);
    if (outcome.status === 'retry') data.nextAttemptAt = outcome.nextAttemptAt;
    await casUpdate({ _id: row._id, claimToken: token }, data);
    if (outcome.status === 'sent') result.sent += 1;
    else if (outcome.status === 'no_grant') result.noGrant += 1;
    else if (outcome.status === 'failed') result.failed += 1;
    else result.retry += 1;
  }
  return result;
}
