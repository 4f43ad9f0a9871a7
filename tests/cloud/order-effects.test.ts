import type { UserProfile } from '../../src/domain/identity/role';
import type { OrderEventDoc } from '../../src/domain/order/order.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { storedTimeline } from '../support/order-timeline';
import { orderClient, residentsOf, STATION_C1, teamById } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
const team = teamById.get('team-02');
const leader = team?.leaderOpenid as string;
const member = team?.memberOpenids.find((m) => m !== leader) as string;
const MIN = 60 * 1000;

/**
 * The order document carries its recent timeline and the effects of its steps (server/order):
 * a long history overflows to order_events without losing an event, and effects a lost instance
 * left are applied by the order timer exactly once.
 */
describe('order steps: embedded timeline and effects', () => {
  const env = withTestCloud(orderClient);
  const stored = (orderId: string) => env.cloud.store.findById('orders', orderId) as Record<string, unknown>;
  const sweep = async () => {
    env.cloud.clock.advance(2 * MIN);
    const res = (await env.cloud.runtime.invoke('order', { Type: 'Timer', TriggerName: 'deadlines' }, { source: 'timer' })) as {
      ok: boolean;
      data: { effectsSettled: number };
    };
    expect(res.ok).toBe(true);
    return res.data;
  };

  async function takenOrder(): Promise<string> {
    const start = Date.now() + env.cloud.clock.offset + 2 * 60 * MIN;
    const orderId = await env.api.place(resident._id, { preferredWindow: { start, end: start + 2 * 60 * MIN } });
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    await env.api.must(orderId, 'take', leader);
    return orderId;
  }

  it('a long history keeps at most 40 events in the order, the rest in order_events, and the detail shows them all once', async () => {
    const orderId = await takenOrder();
    for (let i = 0; i < 45; i++) await env.api.mustAct('assign', orderId, leader, { memberOpenids: [i % 2 ? member : leader] });
    const embedded = stored(orderId).timeline as OrderEventDoc[];
    expect(embedded.length).toBeLessThanOrEqual(40);
    expect(env.cloud.store.count('order_events', { orderId })).toBeGreaterThan(0);
    const all = storedTimeline(env.cloud.store, orderId);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
    const detail = await env.api.call({ action: 'detail', orderId }, leader);
    expect(detail.data.timeline.map((e: { seq: number }) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(detail.data.timeline[0]).toMatchObject({ event: 'create', label: '点单' });
  });

  it('effects a lost instance left (notice, hours, session, rating) are applied by the order timer once, then cleared', async () => {
    const orderId = await takenOrder();
    await env.api.mustAct('checkIn', orderId, leader);
    await env.api.mustAct('checkOut', orderId, leader);
    await env.api.mustAct('complete', orderId, leader, { summary: '已送达' });
    const teamBefore = env.cloud.store.findById('teams', 'team-02') as { ratingCount?: number; ratingSum?: number };
    await env.api.call({ action: 'rate', orderId, stars: 4 }, resident._id);
    const rows = () => ({
      notices: env.cloud.store.count('notifications', { orderId }),
      hours: env.cloud.store.count('hours_ledger', { sourceId: orderId }),
      sessions: env.cloud.store.find('service_sessions', { orderId }).filter((s) => s.confirmed === true).length,
    });
    const applied = rows();
    expect(applied).toEqual({ notices: 4, hours: 1, sessions: 1 });
    expect(stored(orderId)).toMatchObject({ effectsDue: true });
    const teamAfter = env.cloud.store.findById('teams', 'team-02') as { ratingCount: number; ratingSum: number; ratingKeys: string[] };
    expect(teamAfter).toMatchObject({ ratingCount: (teamBefore.ratingCount ?? 0) + 1, ratingSum: (teamBefore.ratingSum ?? 0) + 4 });

    // As if the instance had died right after the order's update: nothing of the effects landed.
    env.cloud.store.remove('notifications', { orderId }, { multi: true });
    env.cloud.store.remove('hours_ledger', { sourceId: orderId }, { multi: true });
    env.cloud.store.updateMany('service_sessions', { orderId }, { $set: { confirmed: false }, $unset: { orderVersion: '' } });
    env.cloud.store.updateMany(
      'teams',
      { _id: 'team-02' },
      {
        $set: {
          ratingCount: teamBefore.ratingCount ?? 0,
          ratingSum: teamBefore.ratingSum ?? 0,
          ratingKeys: teamAfter.ratingKeys.filter((k) => !k.startsWith(orderId)),
        },
      },
    );
    expect(rows()).toEqual({ notices: 0, hours: 0, sessions: 0 });

    expect((await sweep()).effectsSettled).toBeGreaterThanOrEqual(1);
    expect(rows()).toEqual(applied);
    expect(env.cloud.store.findById('teams', 'team-02')).toMatchObject({
      ratingCount: teamAfter.ratingCount,
      ratingSum: teamAfter.ratingSum,
    });
    expect(stored(orderId)).toMatchObject({ effectsDue: false, effects: [] });

    // Once more: nothing is applied twice.
    await sweep();
    expect(rows()).toEqual(applied);
    expect(env.cloud.store.findById('teams', 'team-02')).toMatchObject({
      ratingCount: teamAfter.ratingCount,
      ratingSum: teamAfter.ratingSum,
    });
  });
});
