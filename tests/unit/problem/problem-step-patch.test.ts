import { stepPatch } from '../../../server/problem/problem-step';
import { deadlineAfter, escalateAfter } from '../../../src/domain/problem/problem.rules';
import { type ProblemEvent, problemRuleOf } from '../../../src/domain/problem/problem.state-machine';
import type { ProblemState } from '../../../src/domain/problem/problem.states';
import type { HandlingUnit, ProblemDoc } from '../../../src/domain/problem/problem.types';

const NOW = Date.parse('2026-12-01T10:00:00+08:00'); // a Tuesday
const DAY = 24 * 3600 * 1000;
const unit = { _id: 'u1', name: '天府物业服务有限公司' } as HandlingUnit;

const problem = (over: Partial<ProblemDoc> = {}): ProblemDoc =>
  ({
    _id: 'p1',
    state: 'reported',
    version: 3,
    deadlineDays: 2,
    followUpDays: 7,
    unitIds: [],
    unitNames: [],
    reworkCount: 0,
    relapseCount: 0,
    secondCount: 0,
    overdueLevel: 0,
    ...over,
  }) as ProblemDoc;

function patch(
  event: ProblemEvent,
  from: ProblemState,
  p: ProblemDoc,
  input: Partial<{
    note: string;
    photos: string[];
    units: HandlingUnit[];
    extensionDeadlineAt: number;
    rating: 'satisfied' | 'fair' | 'unsatisfied';
  }> = {},
) {
  const rule = problemRuleOf(event, from);
  if (!rule) throw new Error(`no rule for ${event} from ${from}`);
  const to = rule.to === 'same' ? from : rule.to;
  return stepPatch({ ...p, state: from }, rule, to, { note: '', photos: [], units: [], ...input }, NOW);
}

describe("what each step writes (the table's effects)", () => {
  it('every step moves the version on by one and stamps the time', () => {
    expect(patch('register', 'reported', problem())).toMatchObject({ state: 'registered', version: 4, updatedAt: NOW });
  });

  it('派遣 gives the units, a working-day deadline and the escalation date', () => {
    const out = patch('dispatch', 'registered', problem(), { units: [unit] });
    const deadlineAt = deadlineAfter(NOW, 2);
    expect(out).toMatchObject({
      state: 'dispatched',
      unitIds: ['u1'],
      unitNames: ['天府物业服务有限公司'],
      dispatchedAt: NOW,
      deadlineAt,
      overdueLevel: 0,
    });
    expect(out.escalateAt).toBe(escalateAfter(deadlineAt, 2));
    expect(deadlineAt).toBe(Date.parse('2026-12-03T23:59:59.999+08:00'));
  });

  it('处置 records the after photos and note; 返工 counts and restarts the deadline', () => {
    expect(patch('fix', 'dispatched', problem(), { photos: ['cloud://e.b/a.jpg'], note: '已清运' })).toMatchObject({
      state: 'fixed',
      fixPhotos: ['cloud://e.b/a.jpg'],
      fixNote: '已清运',
      fixedAt: NOW,
    });
    const rework = patch('verify_fail', 'fixed', problem({ reworkCount: 1, overdueLevel: 1 }));
    expect(rework).toMatchObject({ state: 'dispatched', reworkCount: 2, overdueLevel: 0, deadlineAt: deadlineAfter(NOW, 2) });
  });

  it('销号 sets the 回头看 date; 回潮 counts, clears the units and reopens for 派遣', () => {
    expect(patch('verify_pass', 'fixed', problem())).toMatchObject({ state: 'closed', closedAt: NOW, followUpAt: NOW + 7 * DAY });
    const relapse = patch('relapse', 'closed', problem({ unitIds: ['u1'], unitNames: ['x'], closedAt: NOW - DAY, relapseCount: 0 }));
    expect(relapse).toMatchObject({
      state: 'registered',
      relapseCount: 1,
      unitIds: [],
      unitNames: [],
      closedAt: null,
      followUpAt: null,
      deadlineAt: null,
    });
  });

  it('自查自处 closes and counts 即知即改; 附议 counts; 督办 flags; 不予立案 keeps the reason', () => {
    expect(patch('self_fix', 'reported', problem(), { photos: ['cloud://e.b/after.jpg'] })).toMatchObject({
      state: 'closed',
      selfFixed: true,
      fixPhotos: ['cloud://e.b/after.jpg'],
      followUpAt: NOW + 7 * DAY,
    });
    expect(patch('second', 'registered', problem({ secondCount: 2 }))).toMatchObject({ state: 'registered', secondCount: 3 });
    expect(patch('supervise', 'dispatched', problem())).toMatchObject({ state: 'dispatched', overdueLevel: 1 });
    expect(patch('escalate', 'dispatched', problem({ overdueLevel: 1 }))).toMatchObject({ overdueLevel: 2 });
    expect(patch('dismiss', 'reported', problem(), { note: '不属实' })).toMatchObject({ state: 'dismissed', dismissNote: '不属实' });
  });

  it('延期: the request waits; 同意 moves the deadline and the escalation and clears 超期; 不同意 keeps them', () => {
    const deadlineAt = Date.parse('2026-12-03T23:59:59.999+08:00');
    const asked = Date.parse('2026-12-10T23:59:59.999+08:00');
    const dispatched = problem({ state: 'dispatched', deadlineAt, escalateAt: deadlineAt + 2 * DAY, overdueLevel: 1 });
    const request = patch('request_extension', 'dispatched', dispatched, { note: '需要等配件', extensionDeadlineAt: asked });
    expect(request).toMatchObject({
      state: 'dispatched',
      extension: { state: 'pending', reason: '需要等配件', requestedDeadlineAt: asked, previousDeadlineAt: deadlineAt, requestedAt: NOW },
    });
    expect(request.deadlineAt).toBeUndefined();
    const pending = { ...dispatched, ...request } as ProblemDoc;
    const approved = patch('approve_extension', 'dispatched', pending);
    expect(approved).toMatchObject({
      deadlineAt: asked,
      escalateAt: escalateAfter(asked, 2),
      overdueLevel: 0,
      extension: { state: 'approved', decidedAt: NOW },
    });
    const refused = patch('refuse_extension', 'dispatched', pending, { note: '配件本地就有' });
    expect(refused).toMatchObject({ extension: { state: 'refused', decisionNote: '配件本地就有' } });
    expect(refused.deadlineAt).toBeUndefined();
    // Fixed or returned before an answer: the request is withdrawn.
    expect(patch('fix', 'dispatched', pending, { photos: ['cloud://e.b/a.jpg'] }).extension).toMatchObject({ state: 'withdrawn' });
    expect(patch('return', 'dispatched', pending, { note: '不归我们' }).extension).toMatchObject({ state: 'withdrawn' });
  });

  it('评价 records the score and words, the state stays 已销号', () => {
    expect(patch('rate', 'closed', problem(), { rating: 'fair', note: '基本干净了' })).toMatchObject({
      state: 'closed',
      rating: { score: 'fair', comment: '基本干净了', at: NOW },
    });
  });
});
