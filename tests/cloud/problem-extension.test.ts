import { chinaDay } from '../../src/domain/problem/problem.rules';
import type { ProblemDoc } from '../../src/domain/problem/problem.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { PROPERTY_C1, problemClient, STATION_C1, tianfuResidents, UNIT_STAFF_C1, UNIT_STAFF_C2 } from './problem-support';

const [resident] = tianfuResidents;
if (!resident) throw new Error('no resident in 天府花园');
const DAY = 24 * 60 * 60 * 1000;

// A cold function instance on a busy machine takes seconds; the steps themselves are quick.
jest.setTimeout(60_000);

describe('延期申请: the unit asks once, the station approves or refuses, 督办 follows the deadline', () => {
  const env = withTestCloud(problemClient);
  const stored = (id: string) => env.cloud.store.findById('problems', id) as unknown as ProblemDoc;
  const buttons = (detail: { actions: { event: string }[] }) => detail.actions.map((a) => a.event);
  const dispatched = async () => {
    const id = await env.api.report(resident._id);
    await env.api.transition(id, 'register', STATION_C1);
    await env.api.transition(id, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1] });
    return id;
  };

  it('approved: the deadline moves to the day asked for and the 督办 timer waits for it', async () => {
    const id = await dispatched();
    const deadline = stored(id).deadlineAt as number;
    const askedDay = chinaDay(deadline + 5 * DAY);
    expect(buttons(await env.api.must('detail', UNIT_STAFF_C1, { problemId: id }))).toEqual(['return', 'fix', 'request_extension']);
    // A reason and a day after the deadline are needed; only the unit may ask.
    expect(
      await env.api.call({ action: 'requestExtension', problemId: id, reason: '', deadlineDay: askedDay }, UNIT_STAFF_C1),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(
      await env.api.call({ action: 'requestExtension', problemId: id, reason: '等配件', deadlineDay: chinaDay(deadline) }, UNIT_STAFF_C1),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: expect.stringContaining('晚于') });
    expect(
      await env.api.call({ action: 'requestExtension', problemId: id, reason: '等配件', deadlineDay: askedDay }, UNIT_STAFF_C2),
    ).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(
      await env.api.call({ action: 'requestExtension', problemId: id, reason: '等配件', deadlineDay: askedDay }, STATION_C1),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });

    const asked = await env.api.must('requestExtension', UNIT_STAFF_C1, {
      problemId: id,
      reason: '需要更换的井盖要从厂家调货',
      deadlineDay: askedDay,
      expectedVersion: 3,
    });
    expect(asked.problem).toMatchObject({
      deadlineAt: deadline,
      extension: { state: 'pending', stateLabel: '待审批', reason: '需要更换的井盖要从厂家调货' },
    });
    expect(buttons(asked)).toEqual(['return', 'fix']);
    expect(asked.timeline.at(-1)).toMatchObject({ label: '申请延期', note: `申请延期至 ${askedDay}：需要更换的井盖要从厂家调货` });
    // Once per problem.
    expect(
      await env.api.call({ action: 'requestExtension', problemId: id, reason: '再延几天', deadlineDay: askedDay }, UNIT_STAFF_C1),
    ).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });

    const station = await env.api.must('detail', STATION_C1, { problemId: id });
    expect(buttons(station)).toEqual(['approve_extension', 'refuse_extension']);
    expect(await env.api.call({ action: 'decideExtension', problemId: id, approve: true }, UNIT_STAFF_C1)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    const approved = await env.api.must('decideExtension', STATION_C1, { problemId: id, approve: true });
    expect(approved.problem.extension).toMatchObject({ state: 'approved', stateLabel: '已同意' });
    expect(chinaDay(approved.problem.deadlineAt)).toBe(askedDay);
    expect(approved.timeline.at(-1)).toMatchObject({ label: '同意延期', note: `处置期限延至 ${askedDay}` });
    expect(buttons(approved)).toEqual([]);
    expect(await env.api.call({ action: 'decideExtension', problemId: id, approve: false, note: '不行' }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });

    // Past the old deadline (and past twice it): nothing, the new deadline runs.
    env.cloud.clock.advance(deadline + 2 * DAY - env.cloud.clock.now().getTime());
    await env.cloud.timers.tick();
    expect(stored(id)).toMatchObject({ overdueLevel: 0, version: 5 });
    // Past the new one: 催办.
    env.cloud.clock.advance(6 * DAY);
    await env.cloud.timers.tick();
    expect(stored(id).overdueLevel).toBeGreaterThanOrEqual(1);
  });

  it('refused: a reason is needed, the deadline stays and the unit cannot ask again', async () => {
    const id = await dispatched();
    const deadline = stored(id).deadlineAt as number;
    await env.api.must('requestExtension', UNIT_STAFF_C1, { problemId: id, reason: '人手不够', deadlineDay: chinaDay(deadline + 3 * DAY) });
    expect(await env.api.call({ action: 'decideExtension', problemId: id, approve: false }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    const refused = await env.api.must('decideExtension', STATION_C1, { problemId: id, approve: false, note: '小广告当天就能清理' });
    expect(refused.problem).toMatchObject({
      deadlineAt: deadline,
      extension: { state: 'refused', stateLabel: '未同意', decisionNote: '小广告当天就能清理' },
    });
    const unit = await env.api.must('detail', UNIT_STAFF_C1, { problemId: id });
    expect(buttons(unit)).toEqual(['return', 'fix']);
    expect(unit.problem.extension.decisionNote).toBe('小广告当天就能清理');
  });
});
