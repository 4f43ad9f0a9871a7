import { withTestCloud } from '../support/local-cloud-harness';
import { uploadPhotoAs } from '../support/uploads';
import { announceClient, BODY, buildingsOf, confirmedIn, STATION_C1, STATION_C2 } from './announce-support';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('announcement drafts: reopen, edit (update at a version), schedule, discard', () => {
  const env = withTestCloud(announceClient);

  const nowMs = () => env.api.now();
  const c1 = buildingsOf('org-community-01');
  const fields = (overrides: Record<string, unknown> = {}) => ({
    title: '楼道清理通知',
    body: BODY,
    category: '温馨提示',
    targets: ['org-community-01'],
    ...overrides,
  });
  const newDraft = async (overrides: Record<string, unknown> = {}) =>
    (await env.api.must({ action: 'create', ...fields(overrides) }, STATION_C1)) as { id: string; version: number };
  const stored = (id: string) => env.cloud.store.findById('announcements', id) as Record<string, unknown>;
  /** POST /_dev/clock: moves the local cloud's time and fires the timers that fell due (the drain). */
  const advance = async (ms: number) => {
    const res = await fetch(`${env.cloud.url}/_dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: ms }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { fired: { functionName: string; ok: boolean }[] };
  };

  it('staff reopen a draft, change every field and read the change back; the version moves on', async () => {
    const { id, version } = await newDraft();
    const draft = await env.api.must({ action: 'draft', id }, STATION_C1);
    expect(draft).toEqual({
      id,
      state: 'draft',
      title: '楼道清理通知',
      body: BODY,
      category: '温馨提示',
      coverFileId: null,
      targets: ['org-community-01'],
      publishAt: null,
      version,
    });
    const publishAt = nowMs() + 2 * HOUR;
    // A cover the author really uploaded (only their own uploads are accepted).
    const cover = await uploadPhotoAs(env.cloud, STATION_C1, 'announce/covers');
    const estate = env.cloud.store.find('org_units', { kind: 'estate', parentId: 'org-community-01' })[0]?._id as string;
    const saved = await env.api.must(
      {
        action: 'update',
        id,
        version,
        ...fields({
          title: '电梯停运通知',
          body: '明天上午 **电梯检修**，请走楼梯。',
          category: '政策宣传',
          targets: [estate, c1[0]],
          coverFileId: cover,
          publishAt,
        }),
      },
      STATION_C1,
    );
    expect(saved).toMatchObject({ id, state: 'draft' });
    expect(saved.version).toBeGreaterThan(version);
    expect(await env.api.must({ action: 'draft', id }, STATION_C1)).toEqual({
      id,
      state: 'draft',
      title: '电梯停运通知',
      body: '明天上午 **电梯检修**，请走楼梯。',
      category: '政策宣传',
      coverFileId: cover,
      targets: [estate, c1[0]],
      publishAt,
      version: saved.version,
    });
    // The preview shows the new body as blocks, the schedule and the version to publish at.
    const preview = await env.api.must({ action: 'preview', id }, STATION_C1);
    expect(preview).toMatchObject({
      title: '电梯停运通知',
      publishAt,
      version: saved.version,
      coverFileId: expect.stringMatching(/^cloud:/),
    });
    expect(preview.blocks).toEqual([
      { type: 'paragraph', spans: [{ text: '明天上午 ' }, { text: '电梯检修', bold: true }, { text: '，请走楼梯。' }] },
    ]);
    // A save at the old version (another tab, another colleague) is refused and changes nothing.
    const stale = await env.api.call({ action: 'update', id, version, ...fields({ title: '旧标签页' }) }, STATION_C1);
    expect(stale).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    expect(stored(id)).toMatchObject({ title: '电梯停运通知', updatedAt: saved.version });
    // Dropping the time again: 立即发布.
    const again = await env.api.must({ action: 'update', id, version: saved.version, ...fields({ title: '电梯停运通知' }) }, STATION_C1);
    expect(stored(id)).toMatchObject({ publishAt: null, coverFileId: null, updatedAt: again.version });
  });

  it('新建 retried with its request id answers the draft already made; another author gets their own', async () => {
    const requestId = 'compose-retry-0001';
    const input = { action: 'create', requestId, ...fields({ title: '重试的公告' }) };
    const both = await Promise.all([env.api.must(input, STATION_C1), env.api.must(input, STATION_C1)]);
    const first = both.find((a) => !a.duplicate);
    expect(first).toMatchObject({ state: 'draft', duplicate: false });
    expect(both.map((a) => a.id)).toEqual([first.id, first.id]);
    expect(await env.api.must(input, STATION_C1)).toEqual({ ...first, duplicate: true });
    expect(env.cloud.store.count('announcements', { title: '重试的公告' })).toBe(1);

    const other = await env.api.must(
      { action: 'create', requestId, ...fields({ title: '重试的公告', targets: ['org-community-02'] }) },
      STATION_C2,
    );
    expect(other.id).not.toBe(first.id);
    expect(env.cloud.store.count('announcements', { title: '重试的公告' })).toBe(2);
    expect(await env.api.call({ action: 'create', requestId: 'no spaces allowed', ...fields() }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });

  it('bad input is refused with a clear message and changes nothing', async () => {
    const { id, version } = await newDraft();
    const before = stored(id);
    const cases: Array<[object, RegExp]> = [
      [{ id, ...fields() }, /version/],
      [{ id, version, ...fields({ title: '' }) }, /请填写标题/],
      [{ id, version, ...fields({ body: '字'.repeat(2001) }) }, /正文最多 2000/],
      [{ id, version, ...fields({ category: '广告' }) }, /类别/],
      [{ id, version, ...fields({ targets: [] }) }, /推送范围/],
      [{ id, version, ...fields({ coverFileId: 'https://example.com/a.png' }) }, /云文件/],
      [{ id, version, ...fields({ publishAt: nowMs() - MINUTE }) }, /至少在 5 分钟之后/],
      [{ id, version, ...fields({ publishAt: nowMs() + 2 * MINUTE }) }, /至少在 5 分钟之后/],
      [{ id, version, ...fields({ publishAt: nowMs() + 31 * 24 * HOUR }) }, /30 天之内/],
      [{ id, version, ...fields({ state: 'published' }) }, /state|Unrecognized/],
      [{ id, version: 'v1', ...fields() }, /version/],
    ];
    for (const [input, message] of cases) {
      const res = await env.api.call({ action: 'update', ...input }, STATION_C1);
      expect(res).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
      expect(res.message).toMatch(message);
    }
    expect(await env.api.call({ action: 'update', ...fields(), id: 'ann-nope', version }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(stored(id)).toEqual(before);
  });

  it('scope: targets outside the caller’s area, another station’s draft, residents — all refused', async () => {
    const { id, version } = await newDraft();
    const before = stored(id);
    const outside = buildingsOf('org-community-02')[0] as string;
    expect(
      await env.api.call({ action: 'update', id, version, ...fields({ targets: ['org-community-01', outside] }) }, STATION_C1),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    // Community 2's staff may neither open, change, publish nor delete community 1's draft.
    for (const action of ['draft', 'preview', 'publish']) {
      expect(await env.api.call({ action, id }, STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    }
    expect(await env.api.call({ action: 'update', id, version, ...fields({ targets: ['org-community-02'] }) }, STATION_C2)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await env.api.call({ action: 'discard', id, version }, STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    const resident = confirmedIn(c1)[0]?._id as string;
    expect(await env.api.call({ action: 'update', id, version, ...fields() }, resident)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(stored(id)).toEqual(before);
  });

  it('a published announcement can no longer change; publishing checks the previewed version', async () => {
    const { id, version } = await newDraft({ targets: [c1[0]] });
    const saved = await env.api.must({ action: 'update', id, version, ...fields({ title: '改过的标题', targets: [c1[0]] }) }, STATION_C1);
    // The preview the author saw was of the first version: publishing that one is refused.
    expect(await env.api.call({ action: 'publish', id, version }, STATION_C1)).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    expect(stored(id)).toMatchObject({ state: 'draft' });
    expect(await env.api.must({ action: 'publish', id, version: saved.version }, STATION_C1)).toMatchObject({ state: 'published' });
    for (const input of [
      { action: 'update', id, version: saved.version, ...fields() },
      { action: 'draft', id },
      { action: 'discard', id, version: saved.version },
    ]) {
      expect(await env.api.call(input, STATION_C1)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    }
    expect(stored(id)).toMatchObject({ state: 'published', title: '改过的标题' });
  });

  it('a save racing a publish: exactly one wins, and what went out is what was checked', async () => {
    for (let round = 0; round < 6; round++) {
      const { id, version } = await newDraft({ title: `原标题${round}`, targets: [c1[0]] });
      const checks = env.cloud.outbox.list('security.msgSecCheck').length;
      const [published, updated] = await Promise.all([
        env.api.call({ action: 'publish', id, version }, STATION_C1),
        env.api.call({ action: 'update', id, version, ...fields({ title: `新标题${round}`, targets: [c1[0]] }) }, STATION_C1),
      ]);
      const doc = stored(id);
      if (published.ok && published.data.state === 'published') {
        expect(updated).toMatchObject({ ok: false });
        expect(['STATE.INVALID_TRANSITION', 'STATE.CONFLICT']).toContain(updated.code);
        expect(doc).toMatchObject({ state: 'published', title: `原标题${round}` });
        // The text published is the text the content check saw.
        expect(env.cloud.outbox.list('security.msgSecCheck').slice(checks)).toEqual([
          expect.objectContaining({ content: expect.stringMatching(new RegExp(`^原标题${round}\\n`)) }),
        ]);
      } else {
        expect(published).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
        expect(updated).toMatchObject({ ok: true });
        expect(doc).toMatchObject({ state: 'draft', title: `新标题${round}`, buildingIds: [] });
        expect(env.api.rows(id)).toHaveLength(0);
      }
    }
  });

  it('定时发布: editing a scheduled one takes it back to draft; rescheduled, the timer publishes it at the new time and plans deliveries', async () => {
    const c2 = buildingsOf('org-community-02');
    const first = nowMs() + HOUR;
    const { id } = await env.api.must({ action: 'create', ...fields({ targets: ['org-community-02'], publishAt: first }) }, STATION_C2);
    expect(await env.api.must({ action: 'publish', id }, STATION_C2)).toMatchObject({ state: 'scheduled', publishAt: first, buildings: 0 });
    const listed = (await env.api.must({ action: 'mine' }, STATION_C2)).items.find((i: { id: string }) => i.id === id);
    expect(listed).toMatchObject({ state: 'scheduled', publishAt: first });

    // Reopened and moved to 3 hours ahead: back to draft (to be previewed and published again).
    const { version } = await env.api.must({ action: 'draft', id }, STATION_C2);
    const later = nowMs() + 3 * HOUR;
    const saved = await env.api.must(
      { action: 'update', id, version, ...fields({ title: '改期：楼道清理', targets: ['org-community-02'], publishAt: later }) },
      STATION_C2,
    );
    expect(saved).toMatchObject({ state: 'draft' });
    // Past the old time: nothing goes out (it is a draft now).
    const fired = await advance(HOUR + MINUTE);
    expect(fired.fired).toContainEqual(expect.objectContaining({ functionName: 'announce', ok: true }));
    expect(stored(id)).toMatchObject({ state: 'draft', publishAt: later });
    expect(env.api.rows(id)).toHaveLength(0);

    expect(await env.api.must({ action: 'publish', id, version: saved.version }, STATION_C2)).toMatchObject({
      state: 'scheduled',
      publishAt: later,
    });
    const resident = confirmedIn(c2)[0]?._id as string;
    expect((await env.api.must({ action: 'feed' }, resident)).items.map((i: { id: string }) => i.id)).not.toContain(id);
    // A minute before its time: still waiting.
    await advance(later - nowMs() - MINUTE);
    expect(stored(id)).toMatchObject({ state: 'scheduled' });
    // Its minute comes: the timer publishes it, plans every channel and the feed rows are delivered.
    await advance(2 * MINUTE);
    const doc = stored(id) as { state: string; planned: Record<string, number>; publishedAt: number };
    expect(doc.state).toBe('published');
    expect(doc.publishedAt).toBeGreaterThanOrEqual(later);
    expect(doc.planned).toMatchObject({ feed: confirmedIn(c2).length, share_task: c2.length });
    expect(env.api.rows(id, 'feed')).toHaveLength(confirmedIn(c2).length);
    expect(env.api.rows(id, 'feed').every((r) => r.state === 'delivered')).toBe(true);
    expect((await env.api.must({ action: 'feed' }, resident)).items[0]).toMatchObject({ id, title: '改期：楼道清理', read: false });
  });

  it('a scheduled one edited while the timer publishes it: never both', async () => {
    const at = nowMs() + 10 * MINUTE;
    const { id } = await env.api.must({ action: 'create', ...fields({ targets: [c1[1]], publishAt: at }) }, STATION_C1);
    await env.api.must({ action: 'publish', id }, STATION_C1);
    const { version } = await env.api.must({ action: 'draft', id }, STATION_C1);
    env.cloud.clock.advance(11 * MINUTE);
    const [, edit] = await Promise.all([
      env.api.drain(),
      env.api.call({ action: 'update', id, version, ...fields({ title: '抢在发布前修改', targets: [c1[1]] }) }, STATION_C1),
    ]);
    const doc = stored(id);
    if (edit.ok) {
      expect(doc).toMatchObject({ state: 'draft', title: '抢在发布前修改', buildingIds: [] });
      expect(env.api.rows(id)).toHaveLength(0);
    } else {
      expect(edit.code).toBe('STATE.INVALID_TRANSITION');
      expect(doc).toMatchObject({ state: 'published', title: '楼道清理通知' });
    }
  });

  it('publishing a draft whose time has passed is refused (change the time or publish now)', async () => {
    const { id } = await newDraft({ targets: [c1[0]], publishAt: nowMs() + 6 * MINUTE });
    env.cloud.clock.advance(7 * MINUTE);
    const res = await env.api.call({ action: 'publish', id }, STATION_C1);
    expect(res).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    expect(res.message).toMatch(/时间已经过了/);
    expect(stored(id)).toMatchObject({ state: 'draft' });
  });

  it('删除草稿: a draft or a scheduled one is removed at its version; a stale version is refused', async () => {
    const { id, version } = await newDraft();
    expect(await env.api.call({ action: 'discard', id, version: version - 1 }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
    });
    expect(stored(id)).toBeDefined();
    expect(await env.api.must({ action: 'discard', id, version }, STATION_C1)).toEqual({ id });
    expect(env.cloud.store.findById('announcements', id)).toBeNull();
    expect(await env.api.call({ action: 'draft', id }, STATION_C1)).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });

    const scheduled = await newDraft({ publishAt: nowMs() + HOUR });
    await env.api.must({ action: 'publish', id: scheduled.id }, STATION_C1);
    const { version: v2 } = await env.api.must({ action: 'draft', id: scheduled.id }, STATION_C1);
    await env.api.must({ action: 'discard', id: scheduled.id, version: v2 }, STATION_C1);
    env.cloud.clock.advance(HOUR + MINUTE);
    await env.api.drain();
    expect(env.cloud.store.findById('announcements', scheduled.id)).toBeNull();
    expect(env.api.rows(scheduled.id)).toHaveLength(0);
  });
});
