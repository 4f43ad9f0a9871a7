import { LEASE_MS } from '../../src/domain/announce/announce.rules';
import { withTestCloud } from '../support/local-cloud-harness';
import { announceClient, robotBuilding, STATION_C1 } from './announce-support';

const MINUTE = 60_000;

describe('announcement delivery worker: leases, retries with backoff, 20 messages per minute per robot', () => {
  const env = withTestCloud(announceClient);

  const nowMs = () => env.api.now();
  const { building, key } = robotBuilding();

  it('a worker that claimed rows and died: its rows wait for the lease, then are sent exactly once', async () => {
    env.api.alignToMinuteStart();
    const { id } = await env.api.publishNew(STATION_C1, { targets: [building] });
    const planned = env.api.rows(id);
    expect(planned.filter((r) => r.channel === 'robot')).toHaveLength(1);
    // The crashed worker: claimed everything (planned → sending with a live lease), sent nothing.
    env.cloud.store.updateMany(
      'announcement_deliveries',
      { announcementId: id },
      { $set: { state: 'sending', claimToken: 'dead-worker', leaseUntil: nowMs() + LEASE_MS } },
    );
    const early = await env.api.drain();
    expect(early.data).toMatchObject({ reclaimed: 0, sent: 0, delivered: 0 });
    expect(env.cloud.robot.list(key)).toHaveLength(0);

    env.cloud.clock.advance(LEASE_MS + 1_000);
    env.api.alignToMinuteStart();
    const [a, b] = await Promise.all([env.api.drain(), env.api.drain()]);
    expect((a.data.reclaimed ?? 0) + (b.data.reclaimed ?? 0)).toBe(planned.length);
    await env.api.drain();
    expect(
      env.api
        .rows(id)
        .map((r) => r.state)
        .sort(),
    ).toEqual(planned.map((r) => ({ feed: 'delivered', robot: 'sent', share_task: 'ready', subscribe: 'sent' })[r.channel]).sort());
    expect(env.cloud.robot.list(key)).toHaveLength(1);
  });

  it('a robot failing 3 times is retried with exponential backoff and finally sent once', async () => {
    env.cloud.robot.clear();
    env.api.alignToMinuteStart();
    env.cloud.robot.fail(key, 3);
    const { id } = await env.api.publishNew(STATION_C1, { targets: [building] });
    const robotRow = () =>
      env.api.rows(id, 'robot')[0] as { state: string; attempts: number; nextAttemptAt: number; lastError: string | null };
    await env.api.drain();
    expect(robotRow()).toMatchObject({ state: 'planned', attempts: 1, lastError: expect.stringContaining('system busy') });
    const waits: number[] = [];
    for (let attempt = 2; attempt <= 4; attempt++) {
      const wait = robotRow().nextAttemptAt - nowMs();
      waits.push(Math.round(wait / 1000));
      // Not before its time.
      await env.api.drain();
      expect(robotRow().attempts).toBe(attempt - 1);
      env.cloud.clock.advance(wait + 1);
      if (nowMs() % MINUTE > MINUTE - 4_000) env.cloud.clock.advance(5_000);
      await env.api.drain();
      expect(robotRow().attempts).toBe(attempt);
    }
    expect(waits[0]).toBeGreaterThanOrEqual(29);
    expect(waits[1]).toBeGreaterThanOrEqual(59);
    expect(waits[2]).toBeGreaterThanOrEqual(119);
    expect(robotRow()).toMatchObject({ state: 'sent', attempts: 4 });
    expect(env.cloud.robot.list(key)).toHaveLength(1);
    expect(env.cloud.robot.rejections).toEqual([]);
  });

  it('25 announcements to one robot: 20 in the first minute, the rest in the next, never 45009', async () => {
    env.cloud.robot.clear();
    env.cloud.store.clearUnindexedScans();
    env.api.alignToMinuteStart();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const { id } = await env.api.must(
        { action: 'create', title: `通知${i + 1}`, body: '请大家注意安全。', category: '温馨提示', targets: [building] },
        STATION_C1,
      );
      await env.api.must({ action: 'publish', id }, STATION_C1);
      ids.push(id);
    }
    env.api.alignToMinuteStart();
    const runs = await Promise.all([env.api.drain(), env.api.drain(), env.api.drain()]);
    expect(runs.every((r) => r.ok)).toBe(true);
    expect(env.cloud.robot.list(key)).toHaveLength(20);
    env.cloud.clock.advance(MINUTE);
    await env.api.drain();
    expect(env.cloud.robot.list(key)).toHaveLength(25);
    expect(env.cloud.robot.rejections).toEqual([]);
    const contents = env.cloud.robot.list(key).map((m) => m.content);
    for (let i = 0; i < 25; i++) expect(contents.filter((c) => c.includes(`】通知${i + 1}**`))).toHaveLength(1);
    for (const id of ids) expect(env.api.rows(id, 'robot')[0]).toMatchObject({ state: 'sent', attempts: 1 });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });
});
