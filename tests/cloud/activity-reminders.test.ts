import type { NotificationDoc } from '../../src/domain/notify/notify.rules';
import { withTestCloud } from '../support/local-cloud-harness';
import { activityClient, activityInput, HOUR, STATION_C1, volunteers } from './activity-support';

/**
 * 活动开始提醒 through the local cloud and the real SDK: the activity timer queues one reminder
 * per volunteer with a place, per session, once, from a day before; the notify drain sends each
 * once as a subscribe message within the field limits; 候补 get none.
 */
describe('志愿活动: a reminder the day before, by subscribe message through the outbox', () => {
  const env = withTestCloud(activityClient);
  const now = () => env.cloud.clock.now().getTime();
  const timer = () => env.cloud.runtime.invoke('activity', { Type: 'Timer', TriggerName: 'attendance' }, { source: 'timer' });
  const drain = () => env.cloud.runtime.invoke('notify', { Type: 'Timer', TriggerName: 'drain' }, { source: 'timer' });
  const reminders = (sessionId: string) =>
    (env.cloud.store.find('notifications', { orderId: sessionId }) as unknown as NotificationDoc[]).filter(
      (r) => r.templateKey === 'ACTIVITY_REMINDER',
    );

  it('queues once per volunteer with a place, from 24 h before, and notify sends each once', async () => {
    const t0 = now();
    const title = '文明劝导·早高峰路口值守（和平路与幸福街）';
    const input = activityInput(t0, { title, sessions: [{ startAt: t0 + 30 * HOUR, endAt: t0 + 32 * HOUR, quota: 2 }] });
    const { activityId } = await env.api.must({ action: 'create', ...input }, STATION_C1);
    const sessionId = `${activityId}-s0`;
    const [a, b, c] = volunteers.slice(35, 38) as [string, string, string];
    for (const v of [a, b, c]) await env.api.must({ action: 'signUp', sessionId }, v);

    // 30 h before: not yet.
    expect(await timer()).toMatchObject({ ok: true });
    expect(reminders(sessionId)).toEqual([]);

    env.cloud.clock.advance(7 * HOUR); // 23 h before
    env.cloud.store.clearUnindexedScans();
    const run = (await timer()) as { ok: boolean; data: { reminders: { reminders: number } } };
    expect(run.ok).toBe(true);
    expect(run.data.reminders.reminders).toBeGreaterThanOrEqual(2);
    const rows = reminders(sessionId);
    // The two with a place; the 候补 gets none.
    expect(rows.map((r) => r.recipient).sort()).toEqual([a, b].sort());
    const [row] = rows as [NotificationDoc];
    expect(row).toMatchObject({ state: 'planned', page: `pages/activity/detail/index?id=${activityId}`, cause: 'activity_reminder' });
    expect(Array.from(row.data.thing1?.value ?? '').length).toBeLessThanOrEqual(20);
    expect(row.data.thing1?.value).toMatch(/^文明劝导·早高峰路口值守/);
    expect(row.data.time2?.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(Array.from(row.data.thing3?.value ?? '').length).toBeLessThanOrEqual(20);
    expect(Array.from(row.data.thing4?.value ?? '').length).toBeLessThanOrEqual(20);

    // Again: nothing more (the session is marked; the keys are fixed).
    await timer();
    expect(reminders(sessionId)).toHaveLength(2);
    expect(env.cloud.store.unindexedScans().filter((s) => s.collection !== 'notifications')).toEqual([]);

    const before = env.cloud.outbox.list('subscribeMessage.send').length;
    await Promise.all([drain(), drain()]);
    await drain();
    const sent = env.cloud.outbox.list('subscribeMessage.send').slice(before) as { openid: string; templateId: string; page: string }[];
    const mine = sent.filter((e) => e.templateId === 'TEMPLATE_ACTIVITY_REMINDER' && e.page?.includes(activityId));
    expect(mine.map((e) => e.openid).sort()).toEqual([a, b].sort());
    expect(reminders(sessionId).map((r) => r.state)).toEqual(['sent', 'sent']);
  });
});
