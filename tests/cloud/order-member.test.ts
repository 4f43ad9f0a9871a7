import type { UserProfile } from '../../src/domain/identity/role';
import { withTestCloud } from '../support/local-cloud-harness';
import { orderClient, residentsOf, STATION_C1, teamById } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
const team02 = teamById.get('team-02');
const leader = team02?.leaderOpenid as string;
const member = team02?.memberOpenids.find((o) => o !== leader) as string;
const outsider = teamById.get('team-01')?.memberOpenids.find((o) => o !== leader && !team02?.memberOpenids.includes(o)) as string;

describe('服务任务: a volunteer sees the orders their team is serving', () => {
  const env = withTestCloud(orderClient);

  it('lists taken and in-service orders of my teams only, through indexes', async () => {
    const orderId = await env.api.place(resident._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    // Dispatched but not yet taken: not the volunteers' work yet.
    expect((await env.api.call({ action: 'memberOrders' }, member)).data.items).toEqual([]);
    await env.api.must(orderId, 'take', leader);

    env.cloud.store.clearUnindexedScans();
    const mine = await env.api.call({ action: 'memberOrders' }, member);
    expect(mine.ok).toBe(true);
    expect(mine.data.items.map((o: { orderId: string; stateLabel: string }) => [o.orderId, o.stateLabel])).toEqual([[orderId, '已接单']]);
    expect(env.cloud.store.unindexedScans()).toEqual([]);

    expect((await env.api.call({ action: 'memberOrders' }, outsider)).data.items).toEqual([]);
    expect(await env.api.call({ action: 'memberOrders' }, resident._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await env.api.call({ action: 'memberOrders', teamId: 'team-01' }, member)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });
});
