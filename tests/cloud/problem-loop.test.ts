import type { ProblemDoc, ProblemEventDoc } from '../../src/domain/problem/problem.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { headOf, PROPERTY_C1, photo, problemClient, reportInput, STATION_C1, tianfuResidents, UNIT_STAFF_C1 } from './problem-support';

const [resident] = tianfuResidents;
if (!resident) throw new Error('no resident in 天府花园');
const head = headOf(resident);
const DAY = 24 * 60 * 60 * 1000;

// A cold function instance on a busy machine takes seconds; the steps themselves are quick.
jest.setTimeout(30_000);

describe('grid problem loop through the local cloud: 随手拍 → 立案 → 派遣 → 处置 → 核查 → 销号 → 回头看', () => {
  const env = withTestCloud(problemClient);
  const stored = (id: string) => env.cloud.store.findById('problems', id) as unknown as ProblemDoc;
  const events = (id: string) =>
    (env.cloud.store.find('problem_events', { problemId: id }) as unknown as ProblemEventDoc[]).sort((a, b) => a.seq - b.seq);
  /** Unindexed scans of the problem collections (other functions' timers are theirs to answer for). */
  const problemScans = () => env.cloud.store.unindexedScans().filter((s) => /problem|handling_units/.test(s.collection));
  const buttons = (detail: { actions: { event: string }[] }) => detail.actions.map((a) => a.event);

  it('the whole loop, with a 返工 and a 回潮, one timeline event per step and no unindexed query', async () => {
    env.cloud.store.clearUnindexedScans();
    // The form opens with one call: categories and the resident's own building.
    const setup = await env.api.must('reportSetup', resident._id);
    expect(setup.categories).toHaveLength(10);
    expect(setup.categories[0]).toMatchObject({ name: '暴露垃圾', deadlineLabel: '当天处置' });
    expect(setup.place).toMatchObject({ buildingId: resident.buildingId, estateName: '天府花园' });
    expect(setup).toMatchObject({ canSelfFix: false, blocked: null });

    const input = reportInput();
    const filed = await env.api.must('report', resident._id, input);
    expect(filed).toMatchObject({ filed: true, state: 'reported', stateLabel: '待立案', selfFixed: false });
    const id = filed.problemId as string;
    // A retried submit answers the same problem.
    expect(await env.api.must('report', resident._id, input)).toEqual(filed);
    expect(stored(id)).toMatchObject({
      communityId: 'org-community-01',
      estateId: 'org-estate-01',
      buildingId: resident.buildingId,
      reporterOpenid: resident._id,
      reporterKind: 'resident',
      categoryName: '楼道堆物',
      deadlineDays: 1,
      version: 1,
    });

    // The station sees it in its 台账 and may 立案 or 不予立案.
    const ledger = await env.api.must('ledger', STATION_C1, { tab: 'reported' });
    expect(ledger.items.map((p: { problemId: string }) => p.problemId)).toContain(id);
    expect(ledger.counts.reported).toBeGreaterThanOrEqual(1);
    expect(ledger.estates.map((e: { name: string }) => e.name)).toContain('天府花园');
    const staffView = await env.api.must('detail', STATION_C1, { problemId: id });
    expect(buttons(staffView)).toEqual(['register', 'dismiss']);
    expect(staffView.problem.reporterName).toBe(resident.displayName);

    const registered = await env.api.transition(id, 'register', STATION_C1);
    expect(registered.problem).toMatchObject({ state: 'registered', stateLabel: '待派遣', version: 2 });
    expect(buttons(registered)).toEqual(['dispatch']);
    // 派遣 choices: the 小区's own property company first.
    expect(registered.unitOptions[0]).toMatchObject({ unitId: PROPERTY_C1, kindLabel: '物业公司', suggested: true });
    expect(registered.unitOptions.map((u: { unitId: string }) => u.unitId)).not.toContain('unit-property-02');

    const dispatched = await env.api.transition(id, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1], expectedVersion: 2 });
    expect(dispatched.problem).toMatchObject({ state: 'dispatched', unitNames: ['天府物业服务有限公司'], overdueLevel: 0 });
    expect(dispatched.problem.deadlineAt).toBeGreaterThan(Date.now());

    // The unit finds it in its list and sees the reporter's masked name, then fixes it.
    const inbox = await env.api.must('unitInbox', UNIT_STAFF_C1);
    expect(inbox.items.map((p: { problemId: string }) => p.problemId)).toContain(id);
    const unitView = await env.api.must('detail', UNIT_STAFF_C1, { problemId: id });
    expect(buttons(unitView)).toEqual(['return', 'fix', 'request_extension']);
    expect(await env.api.call({ action: 'fix', problemId: id, photos: [] }, UNIT_STAFF_C1)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    const fixed = await env.api.must('fix', UNIT_STAFF_C1, { problemId: id, photos: [photo('after-1')], note: '已清运' });
    expect(fixed.problem).toMatchObject({
      state: 'fixed',
      stateLabel: '待核查',
      fixPhotos: [await env.api.fileOf(UNIT_STAFF_C1, 'after-1')],
      fixNote: '已清运',
    });

    // The grid worker (building head) checks on site: not good enough → 返工.
    const grid = await env.api.must('gridList', head, { tab: 'fixed' });
    expect(grid.items.map((p: { problemId: string }) => p.problemId)).toContain(id);
    expect(await env.api.call({ action: 'verify', problemId: id, pass: false }, head)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    const rework = await env.api.must('verify', head, {
      problemId: id,
      pass: false,
      note: '纸箱清了，旧沙发还在',
      photos: [photo('check-1')],
    });
    expect(rework.problem).toMatchObject({ state: 'dispatched', reworkCount: 1 });

    await env.api.must('fix', UNIT_STAFF_C1, { problemId: id, photos: [photo('after-2')], note: '旧沙发已搬走' });
    const closed = await env.api.must('verify', STATION_C1, { problemId: id, pass: true, photos: [photo('check-2')] });
    expect(closed.problem).toMatchObject({ state: 'closed', stateLabel: '已销号', reworkCount: 1 });
    expect(closed.problem.followUpAt).toBe(closed.problem.closedAt + 7 * DAY);

    // 回头看 is not due yet; seven days on, the building head finds 回潮 and it is reopened.
    expect(buttons(await env.api.must('detail', head, { problemId: id }))).toEqual([]);
    expect(await env.api.call({ action: 'followUp', problemId: id, relapse: true, note: '又堆上了' }, head)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    env.cloud.clock.advance(7 * DAY + 60 * 1000);
    expect(buttons(await env.api.must('detail', head, { problemId: id }))).toEqual(['follow_up', 'relapse']);
    const reopened = await env.api.must('followUp', head, { problemId: id, relapse: true, note: '楼道又堆满了杂物' });
    expect(reopened.problem).toMatchObject({ state: 'registered', relapseCount: 1, reworkCount: 1, unitNames: [], followUpAt: null });
    // The unit no longer has it in hand; the station dispatches it again.
    const after = await env.api.must('unitInbox', UNIT_STAFF_C1);
    expect(after.items.map((p: { problemId: string }) => p.problemId)).not.toContain(id);
    await env.api.transition(id, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1] });
    expect((await env.api.must('unitInbox', UNIT_STAFF_C1)).items.map((p: { problemId: string }) => p.problemId)).toContain(id);

    // The reporter follows it in 我的随手拍, with the whole timeline and nobody's personal data.
    const mine = await env.api.must('mine', resident._id);
    expect(mine.items[0]).toMatchObject({ problemId: id, state: 'dispatched', reworkCount: 1, relapseCount: 1 });
    const own = await env.api.must('detail', resident._id, { problemId: id });
    expect(own.problem.reporterName).toBe('');
    expect(buttons(own)).toEqual([]);
    expect(own.timeline.map((e: { label: string }) => e.label)).toEqual([
      '上报',
      '立案',
      '派遣',
      '处置完成',
      '核查不通过，返工',
      '处置完成',
      '核查通过，销号',
      '回头看：回潮，重新立案',
      '派遣',
    ]);
    expect(own.timeline.map((e: { actorLabel: string }) => e.actorLabel)).toEqual([
      '居民',
      '社区实践站',
      '社区实践站',
      '天府物业服务有限公司',
      '楼栋长',
      '天府物业服务有限公司',
      '社区实践站',
      '楼栋长',
      '社区实践站',
    ]);
    expect(events(id).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stored(id).version).toBe(9);
    expect(problemScans()).toEqual([]);
  }, 30_000);

  it('a stale screen cannot act twice: the version it saw is checked', async () => {
    const id = await env.api.report(resident._id);
    await env.api.transition(id, 'register', STATION_C1, { expectedVersion: 1 });
    expect(
      await env.api.call({ action: 'transition', problemId: id, event: 'dismiss', note: '重复', expectedVersion: 1 }, STATION_C1),
    ).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
    });
    expect(await env.api.call({ action: 'transition', problemId: id, event: 'register' }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
  });

  it('不予立案 needs a reason and tells the reporter', async () => {
    const id = await env.api.report(resident._id);
    expect(await env.api.call({ action: 'transition', problemId: id, event: 'dismiss' }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    const dismissed = await env.api.transition(id, 'dismiss', STATION_C1, { note: '不属于本社区管理范围' });
    expect(dismissed.problem).toMatchObject({ state: 'dismissed', stateLabel: '不予立案', dismissNote: '不属于本社区管理范围' });
    const own = await env.api.must('detail', resident._id, { problemId: id });
    expect(own.problem.dismissNote).toBe('不属于本社区管理范围');
  });

  it('a unit returns a problem that is not theirs: back to 待派遣 and out of its list', async () => {
    const id = await env.api.report(resident._id);
    await env.api.transition(id, 'register', STATION_C1);
    await env.api.transition(id, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1] });
    const returned = await env.api.transition(id, 'return', UNIT_STAFF_C1, { note: '属于市政管网，不归物业' });
    expect(returned.problem).toMatchObject({ state: 'registered', unitNames: [] });
    expect(returned.actions).toEqual([]);
    expect(await env.api.call({ action: 'detail', problemId: id }, UNIT_STAFF_C1)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
  });

  it('督办: past the deadline it is flagged 超期; past twice the deadline it is escalated', async () => {
    const id = await env.api.report(resident._id, { categoryId: 'pc-garbage' }); // 当天
    await env.api.transition(id, 'register', STATION_C1);
    await env.api.transition(id, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1] });
    env.cloud.store.clearUnindexedScans();
    env.cloud.clock.advance(10 * DAY);
    const runs = await env.cloud.timers.tick();
    expect(runs.filter((r) => r.functionName === 'problem')).toEqual([
      expect.objectContaining({ functionName: 'problem', triggerName: 'supervise', ok: true }),
    ]);
    expect(problemScans()).toEqual([]);
    expect(stored(id)).toMatchObject({ state: 'dispatched', overdueLevel: 2 });
    expect(
      events(id)
        .slice(-2)
        .map((e) => [e.event, e.byParty, e.actorLabel]),
    ).toEqual([
      ['supervise', 'system', '系统'],
      ['escalate', 'system', '系统'],
    ]);
    // A second sweep flags nothing twice.
    await env.cloud.timers.tick();
    expect(stored(id).version).toBe(5);
    const overdue = await env.api.must('ledger', STATION_C1, { overdueOnly: true });
    expect(overdue.items.find((p: { problemId: string }) => p.problemId === id)).toMatchObject({ overdue: true, overdueLevel: 2 });
    const institute = await env.api.must('ledger', 'o-institute-01', { tab: 'dispatched' });
    expect(institute.items.map((p: { problemId: string }) => p.problemId)).toContain(id);
    // A caller cannot pass for the timer.
    expect(await env.api.call({ Type: 'Timer', TriggerName: 'supervise' }, resident._id)).toMatchObject({
      ok: false,
      code: 'INPUT.UNKNOWN_ACTION',
    });
  }, 30_000);
});
