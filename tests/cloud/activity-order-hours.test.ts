import type { HoursEntry } from '../../src/domain/hours/hours.rules';
import type { UserProfile } from '../../src/domain/identity/role';
import { withTestCloud } from '../support/local-cloud-harness';
import { orderClient, orderInput, residentsOf, STATION_C1, teamById } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
const team02 = teamById.get('team-02');
const leader = team02?.leaderOpenid as string;
const [memberA, memberB] = (team02?.memberOpenids ?? []).filter((o) => o !== leader) as [string, string];
const HOUR = 3600_000;

describe('one hours ledger: an order service session lands in it at completion, beside activity hours', () => {
  const env = withTestCloud(orderClient);
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const activity = async (data: object, openid: string): Promise<any> => (await env.cloud.call('activity', data, openid)).body.result;

  it("the leader's hour on an order shows in 我的服务记录 under 百姓点单, once, with its points", async () => {
    env.cloud.store.clearUnindexedScans();
    const orderId = await env.api.place(resident._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    await env.api.must(orderId, 'take', leader);
    await env.api.mustAct('checkIn', orderId, leader);
    env.cloud.clock.advance(HOUR);
    await env.api.mustAct('checkOut', orderId, leader);
    await env.api.mustAct('complete', orderId, leader, { summary: '已送达' });

    const rows = env.cloud.store.find('hours_ledger', { openid: leader }) as unknown as HoursEntry[];
    expect(rows).toEqual([expect.objectContaining({ source: 'order', sourceId: orderId, hours: 1, kind: 'live', status: 'confirmed' })]);
    const record = await activity({ action: 'myRecord' }, leader);
    expect(record.data.summary).toMatchObject({ totalHours: 1, bySource: { order: 1, activity: 0 }, points: 10 });
    expect(record.data.entries[0]).toMatchObject({ sourceLabel: '百姓点单', sourceId: orderId, hours: 1 });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('a volunteer assigned to an order cannot sign up for a session during its 期望时间; a teammate who is not assigned can', async () => {
    env.cloud.store.clearUnindexedScans();
    const input = orderInput();
    const orderId = await env.api.place(resident._id, input);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    await env.api.must(orderId, 'take', leader);
    await env.api.mustAct('assign', orderId, leader, { memberOpenids: [memberA] });
    const start = input.preferredWindow.start + 30 * 60_000;
    const created = await activity(
      {
        action: 'create',
        requestId: `order-clash-${Date.now()}`,
        title: '文明劝导·路口值守',
        category: '文明劝导',
        description: '早高峰路口劝导',
        address: '天府大道路口',
        contactName: '王老师',
        contactPhone: '13800001111',
        sessions: [{ startAt: start, endAt: start + HOUR, quota: 5 }],
      },
      STATION_C1,
    );
    const sessionId = `${created.data.activityId}-s0`;
    expect(await activity({ action: 'signUp', sessionId }, memberA)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
      message: expect.stringContaining('订单期望时间重叠'),
    });
    expect((await activity({ action: 'signUp', sessionId }, memberB)).ok).toBe(true);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });
});
