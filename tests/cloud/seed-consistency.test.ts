import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import { LIVING_ANNOUNCEMENTS, LIVING_ORDERS, type LivingSeedResult } from '../../local-cloud/seed/living-seed';
import type { UserProfile } from '../../src/domain/identity/role';
import { ORDER_STATES } from '../../src/domain/order/order.states';
import type { OrderDoc, OrderEventDoc } from '../../src/domain/order/order.types';
import type { Team } from '../../src/domain/org/org.types';
import { startTestCloud, type TestCloud, withTestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
const teams = seed.teams as unknown as Team[];
const users = seed.users as unknown as UserProfile[];
const teamsOf = (openid: string) => teams.filter((t) => t.memberOpenids.includes(openid));

/** The seed holds what the app itself would have created: every team member registered and was approved. */
describe('the demo seed is consistent with the app', () => {
  const env = withTestCloud();
  const team = async (data: object, openid: string) => (await env.cloud.call('team', data, openid)).body.result;

  it('a seed volunteer who leaves their only team can join another one', async () => {
    const loner = users.find((u) => u._id.startsWith('o-volunteer-') && teamsOf(u._id).length === 1) as UserProfile;
    const [own] = teamsOf(loner._id) as [Team];
    const other = teams.find((t) => t._id !== own._id) as Team;
    expect(await team({ action: 'leaveTeam', teamId: own._id }, loner._id)).toMatchObject({ ok: true });
    const asked = await team({ action: 'requestJoin', teamId: other._id, note: '换个队伍' }, loner._id);
    expect(asked).toMatchObject({ ok: true, data: { teamId: other._id, status: 'open' } });
    const decided = await team({ action: 'decideJoin', requestId: asked.data.requestId, approve: true }, other.leaderOpenid);
    expect(decided).toMatchObject({ ok: true, data: { status: 'approved' } });
  });

  it('every seeded team member has an approved registration with their masked name and sealed PII', async () => {
    const members = new Set(teams.flatMap((t) => t.memberOpenids));
    for (const openid of members) {
      const stored = env.cloud.store.findById('volunteer_profiles', openid) as Record<string, unknown> | null;
      const user = users.find((u) => u._id === openid) as UserProfile;
      expect(stored).toMatchObject({ status: 'approved', realNameMasked: user.displayName, phoneMasked: user.phoneMasked });
      expect(String(stored?.realNameSealed)).not.toBe('');
      expect(String(stored?.phoneSealed)).not.toContain(String(user.phoneMasked).slice(-4));
    }
    const mine = await team({ action: 'myVolunteer' }, 'o-leader-01');
    expect(mine).toMatchObject({ ok: true, data: { status: 'approved' } });
  });
});

/**
 * The living demo (`npm start`, `npm run cloud:reset`): four weeks of work played through the
 * functions. What it left must be what the app keeps true, and every staff screen has something.
 */
describe('the living demo keeps the invariants the real flow keeps', () => {
  let cloud: TestCloud;
  let played: LivingSeedResult;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const call = async (fn: string, data: object, openid: string): Promise<any> => (await cloud.call(fn, data, openid)).body.result;
  const orders = () => cloud.store.find('orders', {}, { limit: 1000 }) as unknown as (OrderDoc & { timeline?: OrderEventDoc[] })[];

  beforeAll(async () => {
    cloud = await startTestCloud({ livingDemo: true });
    played = cloud.livingDemo as LivingSeedResult;
  }, 600_000);
  afterAll(() => cloud?.dispose());

  it('ends at real time, with every scripted order where the app took it, and every state shown at least once', async () => {
    expect(Math.abs(cloud.clock.offset)).toBe(0);
    const all = orders();
    expect(all).toHaveLength(LIVING_ORDERS.length);
    for (const plan of LIVING_ORDERS) {
      const order = all.find((o) => o._id === played.orders[plan.key]);
      expect({ key: plan.key, state: order?.state }).toEqual({ key: plan.key, state: plan.expect });
      if (plan.expectOverdue) expect(order?.overdue).toBe(true);
      if (plan.expectLevel) expect(order?.level).toBe(plan.expectLevel);
    }
    const perState = new Map(ORDER_STATES.map((s) => [s, all.filter((o) => o.state === s).length]));
    for (const [state, count] of perState) expect({ state, count: count >= 1 }).toEqual({ state, count: true });
    // 超时: the timer both flagged overdue work (催办) and sent an untaken order back (超时退回).
    expect(all.some((o) => o.overdue)).toBe(true);
    expect(all.flatMap((o) => o.timeline ?? []).some((e) => e.event === 'expire')).toBe(true);
    expect(all.flatMap((o) => o.timeline ?? []).some((e) => e.event === 'auto_close')).toBe(true);
    // Spread over the weeks: the oldest placed more than 3 weeks ago, the newest within hours.
    const created = all.map((o) => o.createdAt).sort((a, b) => a - b);
    const now = Date.now();
    expect(now - (created[0] as number)).toBeGreaterThan(21 * 24 * 3600_000);
    expect(now - (created[created.length - 1] as number)).toBeLessThan(3 * 3600_000);
  });

  it('every order’s timeline runs 1…version without gaps, each event leaving from where the last one arrived, ending in its state', () => {
    const archived = cloud.store.find('order_events', {}, { limit: 100000 }) as unknown as OrderEventDoc[];
    for (const order of orders()) {
      const events = [...(order.timeline ?? []), ...archived.filter((e) => e.orderId === order._id)].sort((a, b) => a.seq - b.seq);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: order.version }, (_, i) => i + 1));
      expect(events[0]?.event).toBe('create');
      events.slice(1).forEach((e, i) => {
        expect({ order: order._id, seq: e.seq, from: e.from }).toEqual({ order: order._id, seq: e.seq, from: events[i]?.to });
        expect(e.at).toBeGreaterThanOrEqual(events[i]?.at as number);
      });
      expect({ order: order._id, last: events[events.length - 1]?.to }).toEqual({ order: order._id, last: order.state });
      expect(order.updatedAt).toBeLessThanOrEqual(Date.now());
    }
  });

  it('served orders carry their hours in the ledger, ratings are the residents’ and each team counts the ones it got', () => {
    const ledger = cloud.store.find('hours_ledger', { source: 'order' }, { limit: 100000 }) as unknown as {
      sourceId: string;
      hours: number;
      status: string;
    }[];
    const served = orders().filter((o) => o.state === 'completed' || o.state === 'closed');
    expect(served.length).toBeGreaterThanOrEqual(14);
    for (const order of served) {
      const rows = ledger.filter((r) => r.sourceId === order._id);
      expect({ order: order._id, rows: rows.length > 0 }).toEqual({ order: order._id, rows: true });
      const sum = rows.reduce((n, r) => n + r.hours, 0);
      expect(sum).toBeCloseTo(order.serviceHours as number, 5);
      expect(rows.every((r) => r.status === 'confirmed')).toBe(true);
    }
    // No order that never got served has hours.
    const servedIds = new Set(served.map((o) => o._id));
    expect(ledger.filter((r) => !servedIds.has(r.sourceId))).toEqual([]);
    const rated = orders().filter((o) => o.rating);
    expect(rated).toHaveLength(LIVING_ORDERS.filter((p) => p.steps.some((s) => s.do === 'rate')).length);
    expect(rated.every((o) => o.state === 'closed')).toBe(true);
    const teams = cloud.store.find('teams', {}) as unknown as { _id: string; ratingCount?: number }[];
    for (const team of teams) {
      const count = rated.filter((o) => o.teamId === team._id).length;
      expect({ team: team._id, ratings: team.ratingCount ?? 0 }).toEqual({ team: team._id, ratings: count });
    }
  });

  it('announcements: delivered to the targeted buildings, reads never above deliveries, some buildings high and some low, unread households', async () => {
    const published = cloud.store.find('announcements', { state: 'published' }) as unknown as { _id: string }[];
    expect(published.length).toBe(LIVING_ANNOUNCEMENTS.filter((a) => a.publishedHAgo !== null).length);
    expect(cloud.store.count('announcements', { state: 'draft' })).toBe(1);
    for (const a of published) {
      const inApp = cloud.store.find('announcement_deliveries', { announcementId: a._id, channel: 'feed' }, { limit: 100000 });
      const reads = cloud.store.find('announcement_reads', { announcementId: a._id }, { limit: 100000 }) as unknown as {
        openid: string;
      }[];
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.length).toBeLessThanOrEqual(inApp.length);
      const delivered = new Set(inApp.map((d) => (d as unknown as { recipient: string }).recipient));
      expect(reads.filter((r) => !delivered.has(r.openid))).toEqual([]);
    }
    const letter = await call('announce', { action: 'awareness', id: played.announcements['city-letter'] }, 'o-institute-01');
    expect(letter).toMatchObject({ ok: true });
    const buildings = letter.data.communities.flatMap((c: { estates: { buildings: unknown[] }[] }) =>
      c.estates.flatMap((e) => e.buildings),
    ) as { id: string; rate: number; unread: number; readers: number; residents: number }[];
    expect(buildings).toHaveLength(60);
    expect(buildings.filter((b) => b.rate >= 0.8).length).toBeGreaterThan(5);
    expect(buildings.filter((b) => b.rate <= 0.3).length).toBeGreaterThan(5);
    expect(buildings.every((b) => b.readers <= b.residents)).toBe(true);
    const lagging = buildings.find((b) => b.unread > 0) as { id: string; unread: number };
    const unread = await call(
      'announce',
      { action: 'unread', id: played.announcements['city-letter'], buildingId: lagging.id },
      'o-institute-01',
    );
    expect(unread).toMatchObject({ ok: true, data: { buildingId: lagging.id } });
    expect(unread.data.households.length).toBeGreaterThan(0);
    // Group robots at the local receiver: every robot group of the letter got it, none refused.
    expect(cloud.robot.rejections).toEqual([]);
    const robotGroups = (seed.wechat_groups as { robotWebhookKey: string | null }[]).filter((g) => g.robotWebhookKey);
    for (const g of robotGroups) expect(cloud.robot.list(g.robotWebhookKey as string).length).toBeGreaterThanOrEqual(1);
  });

  it('every staff screen has work waiting: the desk, the pool, volunteer and binding reviews, join requests', async () => {
    const desk = await call('order', { action: 'queue' }, 'o-station-01');
    expect(desk).toMatchObject({ ok: true });
    expect(desk.data.items.length).toBeGreaterThan(0);
    const institute = await call('order', { action: 'queue' }, 'o-institute-01');
    expect(institute.data.items.length).toBeGreaterThan(0);
    const pool = await call('order', { action: 'pool' }, 'o-leader-04');
    expect(pool.data.items.length).toBeGreaterThan(0);
    const inbox = await call('order', { action: 'inbox' }, 'o-leader-05');
    expect(inbox.data.items.length).toBeGreaterThan(0);
    const applications = await call('team', { action: 'listVolunteerApplications' }, 'o-institute-01');
    expect(applications.data).toHaveLength(3);
    const bindings = await call('identity', { action: 'listBindingRequests' }, 'o-institute-01');
    expect(bindings.data.length).toBeGreaterThan(0);
    const joins = await call('team', { action: 'listJoinRequests', teamId: 'team-05' }, 'o-leader-05');
    expect(joins.data.filter((r: { status: string }) => r.status === 'open')).toHaveLength(1);
  });

  it('a reset plays the same demo again, with the same ids', async () => {
    const before = { ...played.orders };
    await cloud.resetToSeed();
    expect(cloud.livingDemo?.orders).toEqual(before);
    expect(cloud.store.count('orders', {})).toBe(LIVING_ORDERS.length);
  }, 600_000);
});
