import { LEDGER_EXPORT_HEADERS } from '../../src/domain/problem/ledger.views';
import type { ProblemDoc, ProblemEventDoc } from '../../src/domain/problem/problem.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { downloadExport } from '../support/xlsx';
import {
  CITY_OPS,
  INSTITUTE,
  PROPERTY_C1,
  photo,
  problemClient,
  STATION_C1,
  STATION_C2,
  tianfuResidents,
  UNIT_STAFF_C1,
  UNIT_STAFF_C2,
} from './problem-support';

const [resident] = tianfuResidents;
if (!resident) throw new Error('need a resident in 天府花园');

jest.setTimeout(60_000);

const STATE_LABELS: Record<string, string> = {
  reported: '待立案',
  registered: '待派遣',
  dispatched: '处置中',
  fixed: '待核查',
  closed: '已销号',
  dismissed: '不予立案',
};
const KIND_LABELS: Record<string, string> = { resident: '居民', building_head: '楼栋长' };
/** A cell's time as Excel shows it (Beijing wall clock), to the second. */
const wall = (ms: number | null) => (ms === null ? '' : new Date(Math.round((ms + 8 * 3600_000) / 1000) * 1000).toISOString());
const cellTime = (cell: string) => (cell === '' ? '' : new Date(Math.round(Date.parse(cell) / 1000) * 1000).toISOString());
const TIME_COLUMNS = [1, 7, 9];
const normalise = (row: string[]) =>
  LEDGER_EXPORT_HEADERS.map((_h, i) => (TIME_COLUMNS.includes(i) ? cellTime(row[i] ?? '') : (row[i] ?? '')));

