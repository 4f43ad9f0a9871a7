import type { UserProfile } from '../../src/domain/identity/role';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';
import { storedTimeline } from '../support/order-timeline';
import { orderClient, residentsOf, STATION_C1, seed } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
/** 微心愿：为困难老人圆一个小心愿 (kind `wish`). */
const WISH_ITEM = (seed.catalog_items.find((i) => i.kind === 'wish') as { _id: string })._id;
const approved = seed.volunteer_profiles.filter((p) => p.status === 'approved' && p.subdistrictId === 'org-subdistrict-01');
/** Two 在职党员 and one volunteer who is neither a party member nor names a 工作单位. */
const [partyA, partyB, plain] = approved.map((p) => p._id) as [string, string, string];

describe('心愿墙: a 微心愿 from the wall to the resident (帮挂单位 / 在职党员)', () => {
  let cloud: TestCloud;
  let api: ReturnType<typeof orderClient>;
  beforeAll(async () => {
    cloud = await startTestCloud({ maxInstancesPerFunction: 4 });
    api = orderClient(cloud);
    cloud.store.updateMany(
      'volunteer_profiles',
      { _id: partyA },
      { $set: { partyMember: true, partyReportIn: true, workUnit: '区税务局' } },
    );
    cloud.store.updateMany('volunteer_profiles', { _id: partyB }, { $set: { partyMember: true, partyReportIn: true, workUnit: '' } });
    cloud.store.updateMany('volunteer_profiles', { _id: plain }, { $set: { partyMember: false, workUnit: '' } });
  });
  afterAll(() => cloud?.dispose());

  const placeWish = () =>
    api.place(resident._id, { itemId: WISH_ITEM, description: '想要一台收音机听戏曲', answers: { wish: '一台收音机' } });

  it('post → race to 认领 (one wins) → 已送达 → the resident confirms; a volunteer without party or unit is refused', async () => {
    cloud.store.clearUnindexedScans();
    const orderId = await placeWish();
    await api.must(orderId, 'accept', STATION_C1);
    // The station's detail offers 上墙 for an accepted wish.
    const detail = await api.call({ action: 'detail', orderId }, STATION_C1);
    expect(detail.data.actions.map((a: { event: string }) => a.event)).toContain('post_wall');
    expect(await api.must(orderId, 'post_wall', STATION_C1)).toMatchObject({ to: 'on_wall', stateLabel: '待认领' });

    // On the wall of the party members' 街道, without the room.
    const wall = await api.call({ action: 'wishWall' }, partyA);
    expect(wall).toMatchObject({ ok: true, data: { canAdopt: true } });
    const card = wall.data.open.find((c: { orderId: string }) => c.orderId === orderId);
    expect(card).toMatchObject({ itemName: expect.stringContaining('微心愿'), mine: false, adopter: '' });
    expect(card.place.split(' ')).toHaveLength(2);

    // Neither a party member nor a 工作单位: the wall says why, and 认领 is refused with a stable code.
    expect((await api.call({ action: 'wishWall' }, plain)).data).toMatchObject({
      canAdopt: false,
      hint: expect.stringContaining('在职党员'),
    });
    expect(await api.fire(orderId, 'adopt', plain)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
      message: expect.stringContaining('在职党员'),
    });

    // Two party members race: exactly one adopts it, the other is told 手慢了.
    const race = await Promise.all([partyA, partyB, partyA, partyB].map((who) => api.fire(orderId, 'adopt', who)));
    const winners = race.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    for (const l of race.filter((r) => !r.ok)) expect(['STATE.CONFLICT', 'STATE.INVALID_TRANSITION']).toContain(l.code);
    const stored = cloud.store.findById('orders', orderId) as { state: string; adopterOpenid: string; adopterName: string };
    expect(stored.state).toBe('adopted');
    const adopter = stored.adopterOpenid;
    const other = adopter === partyA ? partyB : partyA;
    expect(race.filter((r, i) => !r.ok && [partyA, partyB, partyA, partyB][i] === other).every((r) => r.code === 'STATE.CONFLICT')).toBe(
      true,
    );
    expect(storedTimeline(cloud.store, orderId).filter((e) => e.event === 'adopt')).toHaveLength(1);

    // The adopter sees it under 我认领的, with the full address to deliver to; the other may not deliver it.
    const mine = (await api.call({ action: 'wishWall' }, adopter)).data.mine;
    expect(mine).toEqual([expect.objectContaining({ orderId, mine: true, state: 'adopted' })]);
    expect(mine[0].place.split(' ').length).toBeGreaterThan(2);
    expect(await api.call({ action: 'deliver', orderId }, other)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    // A photo that is not the adopter's own upload is refused.
    expect(await api.call({ action: 'deliver', orderId, photos: ['cloud://env.b/reports/someone-else.jpg'] }, adopter)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });

    const delivered = await api.call({ action: 'deliver', orderId, note: '收音机已送到老人家中' }, adopter);
    expect(delivered).toMatchObject({ ok: true, data: { to: 'completed', stateLabel: '待评价', wall: { mine: [] } } });
    // Delivered once: a second 已送达 is refused.
    expect(await api.call({ action: 'deliver', orderId }, adopter)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });

    // The resident confirms receipt by rating it: closed.
    expect(await api.mustAct('rate', orderId, resident._id, { stars: 5, comment: '收到了，谢谢' })).toMatchObject({ to: 'closed' });
    const timeline = storedTimeline(cloud.store, orderId).map((e) => e.event);
    expect(timeline).toEqual(['create', 'accept', 'post_wall', 'adopt', 'deliver', 'rate']);
    expect(cloud.store.unindexedScans()).toEqual([]);
  }, 60_000);

  it('only a 微心愿 goes on the wall, and staff may take one down', async () => {
    const service = await api.place(resident._id);
    await api.must(service, 'accept', STATION_C1);
    expect(await api.fire(service, 'post_wall', STATION_C1)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });

    const wish = await placeWish();
    await api.must(wish, 'accept', STATION_C1);
    await api.must(wish, 'post_wall', STATION_C1);
    expect(await api.must(wish, 'take_down', STATION_C1)).toMatchObject({ to: 'accepted' });
    const wall = await api.call({ action: 'wishWall' }, partyA);
    expect(wall.data.open.map((c: { orderId: string }) => c.orderId)).not.toContain(wish);
    // A resident (not a registered volunteer) has no wall.
    expect(await api.call({ action: 'wishWall' }, resident._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  }, 60_000);
});
