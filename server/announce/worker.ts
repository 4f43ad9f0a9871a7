import { createHash } from 'node:crypto';
import {
  ANNOUNCE_ROBOT_QUOTA,
  ANNOUNCE_SUBSCRIBE_GRANTS,
  ANNOUNCEMENT_DELIVERIES,
  ANNOUNCEMENTS,
  WECHAT_GROUPS,
} from '../../database/collections';
import { robotMessageOf, subscribeDataOf } from '../../src/domain/announce/announce.messages';
import { DELIVERY_RETRY, detailPathOf, MINUTE_MS, ROBOT_PER_MINUTE, robotMinute } from '../../src/domain/announce/announce.rules';
import { type AnnouncementDoc, type Channel, type DeliveryDoc, DONE_STATE } from '../../src/domain/announce/announce.types';
import type { WechatGroup } from '../../src/domain/org/org.types';
import { now as clockNow } from '../kit/clock';
import { config } from '../kit/config';
import { emptyCounts, forEachConcurrently, Outbox, type OutboxCounts } from '../kit/outbox';
import { readList } from '../kit/read-list';
import { database, wxCloud } from '../kit/wx-cloud';
import { cas, insertOnce } from './announce-store';
import { publishDue } from './compose';
import { resumePlanning } from './planning';
import { postRobotMessage } from './robot-client';

/** Why robot rows are not sent when no webhook base is configured. */
export const ROBOT_OFF = '群机器人未开启：云函数未设置 ROBOT_WEBHOOK_BASE，未发送';

export interface DrainResult extends OutboxCounts {
  scheduledStarted: number;
  planned: number;
  delivered: number;
  ready: number;
  /** Robot rows put back because their robot had used its 20 messages of the minute. */
  deferred: number;
  /** Robot rows not sent because robots are off (no ROBOT_WEBHOOK_BASE): recorded `failed` with ROBOT_OFF. */
  robotOff: number;
}

/** The announcement deliveries' outbox (`announcement_deliveries`). */
export const deliveryOutbox = new Outbox<DeliveryDoc>(ANNOUNCEMENT_DELIVERIES, DELIVERY_RETRY, 'announce');

/** Rows claimed per batch for the channels that call out (each is one open-API or HTTP call). */
const SEND_BATCH = 100;
const SEND_CONCURRENCY = 8;

const empty = (): DrainResult => ({
  ...emptyCounts(),
  scheduledStarted: 0,
  planned: 0,
  delivered: 0,
  ready: 0,
  deferred: 0,
  robotOff: 0,
});

/**
 * Channels with nothing to call out (feed: the resident's in-app feed; share_task: the head's
 * task list) are settled in bulk with a conditional update (`planned` → done), 1000 at a time.
 */
const settleInBulk = (channel: Channel, now: number, deadline: number): Promise<number> =>
  deliveryOutbox.settleInBulk(now, { channel }, { state: DONE_STATE[channel], attempts: 1 }, deadline);

const dueRows = (channel: Channel, now: number): Promise<DeliveryDoc[]> => deliveryOutbox.due(now, { channel }, SEND_BATCH);

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

