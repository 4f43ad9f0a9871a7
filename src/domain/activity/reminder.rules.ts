/**
 * 活动开始提醒: one subscribe message per volunteer with a place, per session, the day before
 * (from 24 h before the start), queued by the activity timer into the order notices' outbox and
 * sent by the notify function's drain (src/domain/notify, server/kit/outbox.ts).
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */

import { fitTime, templateData } from '../notify/notify.format';
import { type NotificationDoc, notificationKeyOf } from '../notify/notify.rules';
import { plannedRow } from '../shared/outbox';
import type { ActivitySessionDoc } from './activity.types';

/** A session's reminders are queued once it starts within this long. */
export const REMIND_BEFORE_MS = 24 * 3600_000;

/** Why the reminder row has this cause (also what the outbox row's `orderId` holds: the session). */
export const REMINDER_CAUSE = 'activity_reminder';

/** True when the timer should queue this session's reminders now. */
export const reminderDue = (s: Pick<ActivitySessionDoc, 'startAt' | 'reminded'>, now: number): boolean =>
  s.reminded === false && s.startAt > now && s.startAt - now <= REMIND_BEFORE_MS;

/** The screen the message opens: the activity's detail (its sessions, 签到). */
export const activityPageOf = (activityId: string): string => `pages/activity/detail/index?id=${encodeURIComponent(activityId)}`;

/**
 * The outbox row of one volunteer's reminder: its key is fixed per (session, volunteer), so
 * queuing again (a retried timer run) adds nothing. Fields within the subscribe-message limits
 * (`thing` ≤ 20 characters, `time` as `YYYY-MM-DD HH:mm` China time).
 */
export function reminderRow(
  session: Pick<ActivitySessionDoc, '_id' | 'activityId' | 'title' | 'address' | 'startAt'>,
  openid: string,
  now: number,
): NotificationDoc {
  const key = notificationKeyOf(session._id, 0, openid, 'ACTIVITY_REMINDER');
  return {
    _id: key,
    key,
    orderId: session._id,
    version: 0,
    recipient: openid,
    templateKey: 'ACTIVITY_REMINDER',
    cause: REMINDER_CAUSE,
    page: activityPageOf(session.activityId),
    data: templateData({
      thing1: session.title,
      time2: fitTime(session.startAt),
      thing3: session.address,
      thing4: '请准时到场，扫组织者的二维码签到',
    }),
    ...plannedRow(now),
  };
}
