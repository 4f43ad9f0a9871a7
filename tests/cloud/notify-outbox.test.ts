import type { UserProfile } from '../../src/domain/identity/role';
import { BACKOFF_MS, type NotificationDoc } from '../../src/domain/notify/notify.rules';
import { LOST_AFTER_CALL, OUTBOX_LEASE_MS } from '../../src/domain/shared/outbox';
import { withTestCloud } from '../support/local-cloud-harness';
import { orderClient, residentsOf, STATION_C1, teamById } from './order-support';

const [resident, neighbour, elder] = residentsOf('org-community-01') as [UserProfile, UserProfile, UserProfile];
const leader = teamById.get('team-02')?.leaderOpenid as string;
const HOUR = 60 * 60 * 1000;

describe('notifications: outbox rows in the transition, a worker that sends each exactly once', () => {
  const env = withTestCloud(orderClient);

  const rows = (orderId: string) =>
    (env.cloud.store.find('notifications', { orderId }) as unknown as NotificationDoc[]).sort((a, b) => a.version - b.version);
  const drain = () =>
    env.cloud.runtime.invoke('notify', { Type: 'Timer', TriggerName: 'drain' }, { source: 'timer' }) as Promise<{
      ok: boolean;
      data: { claimed: number; noGrant: number; reclaimed: number };
    }>;
  const sent = () => env.cloud.outbox.list('subscribeMessage.send');
  /** A worker that claimed the order's (only) row under a live lease and died: `fields` say how far it got. */
  const crashedClaim = (orderId: string, fields: { attempts?: number; calledAt: number | null }) =>
    env.cloud.store.updateMany(
      'notifications',
      { orderId },
      {
        $set: { state: 'sending', claimToken: 'dead-worker', leaseUntil: Date.now() + env.cloud.clock.offset + OUTBOX_LEASE_MS, ...fields },
      },
    );
  /** Places an order whose time window follows the (moved) local-cloud clock. */
  const place = (who: string) => {
    const start = Date.now() + env.cloud.clock.offset + 2 * HOUR;
    return env.api.place(who, { preferredWindow: { start, end: start + 2 * HOUR } });
  };

  it('a full lifecycle queues the expected messages to the right people, with the transition', async () => {
    env.cloud.store.clearUnindexedScans();
    const templates = (await env.cloud.call('notify', { action: 'templates' }, STATION_C1)).body.result;
    expect(templates.data.items.map((t: { templateId: string }) => t.templateId)).toEqual([
      'TEMPLATE_ORDER_STATUS',
      'TEMPLATE_ORDER_ASSIGNED',
      'TEMPLATE_ORDER_ALERT',
      'TEMPLATE_FOLLOW_UP',
      'TEMPLATE_ACTIVITY_REMINDER',
    ]);
    const sub = (await env.cloud.call('notify', { action: 'subscribeAlerts', on: true }, STATION_C1)).body.result;
    expect(sub).toMatchObject({ ok: true, data: { scopes: ['org-community-01'], on: true } });
    expect((await env.cloud.call('notify', { action: 'subscribeAlerts', on: true }, resident._id)).body.result).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });

    const orderId = await place(resident._id);
    expect(rows(orderId)).toEqual([]);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    await env.api.must(orderId, 'take', leader);
    await env.api.mustAct('checkIn', orderId, leader);
    await env.api.mustAct('checkOut', orderId, leader);
    await env.api.call({ action: 'complete', orderId, summary: '完成' }, leader);
    await env.api.call({ action: 'rate', orderId, stars: 5 }, resident._id);
    expect(rows(orderId).map((r) => [r.version, r.cause, r.recipient, r.templateKey, r.state])).toEqual([
      [2, 'accept', resident._id, 'ORDER_STATUS', 'planned'],
      [3, 'dispatch', leader, 'ORDER_ASSIGNED', 'planned'],
      [4, 'take', resident._id, 'ORDER_STATUS', 'planned'],
      [7, 'complete', resident._id, 'ORDER_STATUS', 'planned'],
    ]);
    expect(rows(orderId)[0]?._id).toBe(`${orderId}-v2-${resident._id}-ORDER_STATUS`);
    expect(rows(orderId)[2]?.data.thing3?.value).toMatch(/确认码/);

    // A decline alerts the subscribed station staff (not the unsubscribed one, not the leader who declined).
    const declined = await place(neighbour._id);
    await env.api.must(declined, 'accept', STATION_C1);
    await env.api.must(declined, 'dispatch', STATION_C1, { teamId: 'team-02' });
    await env.api.must(declined, 'decline', leader, { note: '本周人手不足' });
    expect(
      rows(declined)
        .filter((r) => r.cause === 'decline')
        .map((r) => [r.recipient, r.templateKey, r.data.thing4?.value]),
    ).toEqual([[STATION_C1, 'ORDER_ALERT', '本周人手不足']]);

    // Two workers at once: every row is sent exactly once.
    const before = sent().length;
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a.ok && b.ok).toBe(true);
    const all = [...rows(orderId), ...rows(declined)];
    expect(a.data.claimed + b.data.claimed).toBe(all.length);
    expect(
      all.every((r) => r.state === 'sent' && r.attempts === 1 && r.doneAt !== null && r.calledAt === null && r.claimToken === null),
    ).toBe(true);
    const delivered = sent().slice(before);
    expect(delivered).toHaveLength(all.length);
    const keys = delivered.map((e) => `${e.openid}|${e.templateId}|${JSON.stringify(e.data)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(delivered.find((e) => e.openid === leader)).toMatchObject({
      templateId: 'TEMPLATE_ORDER_ASSIGNED',
      page: `pages/order-detail/index?id=${orderId}`,
      params: expect.objectContaining({ miniprogram_state: 'formal' }),
    });
    // Run again: nothing more goes out.
    await drain();
    expect(sent().length - before).toBe(all.length);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('43101 (no grant) is final: marked and never retried', async () => {
    env.cloud.outbox.denySubscribe(elder._id);
    const orderId = await place(elder._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    const res = await drain();
    expect(res.data.noGrant).toBe(1);
    expect(rows(orderId)).toEqual([
      expect.objectContaining({ state: 'no_grant', attempts: 1, lastError: expect.stringMatching(/^43101/) }),
    ]);
    env.cloud.clock.advance(6 * HOUR);
    await drain();
    expect(rows(orderId)[0]).toMatchObject({ state: 'no_grant', attempts: 1 });
    expect(sent().filter((e) => e.openid === elder._id)).toEqual([]);
    env.cloud.outbox.allowSubscribe(elder._id);
  });

  it('over-long thing values are cut to 20 characters, so WeChat accepts the message', async () => {
    const orderId = await place(neighbour._id);
    const reason = '该需求属于物业维修范围，请直接联系小区物业服务中心处理，电话见公告栏';
    await env.api.must(orderId, 'reject', STATION_C1, { note: reason });
    const [row] = rows(orderId);
    const thing3 = row?.data.thing3?.value ?? '';
    expect(Array.from(thing3)).toHaveLength(20);
    expect(thing3.startsWith('未受理：该需求属于物业维修范围')).toBe(true);
    expect(thing3.endsWith('…')).toBe(true);
    await drain();
    expect(rows(orderId)[0]).toMatchObject({ state: 'sent' });
    const msg = sent().find((e) => e.openid === neighbour._id && (e.data as Record<string, { value: string }>).thing3?.value === thing3);
    expect(msg).toBeDefined();
  });

  it('a claim left by a crashed worker is retried after its lease, once', async () => {
    const orderId = await place(resident._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    const before = sent().length;
    // A worker that claimed the row (after one failed attempt) and died before sending.
    crashedClaim(orderId, { attempts: 1, calledAt: null });
    await drain();
    expect(rows(orderId)[0]).toMatchObject({ state: 'sending' });
    expect(sent().length).toBe(before);
    env.cloud.clock.advance(OUTBOX_LEASE_MS + 60_000);
    const res = await drain();
    // Lost before its call: due again at once with no attempt spent, and sent once.
    expect(res.data).toMatchObject({ reclaimed: 1, uncertain: 0 });
    await drain();
    expect(rows(orderId)[0]).toMatchObject({ state: 'sent', attempts: 2, calledAt: null, claimToken: null });
    expect(sent().length - before).toBe(1);
  });

  it('a claim lost after its call started counts as an attempt and is retried with backoff (the residual duplicate)', async () => {
    const orderId = await place(neighbour._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    const before = sent().length;
    // A worker that claimed the row, started its call and died before recording the answer.
    crashedClaim(orderId, { calledAt: Date.now() + env.cloud.clock.offset });
    env.cloud.clock.advance(OUTBOX_LEASE_MS + 1_000);
    const reclaimedAt = Date.now() + env.cloud.clock.offset;
    expect((await drain()).data).toMatchObject({ reclaimed: 1, uncertain: 1 });
    expect(rows(orderId)[0]).toMatchObject({ state: 'planned', attempts: 1, calledAt: null, lastError: LOST_AFTER_CALL });
    expect((rows(orderId)[0]?.nextAttemptAt ?? 0) - reclaimedAt).toBeGreaterThanOrEqual(BACKOFF_MS[0] as number);
    expect(sent().length).toBe(before);
    env.cloud.clock.advance((BACKOFF_MS[0] as number) + 1_000);
    await drain();
    expect(rows(orderId)[0]).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    expect(sent().length - before).toBe(1);
  });
});
