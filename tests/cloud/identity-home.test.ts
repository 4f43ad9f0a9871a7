import type { HomeView } from '../../src/domain/identity/home.views';
import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { buildingById, orderClient, residentsOf, STATION_C1, seed, teamById } from './order-support';

const users = seed.users as UserProfile[];
const [resident] = residentsOf('org-community-01') as [UserProfile];
const team02 = teamById.get('team-02');
const leader = team02?.leaderOpenid as string;
const [member] = (team02?.memberOpenids ?? []).filter((o) => o !== leader) as [string];
/** A building head with residents waiting for 绑定审核. */
const headedBuilding = [...buildingById.values()].find(
  (b: BuildingUnit) => b.buildingHeadOpenid && users.some((u) => u.buildingId === b._id && u.binding === 'pending'),
) as BuildingUnit;
const head = headedBuilding.buildingHeadOpenid as string;

describe('identity.home: each role opens 首页 with its own work in one call', () => {
  const env = withTestCloud((cloud) => ({
    ...orderClient(cloud),
    home: async (openid: string, role?: string): Promise<HomeView> => {
      const res = (await cloud.call('identity', { action: 'home', ...(role ? { role } : {}) }, openid)).body.result;
      if (!res.ok) throw new Error(`home failed: ${JSON.stringify(res)}`);
      return res.data as HomeView;
    },
  }));
  beforeEach(() => env.cloud.store.clearUnindexedScans());
  /** Unindexed reads of what a home reads (other functions' timers scan their own collections meanwhile). */
  const ownScans = () => env.cloud.store.unindexedScans().filter((s) => !/^(activit|problem|hours)/.test(s.collection));

  it('a resident sees the service menu, the building notices state and their open orders', async () => {
    const orderId = await env.api.place(resident._id);
    const view = await env.api.home(resident._id);
    expect(view.role).toBe('resident');
    expect(view.me.openid).toBe(resident._id);
    if (view.home.kind !== 'resident') throw new Error(`resident got ${view.home.kind}`);
    expect(view.home.categories.length).toBeGreaterThan(0);
    expect(Array.isArray(view.home.notices)).toBe(true);
    expect(view.home.openOrders.map((o) => o.orderId)).toContain(orderId);
    expect(ownScans()).toEqual([]);
  });

  it('someone new (no profile, no role) gets the resident home with notices to unlock by binding', async () => {
    const view = await env.api.home('o-home-newcomer');
    expect(view.role).toBeNull();
    expect(view.home).toMatchObject({ kind: 'resident', notices: 'unbound', openOrders: [] });
  });

  it('station staff see 待受理 / 超时 / 待派单 counts of their community and the queue', async () => {
    const before = await env.api.home(STATION_C1);
    if (before.home.kind !== 'staff') throw new Error(`station got ${before.home.kind}`);
    const waiting = await env.api.place(resident._id);
    const accepted = await env.api.place(resident._id);
    await env.api.must(accepted, 'accept', STATION_C1);
    const after = await env.api.home(STATION_C1);
    if (after.home.kind !== 'staff') throw new Error(`station got ${after.home.kind}`);
    expect(after.role).toBe('station_staff');
    expect(after.home.counts.submitted).toBe(before.home.counts.submitted + 1);
    expect(after.home.counts.accepted).toBe(before.home.counts.accepted + 1);
    expect(after.home.counts.overdue).toBeGreaterThanOrEqual(0);
    expect(after.home.queue.length).toBeGreaterThan(0);
    expect(after.home.queue.length).toBeLessThanOrEqual(5);
    // Another community's station does not see them.
    const other = await env.api.home('o-station-03');
    if (other.home.kind !== 'staff') throw new Error('station 03 has no staff home');
    expect(other.home.queue.map((o) => o.orderId)).not.toContain(waiting);
    expect(ownScans()).toEqual([]);
  });

  it('a leader sees orders dispatched to the team (待接单) and the 抢单 pool; a member sees today’s task once assigned', async () => {
    const dispatched = await env.api.place(resident._id);
    await env.api.must(dispatched, 'accept', STATION_C1);
    await env.api.must(dispatched, 'dispatch', STATION_C1, { teamId: 'team-02' });
    const pooled = await env.api.place(resident._id);
    await env.api.must(pooled, 'accept', STATION_C1);
    await env.api.must(pooled, 'publish', STATION_C1);

    const view = await env.api.home(leader, 'team_leader');
    if (view.home.kind !== 'leader') throw new Error(`leader got ${view.home.kind}`);
    expect(view.role).toBe('team_leader');
    expect(view.home.inbox.map((o) => o.orderId)).toContain(dispatched);
    expect(view.home.pool.map((o) => o.orderId)).toContain(pooled);
    expect(view.home.counts.inbox).toBeGreaterThanOrEqual(1);
    expect(view.home.teams).toContain(team02?.name);

    // Today (the window starts two hours from now): taken and assigned, it is the member's task of the day.
    await env.api.must(dispatched, 'take', leader);
    await env.api.mustAct('assign', dispatched, leader, { memberOpenids: [member] });
    const mine = await env.api.home(member, 'volunteer');
    if (mine.home.kind !== 'volunteer') throw new Error(`member got ${mine.home.kind}`);
    expect(mine.home.tasks.map((o) => o.orderId)).toContain(dispatched);
    expect(mine.home.counts.active).toBeGreaterThanOrEqual(1);
    expect(ownScans()).toEqual([]);
  });

  it('a building head sees 转发任务, the residents waiting for 绑定审核 and the 未读住户 count', async () => {
    const view = await env.api.home(head, 'building_head');
    if (view.home.kind !== 'building_head') throw new Error(`head got ${view.home.kind}`);
    const pending = users.filter((u) => u.binding === 'pending' && u.buildingId === headedBuilding._id);
    expect(view.home.counts.bindings).toBeGreaterThanOrEqual(pending.length);
    expect(view.home.bindings.map((b) => b.openid)).toEqual(expect.arrayContaining(pending.slice(0, 5).map((u) => u._id)));
    expect(view.home.buildings).toContain(headedBuilding.name);
    expect(view.home.tasks.length).toBeLessThanOrEqual(Math.min(3, view.home.counts.tasks));
    for (const t of view.home.tasks) expect(t.unreadHouseholds).toBeGreaterThanOrEqual(0);
    expect(ownScans()).toEqual([]);
  });

  it('a role the caller does not hold falls back to their first role; a bad role is refused', async () => {
    const view = await env.api.home(resident._id, 'station_staff');
    expect(view.role).toBe('resident');
    const bad = (await env.cloud.call('identity', { action: 'home', role: 'king' }, resident._id)).body.result;
    expect(bad).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });
});
