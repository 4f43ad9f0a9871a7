import type { UserProfile } from '../../src/domain/identity/role';
import { withTestCloud } from '../support/local-cloud-harness';
import { orderClient, residentsOf, STATION_C1 } from './order-support';

const [, , , resident] = residentsOf('org-community-01') as UserProfile[] as [UserProfile, UserProfile, UserProfile, UserProfile];

describe('我的订单 tabs: 全部 holds everything; cancelled and rejected orders have a tab of their own', () => {
  const env = withTestCloud(orderClient);
  const ids = async (tab?: string) =>
    ((await env.api.call({ action: 'mine', ...(tab ? { tab } : {}) }, resident._id)).data.items as { orderId: string }[]).map(
      (o) => o.orderId,
    );

  it('sorts each order into exactly one tab, and 全部 (no tab) lists them all', async () => {
    const waiting = await env.api.place(resident._id);
    const cancelled = await env.api.place(resident._id);
    await env.api.must(cancelled, 'cancel', resident._id);
    const rejected = await env.api.place(resident._id);
    await env.api.must(rejected, 'reject', STATION_C1, { note: '不在服务范围' });

    expect(await ids('active')).toContain(waiting);
    expect(await ids('stopped')).toEqual(expect.arrayContaining([cancelled, rejected]));
    expect(await ids('done')).not.toEqual(expect.arrayContaining([cancelled]));
    expect(await ids('done')).not.toContain(rejected);
    expect(await ids()).toEqual(expect.arrayContaining([waiting, cancelled, rejected]));
    for (const tab of ['active', 'to_rate', 'done', 'stopped']) {
      const inTab = await ids(tab);
      const others = ['active', 'to_rate', 'done', 'stopped'].filter((t) => t !== tab);
      for (const other of others) for (const id of await ids(other)) expect(inTab).not.toContain(id);
    }
    // Each tab reads through the orders indexes (timers of other functions may scan their own collections).
    expect(env.cloud.store.unindexedScans().filter((s) => s.collection === 'orders')).toEqual([]);
  });

  it('the old 待受理 tab is gone (进行中 holds it)', async () => {
    const res = await env.api.call({ action: 'mine', tab: 'waiting' }, resident._id);
    expect(res).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });
});
