import { withTestCloud } from '../support/local-cloud-harness';
import {
  announceClient,
  BODY,
  buildingsOf,
  confirmedIn,
  INSTITUTE,
  robotGroupsIn,
  STATION_C1,
  STATION_C2,
  SUBDISTRICT_ID,
  seed,
} from './announce-support';

describe('announcements: compose, check, publish to the grid, drain every channel once', () => {
  const env = withTestCloud(announceClient);

  it('publishing to the whole subdistrict plans the expected rows per channel and drains each exactly once', async () => {
    env.cloud.store.clearUnindexedScans();
    const all = buildingsOf(SUBDISTRICT_ID);
    expect(all).toHaveLength(60);
    const residents = confirmedIn(all);
    // Two residents grant the subscribe message; one of them later refuses (43101).
    const [granted, refusing] = residents.filter((u) => u._id.startsWith('o-resident-')) as unknown as [{ _id: string }, { _id: string }];
    // The page asks the function which template to request the grant for.
    expect((await env.api.call({ action: 'subscribeTemplate' }, granted._id)).data).toEqual({ templateId: 'TEMPLATE_ANNOUNCEMENT' });
    expect((await env.api.call({ action: 'subscribeGrant', templateId: 'TEMPLATE_ANNOUNCEMENT' }, granted._id)).data.remaining).toBe(1);
    await env.api.must({ action: 'subscribeGrant', templateId: 'TEMPLATE_ANNOUNCEMENT' }, refusing._id);
    expect(await env.api.call({ action: 'subscribeGrant', templateId: 'OTHER' }, granted._id)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    env.cloud.outbox.denySubscribe(refusing._id);

    const { id, published } = await env.api.publishNew(INSTITUTE);
    const robots = robotGroupsIn(all);
    const expected = { feed: residents.length, subscribe: 2, robot: robots.length, share_task: 60 };
    expect(published).toMatchObject({ id, state: 'published', buildings: 60, planned: expected });
    expect(robots).toHaveLength(30);
    const rows = env.api.rows(id);
    expect(rows).toHaveLength(expected.feed + 2 + 30 + 60);
    expect(new Set(rows.map((r) => r._id)).size).toBe(rows.length);
    expect(rows.every((r) => r.state === 'planned')).toBe(true);
    expect(env.cloud.outbox.list('security.msgSecCheck').at(-1)).toMatchObject({ suggest: 'pass', openid: INSTITUTE });

    // Publishing again changes nothing.
    expect(await env.api.must({ action: 'publish', id }, INSTITUTE)).toMatchObject({ state: 'published', planned: expected });
    expect(env.api.rows(id)).toHaveLength(rows.length);

    env.api.alignToMinuteStart();
    const [a, b] = await Promise.all([env.api.drain(), env.api.drain()]);
    expect(a.ok && b.ok).toBe(true);
    const after = env.api.rows(id);
    const by = (channel: string, state: string) => after.filter((r) => r.channel === channel && r.state === state).length;
    expect(by('feed', 'delivered')).toBe(expected.feed);
    expect(by('share_task', 'ready')).toBe(60);
    expect(by('robot', 'sent')).toBe(30);
    expect(by('subscribe', 'sent')).toBe(1);
    expect(by('subscribe', 'no_grant')).toBe(1);
    for (const g of robots) {
      const msgs = env.cloud.robot.list(g.robotWebhookKey as string);
      expect(msgs).toHaveLength(1);
      expect(msgs[0]?.content).toContain('**【温馨提示】楼道清理通知**');
      expect(Buffer.byteLength(msgs[0]?.content ?? '')).toBeLessThanOrEqual(2048);
    }
    expect(env.cloud.robot.rejections).toEqual([]);
    const subs = env.cloud.outbox.list('subscribeMessage.send').filter((m) => m.templateId === 'TEMPLATE_ANNOUNCEMENT');
    expect(subs.map((m) => m.openid)).toEqual([granted._id]);
    expect(subs[0]?.page).toBe(`pages/announce/detail?id=${id}`);

    const progress = await env.api.must({ action: 'progress', id }, INSTITUTE);
    expect(progress.channels).toMatchObject({
      feed: { planned: expected.feed, sent: expected.feed, pending: 0, failed: 0 },
      subscribe: { planned: 2, sent: 1, noGrant: 1, pending: 0 },
      robot: { planned: 30, sent: 30, pending: 0 },
      share_task: { planned: 60, sent: 60 },
    });

    // A building head's tasks carry the share card's path.
    const head = seed.org_units.find((u) => u._id === 'bld-0007') as { buildingHeadOpenid: string };
    const tasks = await env.api.must({ action: 'shareTasks' }, head.buildingHeadOpenid);
    expect(tasks.items).toEqual([
      expect.objectContaining({
        announcementId: id,
        buildingId: 'bld-0007',
        path: `/pages/announce/detail?id=${id}&buildingId=bld-0007`,
        state: 'ready',
      }),
    ]);
    expect(await env.api.call({ action: 'shareTasks' }, granted._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });

    // The resident's feed, newest first, unread.
    const feed = await env.api.must({ action: 'feed' }, granted._id);
    expect(feed.items[0]).toMatchObject({ id, title: '楼道清理通知', read: false, category: '温馨提示' });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('overlapping targets (a community and buildings inside it) plan each recipient once', async () => {
    const c1 = buildingsOf('org-community-01');
    const { id, published } = await env.api.publishNew(STATION_C1, { targets: ['org-community-01', 'org-estate-01', c1[0], c1[1]] });
    expect(published.buildings).toBe(c1.length);
    expect(published.planned).toMatchObject({ feed: confirmedIn(c1).length, robot: robotGroupsIn(c1).length, share_task: c1.length });
    expect(new Set(env.api.rows(id).map((r) => r._id)).size).toBe(env.api.rows(id).length);
  });

  it('the preview shows the body as residents will see it; a draft is nobody else’s business', async () => {
    const { id } = await env.api.must(
      { action: 'create', title: '创城宣传', body: BODY, category: '创城宣传', targets: ['org-community-01'] },
      STATION_C1,
    );
    const preview = await env.api.must({ action: 'preview', id }, STATION_C1);
    expect(preview).toMatchObject({ id, state: 'draft', sharePath: `/pages/announce/detail?id=${id}` });
    expect(preview.blocks).toEqual([
      { type: 'paragraph', spans: [{ text: '各位居民：' }] },
      { type: 'paragraph', spans: [{ text: '本周六上午开展' }, { text: '楼道清理', bold: true }, { text: '活动，请配合：' }] },
      { type: 'list', ordered: false, items: [[{ text: '清理楼道杂物' }], [{ text: '不在楼道停放电瓶车' }]] },
      { type: 'paragraph', spans: [{ text: '谢谢大家！' }] },
    ]);
    // Who will receive it, before 发布: every 楼栋 of the community, by 小区 in org-tree order.
    const c1 = buildingsOf('org-community-01');
    expect(preview.recipients.buildings).toBe(c1.length);
    expect(preview.recipients.estates.map((e: { name: string }) => e.name)).toEqual(['天府花园', '锦城丽苑', '和平家园', '桂溪花园']);
    expect(preview.recipients.estates[0]).toMatchObject({
      id: 'org-estate-01',
      communityName: '和平社区',
      buildings: ['1栋', '2栋', '3栋', '4栋', '5栋', '6栋', '7栋', '8栋'],
    });
    expect(preview.recipients.estates.flatMap((e: { buildings: string[] }) => e.buildings)).toHaveLength(c1.length);
    expect(await env.api.call({ action: 'preview', id }, STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call({ action: 'detail', id }, 'o-resident-0001')).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });
    const mine = await env.api.must({ action: 'mine' }, STATION_C1);
    expect(mine.items[0]).toMatchObject({ id, state: 'draft' });
    // Overlapping targets count each 楼栋 once.
    const mixed = await env.api.must(
      { action: 'create', title: '两栋楼', body: BODY, category: '温馨提示', targets: ['bld-0010', 'org-estate-01', 'bld-0002'] },
      STATION_C1,
    );
    const overlap = await env.api.must({ action: 'preview', id: mixed.id }, STATION_C1);
    expect(overlap.recipients).toMatchObject({ buildings: 9, estates: [{ name: '天府花园' }, { name: '锦城丽苑', buildings: ['2栋'] }] });
  });

  it('risky content is refused and nothing is published', async () => {
    const before = env.cloud.store.count('announcement_deliveries');
    const { id } = await env.api.must(
      { action: 'create', title: '通知', body: `这里有违禁词。`, category: '政策宣传', targets: ['org-community-01'] },
      STATION_C1,
    );
    expect(await env.api.call({ action: 'publish', id }, STATION_C1)).toMatchObject({ ok: false, code: 'CONTENT.RISKY' });
    expect(env.cloud.store.findById('announcements', id)).toMatchObject({ state: 'draft' });
    expect(env.cloud.store.count('announcement_deliveries')).toBe(before);
    expect(env.cloud.store.count('announcement_targets', { announcementId: id })).toBe(0);
  });

  it('scope: station staff of community 1 cannot target community 2; residents cannot publish', async () => {
    const count = env.cloud.store.count('announcements');
    const res = await env.api.call(
      { action: 'create', title: '通知', body: BODY, category: '温馨提示', targets: ['org-community-02'] },
      STATION_C1,
    );
    expect(res).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    const mixed = await env.api.call(
      {
        action: 'create',
        title: '通知',
        body: BODY,
        category: '温馨提示',
        targets: ['org-community-01', buildingsOf('org-community-02')[0]],
      },
      STATION_C1,
    );
    expect(mixed).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(
      await env.api.call({ action: 'create', title: '通知', body: BODY, category: '温馨提示', targets: ['bld-0001'] }, 'o-resident-0001'),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(env.cloud.store.count('announcements')).toBe(count);
  });

  it('bad input gets clear codes and writes nothing', async () => {
    const count = env.cloud.store.count('announcements');
    const cases: Array<[object, RegExp]> = [
      [{ title: '', body: BODY, category: '温馨提示', targets: ['bld-0001'] }, /标题/],
      [{ title: '标'.repeat(41), body: BODY, category: '温馨提示', targets: ['bld-0001'] }, /标题最多 40/],
      [{ title: '通知', body: '字'.repeat(2001), category: '温馨提示', targets: ['bld-0001'] }, /正文最多 2000/],
      [{ title: '通知', body: BODY, category: '广告', targets: ['bld-0001'] }, /类别/],
      [{ title: '通知', body: BODY, category: '温馨提示', targets: [] }, /推送范围/],
      [{ title: '通知', body: BODY, category: '温馨提示', targets: ['bld-0001'], coverFileId: 'http://x/y.png' }, /云文件/],
      [{ title: '通知', body: BODY, category: '温馨提示', targets: ['bld-0001'], publishAt: 'tomorrow' }, /publishAt/],
      [{ title: '通知', body: BODY, category: '温馨提示', targets: ['bld-0001'], extra: 1 }, /extra|Unrecognized/],
    ];
    for (const [input, message] of cases) {
      const res = await env.api.call({ action: 'create', ...input }, INSTITUTE);
      expect(res).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
      expect(res.message).toMatch(message);
    }
    expect(
      await env.api.call({ action: 'create', title: '通知', body: BODY, category: '温馨提示', targets: ['bld-9999'] }, INSTITUTE),
    ).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(await env.api.call({ action: 'publish', id: 'ann-nope' }, INSTITUTE)).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });
    expect(env.cloud.store.count('announcements')).toBe(count);
  });

  it('a scheduled announcement is published by the timer when its time comes', async () => {
    const publishAt = Date.now() + env.cloud.clock.offset + 3_600_000;
    const { id, published } = await env.api.publishNew(STATION_C2, { targets: ['org-community-02'], publishAt });
    expect(published).toMatchObject({ state: 'scheduled', buildings: 0 });
    expect(env.api.rows(id)).toHaveLength(0);
    await env.api.drain();
    expect(env.cloud.store.findById('announcements', id)).toMatchObject({ state: 'scheduled' });
    env.cloud.clock.advance(3_600_000 + 1_000);
    await env.cloud.timers.tick();
    const doc = env.cloud.store.findById('announcements', id) as { state: string; planned: Record<string, number> };
    const c2 = buildingsOf('org-community-02');
    expect(doc.state).toBe('published');
    expect(doc.planned).toMatchObject({ feed: confirmedIn(c2).length, share_task: c2.length });
    expect(env.api.rows(id, 'feed').every((r) => r.state === 'delivered')).toBe(true);
  });
});
