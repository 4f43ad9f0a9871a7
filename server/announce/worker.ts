import { createHash, randomBytes } from 'node:crypto';
import { robotMessageOf, subscribeDataOf } from '../../src/domain/announce/announce.messages';
import {
  detailPathOf,
  LEASE_MS,
  MINUTE_MS,
  outcomeOf,
  ROBOT_PER_MINUTE,
  reclaimOutcome,
  robotMinute,
} from '../../src/domain/announce/announce.rules';
import { type AnnouncementDoc, type Channel, type DeliveryDoc, DONE_STATE } from '../../src/domain/announce/announce.types';
import type { WechatGroup } from '../../src/domain/org/org.types';
import { now as clockNow } from '../kit/clock';
import { readList } from '../kit/read-list';
import { database, wxCloud } from '../kit/wx-cloud';
import { miniprogramState } from '../notify/template-config';
import { ANNOUNCEMENTS, cas, DELIVERIES, GRANTS, insertOnce, ROBOT_QUOTA } from './announce-store';
import { publishDue } from './compose';
import { resumePlanning } from './planning';
import { postRobotMessage } from './robot-client';
import { announceTemplateId, robotWebhookBase } from './template';

export interface DrainResult {
  scheduledStarted: number;
  planned: number;
  reclaimed: number;
  /** Of the reclaimed: rows whose lost worker had started the call (may have left; retried). */
  uncertain: number;
  delivered: number;
  ready: number;
  sent: number;
  noGrant: number;
  failed: number;
  retry: number;
  /** Robot rows put back because their robot had used its 20 messages of the minute. */
  deferred: number;
}

/** Rows claimed per batch for the channels that call out (each is one open-API or HTTP call). */
const SEND_BATCH = 100;
const SEND_CONCURRENCY = 8;

const empty = (): DrainResult => ({
  scheduledStarted: 0,
  planned: 0,
  reclaimed: 0,
  uncertain: 0,
  delivered: 0,
  ready: 0,
  sent: 0,
  noGrant: 0,
  failed: 0,
  retry: 0,
  deferred: 0,
});