describe('问题台账: filters, counts, Excel export and 整改通知单, each in its scope', () => {
  const env = withTestCloud(problemClient);
  const problems = (where: Record<string, unknown>) =>
    (env.cloud.store.find('problems', where, { limit: 1000 }) as unknown as ProblemDoc[]).sort((a, b) =>
      b.sortKey.localeCompare(a.sortKey),
    );
  const user = (openid: string) => env.cloud.store.findById('users', openid) as unknown as { displayName: string };
  /** What the 街道 expects in each column, worked out from the stored problem and its timeline. */
  const expectedRow = (p: ProblemDoc, now: number): string[] => {
    const checks = (env.cloud.store.find('problem_events', { problemId: p._id }, { limit: 1000 }) as unknown as ProblemEventDoc[])
      .filter((e) => ['verify_pass', 'verify_fail', 'self_fix'].includes(e.event))
      .sort((a, b) => b.seq - a.seq);
    const checker = checks[0] ? `${checks[0].actorLabel} ${user(checks[0].byOpenid).displayName}` : '';
    const overdue =
      p.deadlineAt !== null &&
      (p.overdueLevel > 0 || (p.state === 'dispatched' ? p.deadlineAt < now : p.fixedAt !== null && p.fixedAt > p.deadlineAt));
    return [
      p.no,
      wall(p.createdAt),
      `${p.reporterName}（${KIND_LABELS[p.reporterKind]}）`,
      [[p.estateName, p.buildingName].filter(Boolean).join(' '), p.placeText].filter(Boolean).join(' · '),
      p.categoryName,
      p.description,
      p.selfFixed ? '自查自处' : p.unitNames.join('、'),
      wall(p.deadlineAt),
      STATE_LABELS[p.state] as string,
      wall(p.fixedAt),
      checker,
      overdue ? '是' : '否',
      String(p.reworkCount),
    ];
  };

  let reworked = '';

  beforeAll(async () => {
    // One problem through 返工 and 销号 on top of the seeded ones: 核查人 and 返工次数 in the file.
    reworked = await env.api.report(resident._id, { categoryId: 'pc-garbage', description: '东门垃圾桶旁堆了装修垃圾' });
    await env.api.transition(reworked, 'register', STATION_C1);
    await env.api.transition(reworked, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1] });
    await env.api.must('fix', UNIT_STAFF_C1, { problemId: reworked, photos: [photo('ledger-fix-1')] });
    await env.api.must('verify', STATION_C1, { problemId: reworked, pass: false, note: '还有残留垃圾' });
    await env.api.must('fix', UNIT_STAFF_C1, { problemId: reworked, photos: [photo('ledger-fix-2')] });
    await env.api.must('verify', STATION_C1, { problemId: reworked, pass: true });
  });

  it('the station exports its 社区: title, the 13 headers, and every problem row by row as stored', async () => {
    env.cloud.store.clearUnindexedScans();
    const file = await env.api.must('exportLedger', STATION_C1, {});
    const now = Date.now();
    const mine = problems({ communityId: 'org-community-01' });
    expect(mine.length).toBeGreaterThanOrEqual(7);
    expect(file).toMatchObject({ rowCount: mine.length, truncated: false });
    expect(file.fileName).toMatch(/^问题台账_和平社区_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [sheet] = await downloadExport(file);
    expect(sheet?.name).toBe('问题台账');
    expect(sheet?.rows[0]?.[0]).toBe('问题台账 · 和平社区 · 上报时间 全部上报时间');
    expect(sheet?.rows[1]).toEqual([...LEDGER_EXPORT_HEADERS]);
    const body = (sheet?.rows ?? []).slice(2).map(normalise);
    expect(body).toEqual(mine.map((p) => expectedRow(p, now)));

    // The rows a person would check by eye: the reworked one, and the seeded 井盖 closed by the station.
    const station = user(STATION_C1).displayName;
    const reworkRow = body.find((r) => r[0] === problems({ _id: reworked })[0]?.no);
    expect(reworkRow?.slice(4)).toEqual([
      '暴露垃圾',
      '东门垃圾桶旁堆了装修垃圾',
      '天府物业服务有限公司',
      expect.any(String),
      '已销号',
      expect.any(String),
      `社区实践站 ${station}`,
      '否',
      '1',
    ]);
    expect(reworkRow?.[2]).toBe(`${resident.displayName}（居民）`);
    const manhole = body.find((r) => r[5] === '小区主干道井盖松动，车辆经过有响声');
    expect(manhole?.slice(6, 13)).toEqual([
      '桂溪街道城管中队',
      expect.any(String),
      '已销号',
      expect.any(String),
      `社区实践站 ${station}`,
      '否',
      '0',
    ]);
    // No other community's problem is in the file.
    const others = problems({ communityId: 'org-community-02' }).map((p) => p.no);
    expect(body.filter((r) => others.includes(r[0] as string))).toEqual([]);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('filters: state, category, unit, 小区 and reported-at days narrow the page, the counts and the file alike', async () => {
    env.cloud.store.clearUnindexedScans();
    const all = problems({ communityId: 'org-community-01' });
    const view = await env.api.must('ledger', STATION_C1, { tab: 'closed' });
    expect(view.scope).toEqual({ kind: 'community', label: '和平社区' });
    expect(view.items.map((p: { problemId: string }) => p.problemId)).toEqual(all.filter((p) => p.state === 'closed').map((p) => p._id));
    for (const state of Object.keys(STATE_LABELS)) expect(view.counts[state]).toBe(all.filter((p) => p.state === state).length);
    expect(view.units.map((u: { unitId: string }) => u.unitId)).toEqual(expect.arrayContaining([PROPERTY_C1, CITY_OPS]));
    expect(view.units.map((u: { unitId: string }) => u.unitId)).not.toContain('unit-property-02');

    // By unit: counts only what the unit has.
    const byUnit = await env.api.must('ledger', STATION_C1, { unitId: PROPERTY_C1 });
    const withUnit = all.filter((p) => p.unitIds.includes(PROPERTY_C1));
    expect(byUnit.items.map((p: { problemId: string }) => p.problemId)).toEqual(withUnit.map((p) => p._id));
    expect(Object.values(byUnit.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(withUnit.length);

    // Reported in the last 6 days (China days): the older seeded ones are out, the counts follow.
    const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
    const fromDay = day(Date.now() - 6 * 86_400_000);
    const recent = all.filter((p) => day(p.createdAt) >= fromDay);
    const windowed = await env.api.must('ledger', STATION_C1, { fromDay, toDay: day(Date.now()) });
    expect(windowed.items.map((p: { problemId: string }) => p.problemId)).toEqual(recent.map((p) => p._id));
    expect(windowed.items.length).toBeLessThan(all.length);
    expect(windowed.counts.closed).toBe(recent.filter((p) => p.state === 'closed').length);

    // The file of category + 小区 holds exactly those rows, its title says the filter.
    const file = await env.api.must('exportLedger', STATION_C1, { categoryId: 'pc-garbage', estateId: 'org-estate-01', fromDay });
    const [sheet] = await downloadExport(file);
    expect(sheet?.rows[0]?.[0]).toBe(`问题台账 · 和平社区 · 上报时间 ${fromDay} 起 · 天府花园 · 暴露垃圾`);
    const garbage = recent.filter((p) => p.categoryId === 'pc-garbage' && p.estateId === 'org-estate-01');
    expect(garbage.length).toBeGreaterThanOrEqual(1);
    expect((sheet?.rows ?? []).slice(2).map((r) => r[0])).toEqual(garbage.map((p) => p.no));

    // Bad days are refused with a reason, not an empty list.
    expect(await env.api.call({ action: 'ledger', fromDay: '2026-02-30' }, STATION_C1)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await env.api.call({ action: 'exportLedger', fromDay: '2026-12-02', toDay: '2026-11-01' }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('scope: a unit sees and exports only its own; another community or unit is OUT_OF_SCOPE; residents are FORBIDDEN', async () => {
    env.cloud.store.clearUnindexedScans();
    const own = problems({ subdistrictId: 'org-subdistrict-01' }).filter((p) => p.unitIds.includes(PROPERTY_C1));
    expect(own.length).toBeGreaterThanOrEqual(3);
    const view = await env.api.must('ledger', UNIT_STAFF_C1, {});
    expect(view.scope).toEqual({ kind: 'unit', label: '天府物业服务有限公司' });
    expect(view.items.map((p: { problemId: string }) => p.problemId)).toEqual(own.map((p) => p._id));
    const file = await env.api.must('exportLedger', UNIT_STAFF_C1, {});
    const [sheet] = await downloadExport(file);
    const rows = (sheet?.rows ?? []).slice(2);
    expect(rows.map((r) => r[0])).toEqual(own.map((p) => p.no));
    for (const r of rows) expect(r[6]).toContain('天府物业服务有限公司');

    // 紫荆物业 has nothing of 天府物业's, and cannot ask for it.
    const zijing = await env.api.must('exportLedger', UNIT_STAFF_C2, {});
    expect(zijing.rowCount).toBe(
      problems({ subdistrictId: 'org-subdistrict-01' }).filter((p) => p.unitIds.includes('unit-property-02')).length,
    );
    for (const [who, filter] of [
      [UNIT_STAFF_C2, { unitId: PROPERTY_C1 }],
      [UNIT_STAFF_C1, { unitId: CITY_OPS }],
      [STATION_C2, { communityId: 'org-community-01' }],
      [STATION_C2, { estateId: 'org-estate-01' }],
    ] as const) {
      for (const action of ['exportLedger', 'ledger'])
        expect(await env.api.call({ action, ...filter }, who)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    }
    // The other station's own export holds none of 和平社区's problems.
    const c2 = await downloadExport(await env.api.must('exportLedger', STATION_C2, {}));
    const c1Nos = problems({ communityId: 'org-community-01' }).map((p) => p.no);
    expect((c2[0]?.rows ?? []).slice(2).filter((r) => c1Nos.includes(r[0] as string))).toEqual([]);
    expect(await env.api.call({ action: 'exportLedger' }, resident._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });

    // The institute sees the whole 街道 and may narrow to one 社区.
    const institute = await env.api.must('ledger', INSTITUTE, { communityId: 'org-community-01', tab: 'closed' });
    expect(institute.scope.kind).toBe('subdistrict');
    expect(institute.communities.map((c: { name: string }) => c.name)).toContain('和平社区');
    expect(institute.estates.map((e: { name: string }) => e.name)).toContain('天府花园');
    expect(institute.counts.closed).toBe(problems({ communityId: 'org-community-01', state: 'closed' }).length);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('pages: every problem once, newest first, across the reported-at slices a page reads (week, month, …, older)', async () => {
    env.cloud.store.clearUnindexedScans();
    // 45 more closed ones in 和平社区 spread over two years (some the same millisecond), beside the others.
    const template = problems({ communityId: 'org-community-01', state: 'closed' })[0];
    if (!template) throw new Error('the seed has a closed problem in 和平社区');
    const now = Date.now();
    const extra = Array.from({ length: 45 }, (_x, i) => {
      const createdAt = now - Math.floor((i * i * 730 * 86_400_000) / (44 * 44)) - (i % 3 === 0 ? 0 : 1);
      const _id = `pb-page-${String(i).padStart(3, '0')}`;
      return { ...template, _id, no: `WT-PAGE-${i}`, createdAt, sortKey: `${String(createdAt).padStart(13, '0')}-${_id}` };
    });
    env.cloud.store.insert('problems', extra as never[]);
    const expected = problems({ communityId: 'org-community-01' }).map((p) => p._id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 10; n++) {
      const page = await env.api.must('ledger', STATION_C1, cursor ? { cursor } : {});
      seen.push(...page.items.map((p: { problemId: string }) => p.problemId));
      if (n === 0) expect(Object.values(page.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(expected.length);
      else expect(page.counts).toBeNull();
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(expected);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('整改通知单: the station and the unit it went to open it; others are refused; not before 派遣', async () => {
    const dispatched = problems({ communityId: 'org-community-01', state: 'dispatched' }).find((p) => p.unitIds[0] === PROPERTY_C1);
    if (!dispatched) throw new Error('seed has a problem with 天府物业');
    const notice = await env.api.must('rectificationNotice', STATION_C1, { problemId: dispatched._id });
    expect(notice).toMatchObject({
      no: dispatched.no,
      unitName: '天府物业服务有限公司',
      description: dispatched.description,
      categoryName: dispatched.categoryName,
      issuer: '和平社区新时代文明实践站',
      deadlineAt: dispatched.deadlineAt,
      stateLabel: '处置中',
    });
    expect(notice.placeLabel).toContain('天府花园');
    expect(notice.deadlineLabel).toMatch(/^(当天|\d+ 个工作日内)（\d{4}年\d{1,2}月\d{1,2}日 24 时前）$/);
    expect(notice.requirements.length).toBeGreaterThanOrEqual(3);
    expect(await env.api.must('rectificationNotice', UNIT_STAFF_C1, { problemId: dispatched._id })).toEqual(notice);
    expect(await env.api.call({ action: 'rectificationNotice', problemId: dispatched._id }, UNIT_STAFF_C2)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await env.api.call({ action: 'rectificationNotice', problemId: dispatched._id }, STATION_C2)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await env.api.call({ action: 'rectificationNotice', problemId: dispatched._id }, resident._id)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    const waiting = problems({ communityId: 'org-community-01', state: 'reported' })[0] as ProblemDoc;
    expect(await env.api.call({ action: 'rectificationNotice', problemId: waiting._id }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
  });
});
