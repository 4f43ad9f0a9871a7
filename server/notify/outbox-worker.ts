import { NOTIFICATIONS } from '../../database/collections';
import { NOTICE_RETRY, type NotificationDoc } from '../../src/domain/notify/notify.rules';
import { config } from '../kit/config';
import { emptyCounts, Outbox, type OutboxCounts } from '../kit/outbox';
import { wxCloud } from '../kit/wx-cloud';

/** Rows handled per run (a run must end well inside the function's timeout); the next run takes the rest. */
export const DRAIN_BATCH = 50;

export interface DrainResult extends OutboxCounts {
  /** Rows this run claimed (another worker's rows are skipped, never sent twice). */
  claimed: number;
}

/** The order notices' outbox (`notifications`). */
export const noticeOutbox = new Outbox<NotificationDoc>(NOTIFICATIONS, NOTICE_RETRY, 'notify');

/**
 * Drains the notification outbox (the notify function's timer) through the outbox kit's
 * claim → mark called → call → record protocol (server/kit/outbox.ts, which also documents the
 * one residual at-least-once window): lapsed claims are reconciled first, then each due row is
 * claimed, so two workers running at once never send the same row. 43101 (no grant) is final
 * (`no_grant`), so are invalid-argument answers (`failed`); anything else is retried with
 * backoff up to MAX_ATTEMPTS (NOTICE_RETRY).
 */
export async function drainOutbox(now: number): Promise<DrainResult> {
  const result: DrainResult = { ...emptyCounts(), claimed: 0 };
  await noticeOutbox.reclaimLapsed(now, result);
  const { templateId, miniprogramState } = config();
  for (const row of await noticeOutbox.due(now, {}, DRAIN_BATCH)) {
    const outcome = await noticeOutbox.deliver(
      row,
      now,
      async () => {
        await wxCloud().openapi.subscribeMessage.send({
          touser: row.recipient,
          templateId: templateId(row.templateKey),
          page: row.page,
          data: row.data,
          miniprogramState,
        } as never);
      },
      result,
    );
    if (outcome) result.claimed += 1;
  }
  return result;
}