async function drainSubscribe(now: number, deadline: number, result: DrainResult): Promise<void> {
  const _ = database().command;
  const { templateId, miniprogramState } = config();
  while (Date.now() < deadline) {
    const rows = await dueRows('subscribe', now);
    if (rows.length === 0) return;
    const anns = await announcementsOf(rows);
    await forEachConcurrently(rows, SEND_CONCURRENCY, async (row) => {
      const a = anns.get(row.announcementId);
      const outcome = await deliveryOutbox.deliver(
        row,
        now,
        async () => {
          if (!a) throw Object.assign(new Error('announcement missing'), { errCode: 47003 });
          await wxCloud().openapi.subscribeMessage.send({
            touser: row.recipient,
            templateId: templateId('ANNOUNCEMENT'),
            page: detailPathOf(a._id).slice(1),
            data: subscribeDataOf(a, now),
            miniprogramState,
          } as never);
        },
        result,
      );
      // A one-time grant is used up by the message it allowed.
      if (outcome?.state === 'sent')
        await cas(ANNOUNCE_SUBSCRIBE_GRANTS, { _id: row.recipient, remaining: _.gt(0) }, { remaining: _.inc(-1) });
      if (outcome?.state === 'no_grant') await cas(ANNOUNCE_SUBSCRIBE_GRANTS, { _id: row.recipient }, { remaining: 0 });
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
  if (await cas(ANNOUNCE_ROBOT_QUOTA, { _id, count: _.lt(ROBOT_PER_MINUTE) }, { count: _.inc(1) })) return true;
  if (await insertOnce(ANNOUNCE_ROBOT_QUOTA, { _id, minute, count: 1 } as { _id: string })) return true;
  return cas(ANNOUNCE_ROBOT_QUOTA, { _id, count: _.lt(ROBOT_PER_MINUTE) }, { count: _.inc(1) });
}

async function drainRobot(now: number, deadline: number, result: DrainResult): Promise<void> {
  const base = config().robotWebhookBase;
  if (base === undefined) {
    // Robots are off: no webhook is ever called, and the rows say why they were not sent.
    result.robotOff = await deliveryOutbox.settleInBulk(now, { channel: 'robot' }, { state: 'failed', lastError: ROBOT_OFF }, deadline);
    return;
  }
  const _ = database().command;
  while (Date.now() < deadline) {
    const rows = await dueRows('robot', now);
    if (rows.length === 0) return;
    const anns = await announcementsOf(rows);
    const groups = new Map(
      (
        await readList<WechatGroup>(
          database()
            .collection(WECHAT_GROUPS)
            .where({ _id: _.in([...new Set(rows.map((r) => r.recipient))]) })
            .limit(1000),
        )
      ).map((g) => [g._id, g]),
    );
    const full = new Set<string>();
    await forEachConcurrently(rows, SEND_CONCURRENCY, async (row) => {
      const key = groups.get(row.recipient)?.robotWebhookKey;
      const a = anns.get(row.announcementId);
      if (full.has(key ?? '')) return;
      const claim = await deliveryOutbox.claim(row, now);
      if (!claim) return;
      if (!key || !a) {
        // The group lost its robot (or the announcement is gone): nothing can ever send it.
        await deliveryOutbox.giveUp(claim, key ? 'announcement missing' : 'group has no robot webhook', now, result);
        return;
      }
      if (!(await takeRobotSlot(key))) {
        full.add(key);
        await deliveryOutbox.release(claim);
        return;
      }
      if (!(await deliveryOutbox.markCalled(claim, now))) return;
      const answer = await postRobotMessage(`${base}${encodeURIComponent(key)}`, robotMessageOf(a));
      await deliveryOutbox.record(claim, answer.errcode, answer.errmsg, now, result);
    });
    if (full.size > 0) {
      // Robots whose minute is used up: their due rows wait for the next minute (no attempt spent).
      const nextMinute = robotMinute(clockNow()).minute + MINUTE_MS;
      for (const row of rows) {
        const key = groups.get(row.recipient)?.robotWebhookKey;
        if (!key || !full.has(key)) continue;
        if (
          await cas(
            ANNOUNCEMENT_DELIVERIES,
            { _id: row._id, state: 'planned', nextAttemptAt: row.nextAttemptAt },
            { nextAttemptAt: nextMinute },
          )
        )
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
 * Subscribe and robot rows go through the outbox kit's claim → mark called → call → record
 * protocol (server/kit/outbox.ts documents it and its one residual at-least-once window: a
 * worker lost between the call and its record); feed and share-task rows call nothing out and
 * are settled by one conditional update. Without ROBOT_WEBHOOK_BASE robot rows are settled as
 * `failed` with ROBOT_OFF and no webhook is called.
 */
export async function drainAnnouncements(now: number, budgetMs = 40_000): Promise<DrainResult> {
  const started = Date.now();
  const deadline = started + budgetMs;
  const result = empty();
  result.scheduledStarted = await publishDue(now);
  result.planned = (await resumePlanning(now, Math.min(20_000, budgetMs / 2))).reduce((n, r) => n + r.buildings, 0);
  await deliveryOutbox.reclaimLapsed(now, result);
  result.delivered = await settleInBulk('feed', now, deadline);
  result.ready = await settleInBulk('share_task', now, deadline);
  await drainRobot(now, deadline, result);
  await drainSubscribe(now, deadline, result);
  const _ = database().command;
  await database()
    .collection(ANNOUNCE_ROBOT_QUOTA)
    .where({ minute: _.lt(now - 60 * MINUTE_MS) })
    .remove();
  return result;
}
