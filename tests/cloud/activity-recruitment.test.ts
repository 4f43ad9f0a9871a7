import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { AnnouncementDoc } from '../../src/domain/announce/announce.types';
import type { Team } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { uploadPhotoAs } from '../support/uploads';
import { activityClient, activityInput, STATION_C1, volunteers } from './activity-support';

const seed = buildDemoSeed();
const COMMUNITY = 'org-community-01';
const TEAM = seed.teams[2] as Team;
const residentOfCommunity = seed.users.find(
  (u) => u.binding === 'confirmed' && u.buildingId && seed.org_units.find((b) => b._id === u.buildingId)?.path.includes(COMMUNITY),
)?._id as string;

/**
 * 活动封面 and the 活动招募 announcement on publish: the cover is the organiser's own upload and
 * shows in the square and detail; the announcement goes out through the announce function (its
 * scope, content check and fan-out) once per activity however often the publish is retried.
 */
describe('志愿活动: a cover and a 活动招募 announcement when publishing', () => {
  const env = withTestCloud(activityClient);
  const now = () => env.cloud.clock.now().getTime();
  const announcements = (title: string) =>
    (env.cloud.store.find('announcements', { category: '活动招募' }) as unknown as AnnouncementDoc[]).filter((a) =>
      a.title.includes(title),
    );

  it('publishes with a cover and posts one 活动招募 announcement to the community; a retry posts nothing more', async () => {
    const cover = await uploadPhotoAs(env.cloud, STATION_C1, 'announce/covers');
    const input = activityInput(now(), { title: '巡河护河·周末清漂', coverFileId: cover, announce: true });
    env.cloud.store.clearUnindexedScans();
    const created = await env.api.must({ action: 'create', ...input }, STATION_C1);
    expect(created).toMatchObject({ duplicate: false, announcement: { ok: true, state: 'published' } });
    expect(created.announcement.buildings).toBeGreaterThan(0);

    const [posted, ...more] = announcements('巡河护河·周末清漂');
    expect(more).toEqual([]);
    expect(posted).toMatchObject({
      _id: created.announcement.id,
      title: '活动招募｜巡河护河·周末清漂',
      category: '活动招募',
      coverFileId: cover,
      targets: [COMMUNITY],
      state: 'published',
      authorOpenid: STATION_C1,
    });
    expect(posted?.body).toContain('和平社区活动中心门口集合');
    expect(posted?.body).toContain('共 15 人');
    expect(env.cloud.outbox.list('security.msgSecCheck').some((m) => (m as { openid?: string }).openid === STATION_C1)).toBe(true);

    // A retried publish answers the same activity and the same announcement, and posts no second one.
    const again = await env.api.must({ action: 'create', ...input }, STATION_C1);
    expect(again).toMatchObject({
      activityId: created.activityId,
      duplicate: true,
      announcement: { ok: true, id: created.announcement.id },
    });
    expect(announcements('巡河护河·周末清漂')).toHaveLength(1);

    // Residents of the community read it in their feed (the announcement flow's own delivery).
    await env.cloud.runtime.invoke('announce', { Type: 'Timer', TriggerName: 'drain' }, { source: 'timer' });
    const feed = (await env.cloud.call('announce', { action: 'feed' }, residentOfCommunity)).body.result;
    expect(feed.data.items.map((i: { id: string }) => i.id)).toContain(created.announcement.id);

    // The square and the detail show the cover.
    const card = (await env.api.must({ action: 'square' }, volunteers[0] as string)).items.find(
      (c: { activityId: string }) => c.activityId === created.activityId,
    );
    expect(card.coverFileId).toBe(cover);
    expect((await env.api.must({ action: 'detail', activityId: created.activityId }, volunteers[0] as string)).coverFileId).toBe(cover);
    // (The test's own look-up by category is the one scan allowed.)
    expect(env.cloud.store.unindexedScans().filter((s) => s.collection !== 'announcements')).toEqual([]);
  });

  it("refuses someone else's upload as the cover, and publishes without an announcement unless asked", async () => {
    const theirs = await uploadPhotoAs(env.cloud, volunteers[0] as string, 'announce/covers');
    expect(await env.api.call({ action: 'create', ...activityInput(now(), { coverFileId: theirs }) }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: expect.stringContaining('封面'),
    });
    const plain = await env.api.must({ action: 'create', ...activityInput(now(), { title: '理论宣讲·进小区' }) }, STATION_C1);
    expect(plain.announcement).toBeNull();
    expect(announcements('理论宣讲·进小区')).toEqual([]);
    expect((await env.api.must({ action: 'detail', activityId: plain.activityId }, STATION_C1)).coverFileId).toBeNull();
  });

  it("a leader's team activity is published even though a leader may not post announcements: the answer says why", async () => {
    const created = await env.api.must(
      { action: 'create', ...activityInput(now(), { title: '银龄之声·合唱排练', announce: true }), teamId: TEAM._id },
      TEAM.leaderOpenid,
    );
    expect(created.announcement).toMatchObject({ ok: false, code: expect.stringMatching(/^AUTH\./), message: expect.any(String) });
    expect((await env.api.must({ action: 'detail', activityId: created.activityId }, TEAM.leaderOpenid)).title).toBe('银龄之声·合唱排练');
    expect(announcements('银龄之声·合唱排练')).toEqual([]);
  });
});