async function pool<T>(items: readonly T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

/**
 * Claims whose lease ran out (their worker crashed or timed out) are reconciled by whether the
 * call had started (reclaimOutcome): not started → due again as if never claimed; started →
 * a spent attempt, retried with backoff (or given up at MAX_ATTEMPTS).
 */
async function reclaimExpired(now: number, result: DrainResult): Promise<void> {
  const _ = database().command;
  for (;;) {
    const stale = await readList<DeliveryDoc>(
      database()
        .collection(DELIVERIES)
        .where({ state: 'sending', leaseUntil: _.lte(now) })
        .limit(200),
    );
    for (const row of stale) {
      const calledAt = row.calledAt ?? null;
      const outcome = reclaimOutcome(calledAt, row.attempts, now);
      const data: Record<string, unknown> = { claimToken: null, leaseUntil: 0, calledAt: null, attempts: outcome.attempts };
      if (outcome.state === 'planned') Object.assign(data, { state: 'planned', nextAttemptAt: outcome.nextAttemptAt });
      else Object.assign(data, { state: 'failed', doneAt: now });
      if (outcome.error) data.lastError = outcome.error;
      if (!(await cas(DELIVERIES, { _id: row._id, state: 'sending', claimToken: row.claimToken }, data))) continue;
      result.reclaimed += 1;
      if (calledAt !== null) {
        result.uncertain += 1;
        console.warn(`[announce] ${row._id}: ${outcome.error} (call started at ${calledAt})`);
      }
    }
    if (stale.length < 200) return;
  }
}

/**
 * Channels with nothing to call out (feed: the resident's in-app feed; share_task: the head's
 * task list) are settled in bulk with a conditional update (`planned` → done), 1000 at a time.
 */
async function settleInBulk(channel: Channel, now: number, deadline: number): Promise<number> {
  const _ = database().command;
  let settled = 0;
  while (Date.now() < deadline) {
    const due = await readList<{ _id: string }>(
      database()
        .collection(DELIVERIES)
        .where({ state: 'planned', channel, nextAttemptAt: _.lte(now) })
        .field({ _id: true })
        .limit(1000),
    );
    if (due.length === 0) break;
    const res = (await database()
      .collection(DELIVERIES)
      .where({ _id: _.in(due.map((d) => d._id)), state: 'planned' })
      .update({ data: { state: DONE_STATE[channel], doneAt: now, attempts: 1 } })) as { stats: { updated: number } };
    settled += res.stats.updated;
    if (due.length < 1000) break;
  }
  return settled;
}

/** Claims one due row: `planned` (as read) → `sending` under a fresh token and a lease. */
async function claim(row: DeliveryDoc, now: number): Promise<string | null> {
  const token = randomBytes(12).toString('hex');
  const ok = await cas(
    DELIVERIES,
    { _id: row._id, state: 'planned', attempts: row.attempts, nextAttemptAt: row.nextAttemptAt },
    { state: 'sending', claimToken: token, leaseUntil: now + LEASE_MS, calledAt: null },
  );
  return ok ? token : null;
}

/**
 * The last write before a claimed row's outbound call: from here until `settle` records the
 * outcome, a lost worker leaves a row that may have been sent (see reclaimOutcome). False when
 * the claim is no longer ours — then nothing is called.
 */
const markCalled = (row: DeliveryDoc, token: string, now: number): Promise<boolean> =>
  cas(DELIVERIES, { _id: row._id, claimToken: token, state: 'sending' }, { calledAt: now });

/** Records an attempt's outcome under the claim's token (a reclaimed row is not overwritten). */
async function settle(row: DeliveryDoc, token: string, code: number | undefined, message: string, now: number, result: DrainResult) {
  const attempts = row.attempts + 1;
  const outcome = outcomeOf(code, message, attempts, now);
  const data: Record<string, unknown> = { claimToken: null, leaseUntil: 0, calledAt: null, attempts };
  if (outcome.state === 'sent') Object.assign(data, { state: DONE_STATE[row.channel], doneAt: now, lastError: null });
  else if (outcome.state === 'planned')
    Object.assign(data, { state: 'planned', nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error });
  else Object.assign(data, { state: outcome.state, doneAt: now, lastError: outcome.error });
  await cas(DELIVERIES, { _id: row._id, claimToken: token }, data);
  if (outcome.state === 'sent') result.sent += 1;
  else if (outcome.state === 'no_grant') result.noGrant += 1;
  else if (outcome.state === 'failed') result.failed += 1;
  else result.retry += 1;
}

async function dueRows(channel: Channel, now: number): Promise<DeliveryDoc[]> {
  const _ = database().command;
  return readList<DeliveryDoc>(
    database()
      .collection(DELIVERIES)
      .where({ state: 'planned', channel, nextAttemptAt: _.lte(now) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(SEND_BATCH),
  );
}

/** The announcements of some rows, by id. */
async function announcementsOf(rows: readonly DeliveryDoc[]): Promise<Map<string, AnnouncementDoc>> {
  const _ = database().command;
  const ids = [...new Set(rows.map((r) => r.announcementId))];
  const docs = await readList<AnnouncementDoc>(
    database()
      .collection(ANNOUNCEMENTS)
      .where({ _id: _.in(ids) })
      .limit(1000),
  );
  return new Map(docs.map((d) => [d._id, d]));
}

function errCodeOf(err: unknown): { code: number | undefined; message: string } {
  const e = err as { errCode?: unknown; errcode?: unknown; errMsg?: unknown; message?: unknown } | undefined;
  const raw = e?.errCode ?? e?.errcode;
  const code = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : undefined;
  return { code, message: String(e?.errMsg ?? e?.message ?? err) };
}

async function drainSubscribe(now: number, deadline: number, result: DrainResult): Promise<void> {
  const _ = database().command;
  while (Date.now() < deadline) {
    const rows = await dueRows('subscribe', now);
    if (rows.length === 0) return;
    const anns = await announcementsOf(rows);
    await pool(rows, SEND_CONCURRENCY, async (row) => {
      const token = await claim(row, now);
      if (!token) return;
      const a = anns.get(row.announcementId);
      let code: number | undefined = 0;
      let message = '';
      try {
        if (!a) throw Object.assign(new Error('announcement missing'), { errCode: 47003 });
        if (!(await markCalled(row, token, now))) return;
        await wxCloud().openapi.subscribeMessage.send({
          touser: row.recipient,
          templateId: announceTemplateId(),
          page: detailPathOf(a._id).slice(1),
          data: subscribeDataOf(a, now),
          miniprogramState: miniprogramState(),
        } as never);
      } catch (err) {
        ({ code, message } = errCodeOf(err));
      }
      await settle(row, token, code, message, now, result);
      // A one-time grant is used up by the message it allowed.
      if (code === 0) await cas(GRANTS, { _id: row.recipient, remaining: _.gt(0) }, { remaining: _.inc(-1) });
      if (code === 43101) await cas(GRANTS, { _id: row.recipient }, { remaining: 0 });
    });
    if (rows.length < SEND_BATCH) return;
  }
}

const quotaIdOf = (key: string, minute: number) => `${createHash('sha256').update(key).digest('hex').slice(0, 24)}:${minute}`;

/**
 * One of the robot's 20 sends of the current minute, shared by all workers through a counter
 * document per (robot, minute) raised with a conditional increment. False when the minute is
 * used up (or in its last seconds, see ROBOT_MINUTE_GUARD_MS).
 */
async function takeRobotSlot(key: string): Promise<boolean> {
  const _ = database().command;
  const { minute, guarded } = robotMinute(clockNow());
  if (guarded) return false;
  const _id = quotaIdOf(key, minute);
  if (await cas(ROBOT_QUOTA, { _id, count: _.lt(ROBOT_PER_MINUTE) }, { count: _.inc(1) })) return true;
  if (await insertOnce(ROBOT_QUOTA, { _id, minute, count: 1 } as { _id: string })) return true;
  return cas(ROBOT_QUOTA, { _id, count: _.lt(ROBOT_PER_MINUTE) }, { count: _.inc(1) });
}

async function drainRobot(now: number, deadline: number, result: DrainResult): Promise<void> {
  const _ = database().command;
  while (Date.now() < deadline) {
    const rows = await dueRows('robot', now);
    if (rows.length === 0) return;
    const anns = await announcementsOf(rows);
    const groups = new Map(
      (
        await readList<WechatGroup>(
          database()
            .collection('wechat_groups')
            .where({ _id: _.in([...new Set(rows.map((r) => r.recipient))]) })
            .limit(1000),
        )
      ).map((g) => [g._id, g]),
    );
    const full = new Set<string>();
    await pool(rows, SEND_CONCURRENCY, async (row) => {
      const key = groups.get(row.recipient)?.robotWebhookKey;
      const a = anns.get(row.announcementId);
      if (full.has(key ?? '')) return;
      const token = await claim(row, now);
      if (!token) return;
      if (!key || !a) {
        // The group lost its robot (or the announcement is gone): nothing can ever send it.
        await cas(
          DELIVERIES,
          { _id: row._id, claimToken: token },
          {
            state: 'failed',
            claimToken: null,
            leaseUntil: 0,
            doneAt: now,
            lastError: key ? 'announcement missing' : 'group has no robot webhook',
          },
        );
        result.failed += 1;
        return;
      }
      if (!(await takeRobotSlot(key))) {
        full.add(key);
        await cas(DELIVERIES, { _id: row._id, claimToken: token }, { state: 'planned', claimToken: null, leaseUntil: 0 });
        return;
      }
      if (!(await markCalled(row, token, now))) return;
      const answer = await postRobotMessage(`${robotWebhookBase()}${encodeURIComponent(key)}`, robotMessageOf(a));
      await settle(row, token, answer.errcode, answer.errmsg, now, result);
    });
    if (full.size > 0) {
      // Robots whose minute is used up: their due rows wait for the next minute (no attempt spent).
      const nextMinute = robotMinute(clockNow()).minute + MINUTE_MS;
      for (const row of rows) {
        const key = groups.get(row.recipient)?.robotWebhookKey;
        if (!key || !full.has(key)) continue;
        if (await cas(DELIVERIES, { _id: row._id, state: 'planned', nextAttemptAt: row.nextAttemptAt }, { nextAttemptAt: nextMinute }))
          result.deferred += 1;
      }
    }
    if (rows.length < SEND_BATCH) return;
  }
}

/**
 * The `drain` timer: starts scheduled announcements that fell due, resumes planning, reconciles
 * lapsed claims, then sends due deliveries per channel within the robots' rate limit — all
 * within `budgetMs` of real time (the function's timeout is 60 s; the next run takes the rest).
 *
 * The claim → call → record protocol of a row that calls out (subscribe, robot):
 *  1. claim: CAS `planned` (as read: attempts, nextAttemptAt) → `sending` with a fresh token and
 *     a lease of LEASE_MS (3 min, beyond the function's 60 s timeout, so no live worker still
 *     holds a lapsed claim); concurrent workers cannot both win it;
 *  2. mark: CAS under the token sets `calledAt` — the last write before the call;
 *  3. call: subscribeMessage.send / the robot webhook;
 *  4. record: CAS under the token writes the outcome and clears token, lease and `calledAt`.
 * A worker lost between 1 and 2 never called: the lapsed claim goes back to `planned` with no
 * attempt spent. A worker lost between 2 and 4 may have sent it: the lapsed claim counts as a
 * failed attempt and is retried — the one residual at-least-once window, one round trip (the
 * call, ≤ 5 s for the robot) plus one write long, because neither WeChat nor WeCom takes an
 * idempotency key or can be asked what arrived (the local WeCom receiver, like the real one,
 * keeps both). Such rows are counted in `uncertain` and keep LOST_AFTER_CALL in `lastError`.
 * Feed and share-task rows call nothing out and are settled by one conditional update: no window.
 */
export async function drainAnnouncements(now: number, budgetMs = 40_000): Promise<DrainResult> {
  const started = Date.now();
  const deadline = started + budgetMs;
  const result = empty();
  result.scheduledStarted = await publishDue(now);
  result.planned = (await resumePlanning(now, Math.min(20_000, budgetMs / 2))).reduce((n, r) => n + r.buildings, 0);
  await reclaimExpired(now, result);
  result.delivered = await settleInBulk('feed', now, deadline);
  result.ready = await settleInBulk('share_task', now, deadline);
  await drainRobot(now, deadline, result);
  await drainSubscribe(now, deadline, result);
  const _ = database().command;
  await database()
    .collection(ROBOT_QUOTA)
    .where({ minute: _.lt(now - 60 * MINUTE_MS) })
    .remove();
  return result;
}
