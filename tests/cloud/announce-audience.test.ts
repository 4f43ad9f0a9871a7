import { withTestCloud } from '../support/local-cloud-harness';
import { announceClient, buildingsOf, confirmedIn, STATION_C1, seed } from './announce-support';

interface BuildingRow {
  id: string;
  residents: number;
  readers: number;
  unread: number;
}

/**
 * 知晓率 counts the residents confirmed in a targeted building NOW and which of them have read it,
 * wherever they were when they did; the 未读住户 list of a building agrees with its row.
 */
describe('announcement awareness follows who lives in the building now', () => {
  const env = withTestCloud(announceClient);

  const c1 = buildingsOf('org-community-01');
  const [home, other, untargeted] = c1.filter((b) => confirmedIn([b]).length >= 3) as [string, string, string];
  const [r1, r2] = confirmedIn([home])
    .filter((u) => u.roles.every((g) => g.role === 'resident'))
    .map((u) => u._id) as [string, string];
  const newcomer = 'o-newcomer-0001';
  const headOf = (b: string) => (seed.org_units.find((u) => u._id === b) as unknown as { buildingHeadOpenid: string }).buildingHeadOpenid;
  const identity = async (data: object, openid: string) => {
    const r = (await env.cloud.call('identity', data, openid)).body.result;
    if (!r?.ok) throw new Error(`identity ${JSON.stringify(data)} → ${JSON.stringify(r)}`);
    return r.data;
  };
  /** Binds `openid` to `buildingId` (a request, confirmed by the station). */
  const moveTo = async (openid: string, buildingId: string, room: string) => {
    await identity({ action: 'requestBinding', buildingId, room }, openid);
    await identity({ action: 'decideBinding', openid, approve: true }, STATION_C1);
  };
  const rowsOf = async (id: string): Promise<Map<string, BuildingRow>> => {
    const report = await env.api.must({ action: 'awareness', id }, STATION_C1);
    const rows = report.communities.flatMap((c: { estates: { buildings: BuildingRow[] }[] }) => c.estates.flatMap((e) => e.buildings));
    return new Map(rows.map((b: BuildingRow) => [b.id, b]));
  };
  /** The building's 未读住户 page must say what its awareness row says. */
  const agrees = async (id: string, buildingId: string) => {
    const row = (await rowsOf(id)).get(buildingId) as BuildingRow;
    const list = await env.api.must({ action: 'unread', id, buildingId }, headOf(buildingId));
    expect({ residents: list.residents, readers: list.readers }).toEqual({ residents: row.residents, readers: row.readers });
    expect(row.unread).toBe(row.residents - row.readers);
    return { row, list };
  };
  const feedIds = async (openid: string) => (await env.api.must({ action: 'feed' }, openid)).items.map((i: { id: string }) => i.id);

  it('a family moving in after publication sees it, is counted, and counts once it reads; a family moving out stops counting', async () => {
    expect(untargeted).toBeDefined();
    env.cloud.store.clearUnindexedScans();
    const { id } = await env.api.publishNew(STATION_C1, { targets: [home, other] });
    const start = { home: confirmedIn([home]).length, other: confirmedIn([other]).length };
    let rows = await rowsOf(id);
    expect(rows.get(home)).toMatchObject({ residents: start.home, readers: 0 });
    expect(rows.get(other)).toMatchObject({ residents: start.other, readers: 0 });

    expect(await env.api.must({ action: 'detail', id }, r1)).toMatchObject({ counted: true, firstRead: true });
    expect((await rowsOf(id)).get(home)).toMatchObject({ readers: 1 });

    // A newcomer asks to bind: pending people neither see the feed nor count.
    await identity({ action: 'requestBinding', buildingId: home, room: '9-909' }, newcomer);
    expect(await env.api.call({ action: 'feed' }, newcomer)).toMatchObject({ ok: false, code: 'AUTH.BINDING_REQUIRED' });
    expect((await rowsOf(id)).get(home)).toMatchObject({ residents: start.home, readers: 1 });
    // Confirmed after publication: the notice is in their feed and they are a door to knock on.
    await identity({ action: 'decideBinding', openid: newcomer, approve: true }, STATION_C1);
    expect(await feedIds(newcomer)).toContain(id);
    rows = await rowsOf(id);
    expect(rows.get(home)).toMatchObject({ residents: start.home + 1, readers: 1, unread: start.home });
    let { list } = await agrees(id, home);
    expect(list.households.map((h: { room: string }) => h.room)).toContain('9-909');
    // They read it: counted.
    expect(await env.api.must({ action: 'detail', id }, newcomer)).toMatchObject({ counted: true, firstRead: true });
    ({ list } = await agrees(id, home));
    expect(list).toMatchObject({ residents: start.home + 1, readers: 2 });
    expect(list.households.map((h: { room: string }) => h.room)).not.toContain('9-909');

    // r1 (a reader) moves to the other targeted building: pending, then confirmed there.
    await identity({ action: 'requestBinding', buildingId: other, room: '1-101' }, r1);
    rows = await rowsOf(id);
    expect(rows.get(home)).toMatchObject({ residents: start.home, readers: 1 });
    expect(rows.get(other)).toMatchObject({ residents: start.other, readers: 0 });
    await identity({ action: 'decideBinding', openid: r1, approve: true }, STATION_C1);
    // They read it in their old home: they know it in the new one too.
    rows = await rowsOf(id);
    expect(rows.get(other)).toMatchObject({ residents: start.other + 1, readers: 1 });
    await agrees(id, home);
    await agrees(id, other);

    // r2 (not a reader) moves out of the targets altogether: no longer a door to knock on here, and no longer in their feed.
    await moveTo(r2, untargeted, '2-202');
    rows = await rowsOf(id);
    expect(rows.get(home)).toMatchObject({ residents: start.home - 1, readers: 1 });
    expect(await feedIds(r2)).not.toContain(id);
    const { list: after } = await agrees(id, home);
    expect(after.residents).toBe(start.home - 1);

    // The roll-up sums the live rows.
    const report = await env.api.must({ action: 'awareness', id }, STATION_C1);
    expect(report).toMatchObject({ residents: start.home - 1 + start.other + 1, readers: 2 });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('readers are placed by their binding now even past one page of the read ledger', async () => {
    // 1,200 residents of one building read it (more than one 1000-row page of reads and of users).
    const { id } = await env.api.publishNew(STATION_C1, { targets: [other] });
    const before = (await rowsOf(id)).get(other) as BuildingRow;
    const now = Date.now() + env.cloud.clock.offset;
    const people = Array.from({ length: 1200 }, (_, i) => `o-bulk-${String(i).padStart(4, '0')}`);
    env.cloud.store.insert(
      'users',
      people.map((openid, i) => ({
        _id: openid,
        nickname: '居民',
        displayName: '居*',
        roles: [{ role: 'resident', scopeId: other }],
        buildingId: other,
        room: `${Math.floor(i / 4) + 1}`,
        binding: 'confirmed',
        createdAt: now,
        updatedAt: now,
      })),
    );
    env.cloud.store.insert(
      'announcement_reads',
      people.slice(0, 1100).map((openid) => ({
        _id: `${id}:${openid}`,
        announcementId: id,
        openid,
        buildingId: other,
        via: 'feed',
        at: now,
      })),
    );
    const row = (await rowsOf(id)).get(other) as BuildingRow;
    expect(row).toMatchObject({ residents: before.residents + 1200, readers: before.readers + 1100 });
    await agrees(id, other);
  });
});
