import type { ProblemDoc } from '../../src/domain/problem/problem.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { headOf, PROPERTY_C1, photo, problemClient, reportInput, STATION_C1, tianfuResidents, UNIT_STAFF_C1 } from './problem-support';

const [resident, neighbour] = tianfuResidents;
if (!resident || !neighbour) throw new Error('need two residents in 天府花园');

// A cold function instance on a busy machine takes seconds; the steps themselves are quick.
jest.setTimeout(60_000);

describe('评价: after 销号 the reporter rates the result once', () => {
  const env = withTestCloud(problemClient);
  const stored = (id: string) => env.cloud.store.findById('problems', id) as unknown as ProblemDoc;

  it('only the reporter, only once, only once it is closed', async () => {
    const id = await env.api.report(resident._id);
    expect(await env.api.call({ action: 'rate', problemId: id, score: 'satisfied' }, resident._id)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    await env.api.transition(id, 'register', STATION_C1);
    await env.api.transition(id, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1] });
    await env.api.must('fix', UNIT_STAFF_C1, { problemId: id, photos: [photo('after')] });
    const closed = await env.api.must('verify', STATION_C1, { problemId: id, pass: true });
    expect(closed.problem.rating).toBeNull();

    const own = await env.api.must('detail', resident._id, { problemId: id });
    expect(own.actions.map((a: { event: string }) => a.event)).toEqual(['rate']);
    // Not the station, nor the unit, nor a neighbour; not a made-up score.
    for (const who of [STATION_C1, UNIT_STAFF_C1, neighbour._id]) {
      const answer = await env.api.call({ action: 'rate', problemId: id, score: 'satisfied' }, who);
      expect({ who, answer }).toMatchObject({ who, answer: { ok: false, code: expect.stringMatching(/^AUTH\./) } });
    }
    expect(await env.api.call({ action: 'rate', problemId: id, score: 'great' }, resident._id)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });

    const rated = await env.api.must('rate', resident._id, { problemId: id, score: 'fair', comment: '清理了，但楼道还有点味道' });
    expect(rated.problem.rating).toMatchObject({ score: 'fair', label: '基本满意', comment: '清理了，但楼道还有点味道' });
    expect(rated.actions).toEqual([]);
    expect(rated.timeline.at(-1)).toMatchObject({
      label: '评价处置结果',
      note: '基本满意：清理了，但楼道还有点味道',
      actorLabel: '上报人',
    });
    expect(stored(id)).toMatchObject({ state: 'closed', rating: { score: 'fair' } });
    expect(await env.api.call({ action: 'rate', problemId: id, score: 'satisfied' }, resident._id)).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
    });
    // The station and the unit see it.
    expect((await env.api.must('detail', STATION_C1, { problemId: id })).problem.rating.label).toBe('基本满意');
  });

  it('a 自查自处 has nothing to rate', async () => {
    const head = headOf(resident);
    const done = await env.api.must(
      'report',
      head,
      reportInput({ categoryId: 'pc-ads', description: '电梯口小广告已清理', selfFix: { photos: [photo('self')] } }),
    );
    const detail = await env.api.must('detail', head, { problemId: done.problemId });
    expect(detail.actions.map((a: { event: string }) => a.event)).not.toContain('rate');
    expect(await env.api.call({ action: 'rate', problemId: done.problemId, score: 'satisfied' }, head)).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
    });
  });
});
