import type { ProblemDoc, ProblemEventDoc } from '../../src/domain/problem/problem.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { problemClient, reportInput, STATION_C1 } from './problem-support';

/** Serves in 和平社区 / 紫荆社区 (team-02's service area); lives in no building of the seed. */
const VOLUNTEER = 'o-volunteer-0004';

// A cold function instance on a busy machine takes seconds; the steps themselves are quick.
jest.setTimeout(60_000);

describe('随手拍 by volunteers, in their team’s service area', () => {
  const env = withTestCloud(problemClient);
  const stored = (id: string) => env.cloud.store.findById('problems', id) as unknown as ProblemDoc;

  it('the form offers the 小区 of the service area; a report there is filed as a volunteer’s', async () => {
    const setup = await env.api.must('reportSetup', VOLUNTEER);
    expect(setup).toMatchObject({ place: null, blocked: null, canSelfFix: false });
    expect(setup.categories.length).toBeGreaterThan(0);
    const places = setup.places.map((p: { label: string }) => p.label);
    expect(places).toEqual(expect.arrayContaining(['天府花园', '紫荆苑']));
    expect(places).not.toContain('新南小区');

    const id = await env.api.report(VOLUNTEER, { placeId: 'org-estate-01', placeText: '北门外人行道' });
    expect(stored(id)).toMatchObject({
      reporterKind: 'volunteer',
      estateId: 'org-estate-01',
      buildingId: null,
      communityId: 'org-community-01',
    });
    const first = env.cloud.store.findById('problem_events', `${id}-0001`) as unknown as ProblemEventDoc;
    expect(first.actorLabel).toBe('志愿者');
    expect((await env.api.must('mine', VOLUNTEER)).items.map((p: { problemId: string }) => p.problemId)).toContain(id);
    // The station registers it like any other; the volunteer follows it as its reporter.
    await env.api.transition(id, 'register', STATION_C1);
    const own = await env.api.must('detail', VOLUNTEER, { problemId: id });
    expect(own.caller.reporter).toBe(true);
    expect(own.problem.state).toBe('registered');
  });

  it('outside the service area, or without a place, it is refused', async () => {
    expect(
      await env.api.call({ action: 'report', ...reportInput({ placeId: 'org-estate-08', confirmNew: true }) }, VOLUNTEER),
    ).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call({ action: 'report', ...reportInput({ confirmNew: true }) }, VOLUNTEER)).toMatchObject({
      ok: false,
      code: 'AUTH.BINDING_REQUIRED',
    });
    // Someone with no role at all still may not.
    expect(
      await env.api.call({ action: 'report', ...reportInput({ placeId: 'org-estate-01', confirmNew: true }) }, 'o-stranger-pb'),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });
});
