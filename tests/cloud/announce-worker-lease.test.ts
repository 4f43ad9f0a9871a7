import { LEASE_MS, LOST_AFTER_CALL, robotMinute } from '../../src/domain/announce/announce.rules';
import { withTestCloud } from '../support/local-cloud-harness';
import { announceClient, robotBuilding, STATION_C1 } from './announce-support';

/**
 * The claim → call → record protocol: a lapsed claim is reconciled by whether its worker had
 * started the call. Before the call: due again, no attempt spent, sent once. After it: the
 * outcome is unknown and the row is sent again — the documented at-least-once window (the local
 * WeCom receiver, like the real one, keeps both messages).
 */
describe('announcement worker: lapsed claims before and after the call', () => {
  const env = withTestCloud(announceClient);

  const nowMs = () => env.api.now();
  const { building, key } = robotBuilding();
  type Row = { _id: string; state: string; attempts: number; calledAt: number | null; lastError: string | null; nextAttemptAt: number };
  const robotRow = (id: string) => env.api.rows(id, 'robot')[0] as unknown as Row;
  /** A worker that claimed the robot row (and maybe started its call), then died. */
  const crashedClaim = (id: string, calledAt: number | null) =>
    env.cloud.store.updateMany(
      'announcement_deliveries',
      { announcementId: id, channel: 'robot' },
      { $set: { state: 'sending', claimToken: 'dead-worker', leaseUntil: nowMs() + LEASE_MS, calledAt } },
    );
  const publishOne = async (title: string) => {
    const { id } = await env.api.must(
      { action: 'create', title, body: '请大家注意安全。', category: '温馨提示', targets: [building] },
      STATION_C1,
    );
    await env.api.must({ action: 'publish', id }, STATION_C1);
    return id;
  };
  const sentTitled = (title: string) => env.cloud.robot.list(key).filter((m) => m.content.includes(`】${title}**`));

  it('the call mark is written before the message leaves and cleared with the outcome', async () => {
    env.api.alignToMinuteStart();
    const id = await publishOne('正常发送');
    // What the outbox row looked like at the moment the group received the message.
    const seen: Row[] = [];
    const receive = env.cloud.robot.receive.bind(env.cloud.robot);
    env.cloud.robot.receive = (k, body) => {
      seen.push(robotRow(id));
      return receive(k, body);
    };
    try {
      await env.api.drain();
    } finally {
      env.cloud.robot.receive = receive;
    }
    expect(seen).toEqual([expect.objectContaining({ state: 'sending', calledAt: expect.any(Number) })]);
    expect(robotRow(id)).toMatchObject({ state: 'sent', attempts: 1, calledAt: null, lastError: null });
    expect(sentTitled('正常发送')).toHaveLength(1);
  });

  it('lost before the call: after the lease it is due again with no attempt spent, and sent exactly once', async () => {
    env.api.alignToMinuteStart();
    const id = await publishOne('调用前中断');
    crashedClaim(id, null);
    expect((await env.api.drain()).data).toMatchObject({ reclaimed: 0, sent: 0 });
    env.cloud.clock.advance(LEASE_MS + 1_000);
    env.api.alignToMinuteStart();
    const run = await env.api.drain();
    expect(run.data).toMatchObject({ reclaimed: 1, uncertain: 0, sent: 1 });
    expect(robotRow(id)).toMatchObject({ state: 'sent', attempts: 1, calledAt: null, lastError: null });
    expect(sentTitled('调用前中断')).toHaveLength(1);
  });

  it('lost after the call started: the outcome is unknown, it counts as an attempt and is sent again (the residual duplicate)', async () => {
    env.api.alignToMinuteStart();
    const id = await publishOne('调用后中断');
    const calledAt = nowMs();
    crashedClaim(id, calledAt);
    // The dead worker's message did reach the group before it died.
    const lost = { msgtype: 'markdown', markdown: { content: '**【温馨提示】调用后中断**\n\n请大家注意安全。' } };
    expect(env.cloud.robot.receive(key, lost)).toMatchObject({ errcode: 0 });

    env.cloud.clock.advance(LEASE_MS + 1_000);
    const reclaimedAt = nowMs();
    const run = await env.api.drain();
    expect(run.data).toMatchObject({ reclaimed: 1, uncertain: 1 });
    // Retried with the first backoff (30 s), not at once.
    expect(robotRow(id)).toMatchObject({ state: 'planned', attempts: 1, calledAt: null, lastError: LOST_AFTER_CALL });
    expect(robotRow(id).nextAttemptAt - reclaimedAt).toBeGreaterThanOrEqual(30_000);
    expect(sentTitled('调用后中断')).toHaveLength(1);

    env.cloud.clock.advance(31_000);
    if (robotMinute(nowMs()).guarded) env.cloud.clock.advance(5_000);
    await env.api.drain();
    expect(robotRow(id)).toMatchObject({ state: 'sent', attempts: 2, calledAt: null, lastError: null });
    // At least once: the group got it twice. This is the one window neither WeCom nor WeChat lets us close.
    expect(sentTitled('调用后中断')).toHaveLength(2);
    expect(env.cloud.robot.rejections).toEqual([]);
  });

  it('a row lost after its call on its last attempt is given up, not sent a seventh time', async () => {
    env.api.alignToMinuteStart();
    const id = await publishOne('最后一次');
    env.cloud.store.updateMany('announcement_deliveries', { announcementId: id, channel: 'robot' }, { $set: { attempts: 5 } });
    crashedClaim(id, nowMs());
    env.cloud.clock.advance(LEASE_MS + 1_000);
    expect((await env.api.drain()).data).toMatchObject({ reclaimed: 1, uncertain: 1, failed: 0 });
    expect(robotRow(id)).toMatchObject({ state: 'failed', attempts: 6, lastError: expect.stringContaining(LOST_AFTER_CALL) });
    env.cloud.clock.advance(60 * 60_000);
    await env.api.drain();
    expect(sentTitled('最后一次')).toHaveLength(0);
  });
});
