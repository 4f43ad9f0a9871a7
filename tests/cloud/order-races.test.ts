import type { UserProfile } from '../../src/domain/identity/role';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';
import { storedTimeline } from '../support/order-timeline';
import { orderClient, orderInput, residentsOf, STATION_C1, teamById } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
/** Both teams can serve the meal item in community 01 (see order-support). */
const leaders = ['team-02', 'team-04'].map((t) => teamById.get(t)?.leaderOpenid as string);

describe('races the order lifecycle must win', () => {
  let cloud: TestCloud;
  let api: ReturnType<typeof orderClient>;
  beforeAll(async () => {
    cloud = await startTestCloud({ maxInstancesPerFunction: 4 });
    api = orderClient(cloud);
  });
  afterAll(() => cloud?.dispose());

  it('50 concurrent grabs of one pooled order: exactly one winner, 49 clear "already taken" answers', async () => {
    const orderId = await api.place(resident._id);
    await api.must(orderId, 'accept', STATION_C1);
    await api.must(orderId, 'publish', STATION_C1);
    const grabs = await Promise.all(Array.from({ length: 50 }, (_, i) => api.fire(orderId, 'grab', leaders[i % 2] as string)));
    const winners = grabs.filter((g) => g.ok);
    expect(winners).toHaveLength(1);
    const losers = grabs.filter((g) => !g.ok);
    expect(losers).toHaveLength(49);
    for (const l of losers) {
      expect(['STATE.CONFLICT', 'STATE.INVALID_TRANSITION']).toContain(l.code);
      expect(l.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const order = cloud.store.findById('orders', orderId) as { state: string; teamId: string };
    expect(order).toMatchObject({ state: 'taken', teamId: winners[0].data.teamId });
    expect(storedTimeline(cloud.store, orderId).filter((e) => e.event === 'grab')).toHaveLength(1);
  }, 30_000); // ~5 s on a busy 2-core machine before and after the snapshot-isolation change

  it('16 residents rating orders of one team at once: every rating lands and the team average counts them all', async () => {
    const leader = leaders[0] as string;
    const completed = async () => {
      const orderId = await api.place(resident._id);
      await api.must(orderId, 'accept', STATION_C1);
      await api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
      await api.must(orderId, 'take', leader);
      for (const step of [{ action: 'checkIn' }, { action: 'checkOut' }, { action: 'complete', summary: '已送达' }]) {
        const res = await api.call({ ...step, orderId }, leader);
        if (!res.ok) throw new Error(`${step.action} failed: ${JSON.stringify(res)}`);
      }
      return orderId;
    };
    const orders: string[] = [];
    for (let i = 0; i < 16; i++) orders.push(await completed());
    const before = cloud.store.findById('teams', 'team-02') as { ratingCount?: number; ratingSum?: number };

    const answers = await Promise.all(orders.map((orderId, i) => api.call({ action: 'rate', orderId, stars: 1 + (i % 5) }, resident._id)));

    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const starsSum = orders.reduce((sum, _o, i) => sum + 1 + (i % 5), 0);
    expect(cloud.store.findById('teams', 'team-02')).toMatchObject({
      ratingCount: (before.ratingCount ?? 0) + 16,
      ratingSum: (before.ratingSum ?? 0) + starsSum,
    });
    for (const orderId of orders) expect(cloud.store.findById('orders', orderId)).toMatchObject({ state: 'closed' });
  }, 30_000); // 112 sequential calls to set up, then the race: over 5 s on a busy 2-core machine

  it('20 concurrent identical creates with one request id make one order', async () => {
    const input = orderInput();
    const before = cloud.store.count('orders', { requesterOpenid: resident._id });
    const answers = await Promise.all(Array.from({ length: 20 }, () => api.call({ action: 'create', ...input }, resident._id)));
    expect(answers.every((a) => a.ok)).toBe(true);
    const ids = new Set(answers.map((a) => a.data.orderId));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => !a.data.duplicate)).toHaveLength(1);
    expect(cloud.store.count('orders', { requesterOpenid: resident._id })).toBe(before + 1);
  });

  it('a retry after the order was made answers that order, even once the item has been withdrawn', async () => {
    const input = orderInput();
    const first = await api.call({ action: 'create', ...input }, resident._id);
    expect(first).toMatchObject({ ok: true, data: { duplicate: false } });
    cloud.store.updateMany('catalog_items', { _id: input.itemId }, { $set: { active: false } });
    try {
      const retry = await api.call({ action: 'create', ...input }, resident._id);
      expect(retry).toMatchObject({ ok: true, data: { orderId: first.data.orderId, duplicate: true } });
      const fresh = await api.call({ action: 'create', ...orderInput() }, resident._id);
      expect(fresh).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });
    } finally {
      cloud.store.updateMany('catalog_items', { _id: input.itemId }, { $set: { active: true } });
    }
  });
});
