import { withTestCloud } from '../support/local-cloud-harness';
import { activityClient, activityInput, HOUR, MIN, STATION_C1, volunteers } from './activity-support';

/**
 * 我的积分 follows THE hours ledger: activity hours count as order hours do, by the one published
 * rule per entry, and agree with 我的服务记录; a 补录 shows at 0 points (待审核) until another staff
 * member approves it.
 */
describe('我的积分 reads the one hours ledger', () => {
  const env = withTestCloud(activityClient);
  const now = () => env.cloud.clock.now().getTime();
  const points = async (openid: string, data: object = {}) =>
    (await env.cloud.call('order', { action: 'pointsMine', ...data }, openid)).body.result;

  it('confirmed activity hours and an approved 补录 earn points, the same as my record says', async () => {
    const t0 = now();
    const input = activityInput(t0, { sessions: [{ startAt: t0 + 30 * MIN, endAt: t0 + 2 * HOUR, quota: 5 }] });
    const { activityId } = await env.api.must({ action: 'create', ...input }, STATION_C1);
    const sessionId = `${activityId}-s0`;
    const [came, forgot] = volunteers.slice(20, 22) as [string, string];
    const before = { came: (await points(came)).data, forgot: (await points(forgot)).data };
    for (const v of [came, forgot]) await env.api.must({ action: 'signUp', sessionId }, v);
    env.cloud.clock.advance(30 * MIN);
    const { code } = await env.api.must({ action: 'code', sessionId, step: 'in' }, STATION_C1);
    await env.api.must({ action: 'attend', sessionId, step: 'in', code }, came);
    env.cloud.clock.advance(90 * MIN);
    await env.api.must({ action: 'signOutAll', sessionId }, STATION_C1);
    await env.api.must({ action: 'confirmHours', sessionId }, STATION_C1);

    env.cloud.store.clearUnindexedScans();
    const mine = (await points(came)).data;
    expect(mine.balance).toBe(before.came.balance + 15);
    expect(mine.totalHours).toBe(before.came.totalHours + 1.5);
    expect(mine.items[0]).toMatchObject({
      source: 'activity',
      sourceId: activityId,
      orderId: '',
      itemName: input.title,
      reasonLabel: '志愿活动',
      statusLabel: '',
      hours: 1.5,
      points: 15,
    });
    expect(mine.rule).toContain('百姓点单和志愿活动同一规则');
    const record = await env.api.must({ action: 'myRecord' }, came);
    expect(record.summary).toMatchObject({ points: mine.balance, totalHours: mine.totalHours });
    expect(env.cloud.store.unindexedScans()).toEqual([]);

    // 补录 for the one who forgot to sign in: listed, 0 points, until another staff member approves.
    await env.api.must({ action: 'backEnter', sessionId, openid: forgot, hours: 1, reason: '忘记签到，组织者现场确认' }, STATION_C1);
    const waiting = (await points(forgot)).data;
    expect(waiting.balance).toBe(before.forgot.balance);
    expect(waiting.items[0]).toMatchObject({
      source: 'activity',
      reasonLabel: '志愿活动·补录',
      statusLabel: '待审核',
      points: 0,
      hours: 1,
    });
    const [pending] = (await env.api.must({ action: 'pendingHours' }, 'o-station-02')).items.filter(
      (p: { sessionId?: string; key: string }) => p.key.includes(sessionId),
    );
    await env.api.must({ action: 'decideHours', key: pending.key, approve: true }, 'o-station-02');
    const approved = (await points(forgot)).data;
    expect(approved.balance).toBe(before.forgot.balance + 10);
    expect(approved.items[0]).toMatchObject({ statusLabel: '', points: 10 });
    expect((await env.api.must({ action: 'myRecord' }, forgot)).summary.points).toBe(approved.balance);
  });
});
