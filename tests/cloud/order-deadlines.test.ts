import type { UserProfile } from '../../src/domain/identity/role';
import type { OrderDoc, OrderEventDoc } from '../../src/domain/order/order.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { storedTimeline } from '../support/order-timeline';
import { INSTITUTE, orderClient, residentsOf, STATION_C1, teamById } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
const leader02 = teamById.get('team-02')?.leaderOpenid as string;
const HOUR = 60 * 60 * 1000;

describe('order deadlines: the timer falls back, escalates and flags overdue work', () => {
  const env = withTestCloud(orderClient);

  const stored = (orderId: string) => env.cloud.store.findById('orders', orderId) as unknown as OrderDoc;

  it('a dispatched order not taken in time goes back to 待派单 at the institute; a waiting one is flagged', async () => {
    const dispatched = await env.api.place(resident._id); // 助餐送餐: 24 h to respond
    await env.api.must(dispatched, 'accept', STATION_C1);
    await env.api.must(dispatched, 'dispatch', STATION_C1, { teamId: 'team-02' });
    const waiting = await env.api.place(resident._id);
    const fresh = await env.api.place(resident._id);

    env.cloud.clock.advance(23 * HOUR);
    await env.cloud.timers.tick();
    expect(stored(dispatched)).toMatchObject({ state: 'dispatched', overdue: false });

    // Accepting does not restart the clock; dispatching does: `fresh` gets a new 24 h from now.
    await env.api.must(fresh, 'accept', STATION_C1);
    await env.api.must(fresh, 'dispatch', STATION_C1, { teamId: 'team-02' });
    env.cloud.clock.advance(2 * HOUR);
    env.cloud.store.clearUnindexedScans();
    const runs = await env.cloud.timers.tick();
    // The notify function's outbox timer fires too; the order timer ran once and cleanly.
    expect(runs.filter((r) => r.functionName === 'order')).toEqual([
      expect.objectContaining({ functionName: 'order', triggerName: 'deadlines', ok: true }),
    ]);
    expect(env.cloud.store.unindexedScans()).toEqual([]);

    expect(stored(dispatched)).toMatchObject({ state: 'accepted', teamId: null, level: 'institute', overdue: true, version: 4 });
    const events: OrderEventDoc[] = storedTimeline(env.cloud.store, dispatched);
    expect(events.find((e) => e.seq === 4)).toMatchObject({ event: 'expire', byParty: 'system', actorLabel: '系统', from: 'dispatched' });
    expect(stored(waiting)).toMatchObject({ state: 'submitted', overdue: true, version: 1 });
    expect(stored(fresh)).toMatchObject({ state: 'dispatched', overdue: false });

    // The leader can no longer take it; the institute sees it first, the station sees its overdue work first.
    expect(await env.api.fire(dispatched, 'take', leader02)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    const institute = await env.api.call({ action: 'queue' }, INSTITUTE);
    expect(institute.data.items[0]).toMatchObject({ orderId: dispatched, overdue: true, level: 'institute' });
    const station = await env.api.call({ action: 'queue' }, STATION_C1);
    expect(station.data.items[0]).toMatchObject({ orderId: waiting, overdue: true });
    const overdueOnly = await env.api.call({ action: 'queue', overdueOnly: true }, STATION_C1);
    expect(overdueOnly.data.items.map((o: { orderId: string }) => o.orderId)).toEqual([waiting]);

    // Acting again starts a fresh deadline and clears the flag.
    await env.api.must(dispatched, 'dispatch', INSTITUTE, { teamId: 'team-02' });
    expect(stored(dispatched)).toMatchObject({ overdue: false, teamId: 'team-02' });
  }, 30_000); // 5.7 s on a busy 2-core machine, before this branch too

  it('a caller cannot pass for the timer', async () => {
    expect(await env.api.call({ Type: 'Timer', TriggerName: 'deadlines' }, resident._id)).toMatchObject({
      ok: false,
      code: 'INPUT.UNKNOWN_ACTION',
    });
  });
});
