/**
 * 活动开始提醒, queued by the activity timer: sessions starting within a day whose reminders are
 * not queued yet (index reminded/startAt) get one outbox row per volunteer with a place, written
 * with fixed keys into the order notices' outbox (`notifications`), which the notify function's
 * drain sends through the outbox kit (one send per row, 43101 recorded as no grant). The session
 * is then marked `reminded` by a conditional update; a run that dies in between re-queues the same
 * keys next time, which adds nothing. Sign-ups made after the reminders went out get none.
 */
import { ACTIVITY_SIGNUPS, NOTIFICATIONS } from '../../database/collections';
import type { ActivitySessionDoc, SignUpDoc } from '../../src/domain/activity/activity.types';
import { REMIND_BEFORE_MS, reminderDue, reminderRow } from '../../src/domain/activity/reminder.rules';
import { insertIdempotent } from '../announce/announce-store';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { ACTIVITY_SESSIONS, cas } from './activity-store';

/** Sessions handled per timer run; the next run takes the rest. */
const SESSIONS_PER_RUN = 50;

export async function queueReminders(now: number): Promise<{ sessions: number; reminders: number }> {
  const _ = database().command;
  const due = await readList<ActivitySessionDoc>(
    database()
      .collection(ACTIVITY_SESSIONS)
      .where({ reminded: false, startAt: _.gt(now).and(_.lte(now + REMIND_BEFORE_MS)) })
      .orderBy('startAt', 'asc')
      .limit(SESSIONS_PER_RUN),
  );
  let sessions = 0;
  let reminders = 0;
  for (const s of due.filter((d) => reminderDue(d, now))) {
    const placed = await readList<SignUpDoc>(
      database().collection(ACTIVITY_SIGNUPS).where({ sessionId: s._id, status: 'signed_up' }).orderBy('waitKey', 'asc').limit(1000),
    );
    reminders += await insertIdempotent(
      NOTIFICATIONS,
      placed.map((su) => reminderRow(s, su.openid, now)),
    );
    if (await cas(ACTIVITY_SESSIONS, { _id: s._id, reminded: false }, { reminded: true, updatedAt: now })) sessions += 1;
  }
  if (reminders > 0) console.info(`[activity] queued ${reminders} 活动开始提醒 for ${sessions} session(s)`);
  return { sessions, reminders };
}
