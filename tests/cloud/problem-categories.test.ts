import type { ProblemDoc } from '../../src/domain/problem/problem.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { INSTITUTE, problemClient, STATION_C1, tianfuResidents, UNIT_STAFF_C1 } from './problem-support';

const [resident] = tianfuResidents;
if (!resident) throw new Error('no resident in 天府花园');

// A cold function instance on a busy machine takes seconds; the steps themselves are quick.
jest.setTimeout(60_000);

describe('问题类别: institute staff keep the 街道’s categories', () => {
  const env = withTestCloud(problemClient);
  const stored = (id: string) => env.cloud.store.findById('problems', id) as unknown as ProblemDoc;
  type Row = {
    categoryId: string;
    name: string;
    deadlineDays: number;
    followUpDays: number;
    active: boolean;
    updatedAt: number;
    handlerKind?: string;
  };
  const rowOf = (view: { categories: Row[] }, id: string) => view.categories.find((c) => c.categoryId === id) as Row;
  const edit = (row: Row, change: Partial<Row> = {}) => ({
    categoryId: row.categoryId,
    expectedUpdatedAt: row.updatedAt,
    name: row.name,
    handlerKind: 'property',
    deadlineDays: row.deadlineDays,
    followUpDays: row.followUpDays,
    active: row.active,
    ...change,
  });

  it('edits name, handler, deadline and 回头看 days; new reports take them, old ones keep theirs', async () => {
    const before = await env.api.report(resident._id, { categoryId: 'pc-ads', description: '单元门口贴满小广告' });
    const view = await env.api.must('categories', INSTITUTE);
    expect(view).toMatchObject({ subdistrictId: 'org-subdistrict-01', subdistrictName: '桂溪街道' });
    expect(view.categories).toHaveLength(10);
    const ads = rowOf(view, 'pc-ads');
    expect(ads).toMatchObject({ name: '小广告', deadlineDays: 2, deadlineLabel: '2 个工作日内处置', handlerLabel: '物业公司' });

    const saved = await env.api.must(
      'saveCategory',
      INSTITUTE,
      edit(ads, { name: '小广告（张贴、涂写）', deadlineDays: 1, followUpDays: 14 }),
    );
    expect(rowOf(saved, 'pc-ads')).toMatchObject({
      name: '小广告（张贴、涂写）',
      deadlineDays: 1,
      deadlineLabel: '1 个工作日内处置',
      followUpDays: 14,
    });
    // A save over that edit from a screen that still showed the old version is refused.
    expect(await env.api.call({ action: 'saveCategory', ...edit(ads, { deadlineDays: 3 }) }, INSTITUTE)).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
    });

    const setup = await env.api.must('reportSetup', resident._id);
    expect(setup.categories.find((c: { categoryId: string }) => c.categoryId === 'pc-ads')).toMatchObject({
      name: '小广告（张贴、涂写）',
      deadlineLabel: '1 个工作日内处置',
    });
    const after = await env.api.report(resident._id, { categoryId: 'pc-ads', description: '楼道墙上新贴的小广告' });
    expect(stored(after)).toMatchObject({ categoryName: '小广告（张贴、涂写）', deadlineDays: 1, followUpDays: 14 });
    expect(stored(before)).toMatchObject({ categoryName: '小广告', deadlineDays: 2, followUpDays: 7 });
  });

  it('adds a category once per request, refuses a taken name, and a switched-off one leaves the 随手拍 form', async () => {
    const add = {
      requestId: 'req-cat-throwing',
      name: '高空抛物',
      handlerKind: 'department',
      deadlineDays: 3,
      followUpDays: 7,
      active: true,
    };
    const added = await env.api.must('saveCategory', INSTITUTE, add);
    expect(added.categories).toHaveLength(11);
    const row = added.categories.at(-1);
    expect(row).toMatchObject({ name: '高空抛物', handlerLabel: '职能部门', order: 11 });
    // A retried save adds nothing twice.
    expect((await env.api.must('saveCategory', INSTITUTE, add)).categories).toHaveLength(11);
    expect(await env.api.call({ action: 'saveCategory', ...add, requestId: 'req-cat-again', name: '高空 抛物' }, INSTITUTE)).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
    });
    expect((await env.api.must('reportSetup', resident._id)).categories.map((c: { name: string }) => c.name)).toContain('高空抛物');

    const off = await env.api.must('saveCategory', INSTITUTE, edit(row, { handlerKind: 'department', active: false }));
    expect(rowOf(off, row.categoryId).active).toBe(false);
    expect((await env.api.must('reportSetup', resident._id)).categories.map((c: { name: string }) => c.name)).not.toContain('高空抛物');
    expect(
      await env.api.call(
        { action: 'report', categoryId: row.categoryId, requestId: 'r-x', description: '楼上扔下来一个花盆', photos: [] },
        resident._id,
      ),
    ).toMatchObject({ ok: false });
  });

  it('only institute staff of the 街道, and only sensible values', async () => {
    const ads = rowOf(await env.api.must('categories', INSTITUTE), 'pc-garbage');
    for (const who of [STATION_C1, UNIT_STAFF_C1, resident._id]) {
      const answer = await env.api.call({ action: 'categories' }, who);
      expect({ who, answer }).toMatchObject({ who, answer: { ok: false, code: 'AUTH.FORBIDDEN' } });
      const save = await env.api.call({ action: 'saveCategory', ...edit(ads, { deadlineDays: 5 }) }, who);
      expect({ who, save }).toMatchObject({ who, save: { ok: false, code: 'AUTH.FORBIDDEN' } });
    }
    // Naming the 街道 gives a station no say over its categories.
    expect(await env.api.call({ action: 'categories', subdistrictId: 'org-subdistrict-01' }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await env.api.call({ action: 'categories', subdistrictId: 'org-community-01' }, INSTITUTE)).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    for (const bad of [
      { deadlineDays: 31 },
      { deadlineDays: -1 },
      { deadlineDays: 1.5 },
      { followUpDays: 0 },
      { name: ' ' },
      { handlerKind: 'police' },
    ]) {
      const answer = await env.api.call({ action: 'saveCategory', ...edit(ads, bad as Partial<Row>) }, INSTITUTE);
      expect({ bad, answer }).toMatchObject({ bad, answer: { ok: false, code: 'INPUT.INVALID' } });
    }
    expect(await env.api.call({ action: 'saveCategory', ...edit(ads), categoryId: 'pc-nope' }, INSTITUTE)).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
  });
});
