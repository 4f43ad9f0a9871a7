import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import { withTestCloud } from '../support/local-cloud-harness';
import { activityClient, activityInput, HOUR, MIN, RESIDENT, STATION_C1 } from './activity-support';

/**
 * 双报到 through the local cloud and the real SDK: volunteers of the community record their work
 * unit (two in 区卫健委, one an 在职党员 reporting in; one in 区税务局); staff see hours and
 * attendance per unit for a period; others are refused.
 */
describe('双报到: staff see hours and attendance per work unit', () => {
  const env = withTestCloud(activityClient);
  const now = () => env.cloud.clock.now().getTime();

  it('sums counted hours and attendance per unit of the station’s community', async () => {
    const inCommunity = (
      env.cloud.store.find('volunteer_profiles', { status: 'approved', communityId: 'org-community-01' }) as unknown as VolunteerProfile[]
    )
      .map((p) => p._id)
      .filter((id) => id.startsWith('o-volunteer-'))
      .sort();
    const [health1, health2, tax] = inCommunity as [string, string, string];
    expect(tax).toBeDefined();
    const set = (openid: string, data: Record<string, unknown>) =>
      env.cloud.store.updateMany('volunteer_profiles', { _id: openid }, { $set: data });
    set(health1, { workUnit: '区卫健委', partyMember: true, partyReportIn: true });
    set(health2, { workUnit: ' 区卫健委 ' });
    set(tax, { workUnit: '区税务局', partyMember: true, partyReportIn: true });

    const t0 = now();
    const input = activityInput(t0, { sessions: [{ startAt: t0 + 30 * MIN, endAt: t0 + 2 * HOUR, quota: 5 }] });
    const { activityId } = await env.api.must({ action: 'create', ...input }, STATION_C1);
    const sessionId = `${activityId}-s0`;
    for (const v of [health1, health2, tax]) await env.api.must({ action: 'signUp', sessionId }, v);
    env.cloud.clock.advance(30 * MIN);
    const { code } = await env.api.must({ action: 'code', sessionId, step: 'in' }, STATION_C1);
    for (const v of [health1, tax]) await env.api.must({ action: 'attend', sessionId, step: 'in', code }, v);
    env.cloud.clock.advance(90 * MIN);
    await env.api.must({ action: 'signOutAll', sessionId }, STATION_C1);
    await env.api.must({ action: 'confirmHours', sessionId }, STATION_C1);
    env.cloud.clock.advance(2 * HOUR + MIN);
    await env.cloud.runtime.invoke('activity', { Type: 'Timer', TriggerName: 'attendance' }, { source: 'timer' }); // health2: 缺席

    env.cloud.store.clearUnindexedScans();
    const view = await env.api.must({ action: 'unitStats', from: t0 - HOUR, to: now() + HOUR }, STATION_C1);
    expect(view.rows).toEqual([
      { unit: '区卫健委', volunteers: 2, partyReportedIn: 1, hours: 1.5, activityHours: 1.5, orderHours: 0, attended: 1, absent: 1 },
      { unit: '区税务局', volunteers: 1, partyReportedIn: 1, hours: 1.5, activityHours: 1.5, orderHours: 0, attended: 1, absent: 0 },
    ]);
    expect(view.withoutUnit).toBeGreaterThanOrEqual(inCommunity.length - 3);
    expect(env.cloud.store.unindexedScans()).toEqual([]);

    // A period before the activity has the units but no hours.
    const earlier = await env.api.must({ action: 'unitStats', from: t0 - 48 * HOUR, to: t0 - 24 * HOUR }, STATION_C1);
    expect(earlier.rows.map((r: { unit: string; hours: number; attended: number }) => [r.unit, r.hours, r.attended])).toEqual([
      ['区卫健委', 0, 0],
      ['区税务局', 0, 0],
    ]);
    expect(await env.api.call({ action: 'unitStats', from: t0, to: t0 + HOUR }, RESIDENT)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await env.api.call({ action: 'unitStats', from: t0, to: t0 - HOUR }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });
});
