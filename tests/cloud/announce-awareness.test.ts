import { mintGroupEnterCloudId } from '../../local-cloud/openapi/cloud-id';
import { withTestCloud } from '../support/local-cloud-harness';
import { announceClient, buildingsOf, confirmedIn, STATION_C1, STATION_C2, seed } from './announce-support';

describe('announcement reads: read ledger, group cards binding groups, 知晓率 roll-up, unread households', () => {
  const env = withTestCloud(announceClient);

  const c1 = buildingsOf('org-community-01');
  // A building of community 1 with an unbound group and at least three confirmed residents.
  const target = c1.find(
    (b) => seed.wechat_groups.find((g) => g.buildingId === b)?.opengid === null && confirmedIn([b]).length >= 3,
  ) as string;
  const targetGroup = seed.wechat_groups.find((g) => g.buildingId === target);
  const [r1, r2, r3] = confirmedIn([target]).map((u) => u._id) as [string, string, string];
  const pending = seed.users.find((u) => u.binding === 'pending' && u.buildingId && c1.includes(u.buildingId));
  const outsider = confirmedIn(buildingsOf('org-community-02'))[0]?._id as string;
  const head = seed.org_units.find((u) => u._id === target && u.kind === 'building') as { buildingHeadOpenid: string } | undefined;

  it('counts distinct resident readers per building and group-card opens, binding an unknown group once', async () => {
    expect(target).toBeDefined();
    env.cloud.store.clearUnindexedScans();
    const { id } = await env.api.publishNew(STATION_C1, { targets: ['org-community-01'] });

    // r1 reads twice from the feed: one read.
    expect(await env.api.must({ action: 'detail', id }, r1)).toMatchObject({ id, read: true, firstRead: true, counted: true, group: null });
    expect(await env.api.must({ action: 'detail', id }, r1)).toMatchObject({ firstRead: false, counted: true });
    // A pending resident and a resident of another community read it: no awareness count.
    if (pending) expect(await env.api.must({ action: 'detail', id }, pending._id)).toMatchObject({ counted: false });
    expect(await env.api.must({ action: 'detail', id }, outsider)).toMatchObject({ counted: false });

    // r2 opens the head's card inside the (so far unknown) group: binds it to the card's building.
    const opengid = 'local-opengid-new-1';
    await env.api.drain();
    const task = (await env.api.must({ action: 'shareTasks' }, head?.buildingHeadOpenid as string)).items.find(
      (t: { announcementId: string; buildingId: string }) => t.announcementId === id && t.buildingId === target,
    );
    const card = (openid: string, gid = opengid) => ({
      action: 'detail',
      id,
      buildingId: target,
      shareToken: task.shareToken,
      groupCloudId: mintGroupEnterCloudId({ opengid: gid, openid }),
    });
    expect(await env.api.must(card(r2), r2)).toMatchObject({
      counted: true,
      group: { status: 'counted', bound: true, buildingId: target },
    });
    expect(env.cloud.store.findById('wechat_groups', targetGroup?._id)).toMatchObject({ opengid });
    expect(await env.api.must(card(r2), r2)).toMatchObject({ group: { status: 'repeat', bound: false } });
    // Someone from outside the building opens it from the same group: a group read, not a resident read.
    expect(await env.api.must(card(outsider), outsider)).toMatchObject({
      counted: false,
      group: { status: 'counted', bound: false, buildingId: target },
    });
    // A CloudID that does not decrypt (another user's): the content is shown, nothing counted for the group.
    expect(
      await env.api.must({ ...card(r2), groupCloudId: mintGroupEnterCloudId({ opengid, openid: 'o-someone-else' }) }, outsider),
    ).toMatchObject({
      group: { status: 'invalid' },
    });

    const report = await env.api.must({ action: 'awareness', id }, STATION_C1);
    const residents = confirmedIn(c1).length;
    expect(report).toMatchObject({ residents, readers: 2, groupReads: 2 });
    expect(report.rate).toBeCloseTo(2 / residents, 4);
    const community = report.communities[0];
    expect(community).toMatchObject({ id: 'org-community-01', name: '和平社区', residents, readers: 2 });
    const building = community.estates.flatMap((e: { buildings: unknown[] }) => e.buildings).find((b: { id: string }) => b.id === target);
    expect(building).toMatchObject({ residents: confirmedIn([target]).length, readers: 2, groupReads: 2 });
    // r1 (feed) and r2 (group card) live in `target`; r3 has not opened it.
    const feed = await env.api.must({ action: 'feed' }, r1);
    expect(feed.items.find((i: { id: string }) => i.id === id)).toMatchObject({ read: true });

    expect(await env.api.call({ action: 'awareness', id }, STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call({ action: 'awareness', id }, r1)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('the building head sees the households that have not read it yet, masked, for 敲门', async () => {
    const [{ id }] = (await env.api.must({ action: 'mine' }, STATION_C1)).items;
    const res = await env.api.must({ action: 'unread', id, buildingId: target }, head?.buildingHeadOpenid as string);
    const inBuilding = confirmedIn([target]);
    expect(res).toMatchObject({ buildingId: target, residents: inBuilding.length, readers: 2 });
    const rooms = res.households.map((h: { room: string }) => h.room);
    const readRooms = inBuilding.filter((u) => u._id === r1 || u._id === r2).map((u) => u.room);
    for (const room of readRooms) expect(rooms).not.toContain(room);
    expect(res.households.length).toBe(new Set(inBuilding.map((u) => u.room)).size - new Set(readRooms).size);
    for (const h of res.households) for (const name of h.names) expect(name).toMatch(/^.{1,2}\*$|^居民$/);
    const otherHead = seed.org_units.find((u) => u.kind === 'building' && u._id !== target) as { buildingHeadOpenid: string };
    expect(await env.api.call({ action: 'unread', id, buildingId: target }, otherHead.buildingHeadOpenid)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await env.api.call({ action: 'unread', id, buildingId: target }, r3)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('residents without a confirmed building have no feed', async () => {
    if (pending) expect(await env.api.call({ action: 'feed' }, pending._id)).toMatchObject({ ok: false, code: 'AUTH.BINDING_REQUIRED' });
    expect(await env.api.call({ action: 'feed', cursor: 'abc' }, r1)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });
});
