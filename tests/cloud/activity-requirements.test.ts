import { withTestCloud } from '../support/local-cloud-harness';
import { activityClient, activityInput, STATION_C1, volunteers } from './activity-support';

/**
 * 报名条件 (skills, 仅限党员, age range) read from the volunteer's own registration: a volunteer
 * registers with a birth date and party membership, staff approve, and sign-up is decided by them;
 * refusals carry ACTIVITY.REQUIREMENTS_UNMET and say what to do; the square and detail say who may.
 */
describe('志愿活动: requirements are enforced at sign-up from the registration', () => {
  const env = withTestCloud(activityClient);
  const now = () => env.cloud.clock.now().getTime();
  const team = async (data: object, openid: string) => (await env.cloud.call('team', data, openid)).body.result;
  const NEWCOMER = 'o-requirements-newcomer';
  const requirements = { skills: ['急救'], partyOnly: true, minAge: 18, maxAge: 60 };

  it('publishes with requirements; the square and detail say who may sign up', async () => {
    env.cloud.store.clearUnindexedScans();
    const input = activityInput(now(), { requirements: { ...requirements, skills: [' 急救 ', '急救'] } });
    const { activityId } = await env.api.must({ action: 'create', ...input }, STATION_C1);
    const square = await env.api.must({ action: 'square' }, volunteers[0] as string);
    const card = square.items.find((c: { activityId: string }) => c.activityId === activityId);
    expect(card.requirementsText).toEqual(['仅限党员', '18–60 周岁', '需具备：急救']);
    const detail = await env.api.must({ action: 'detail', activityId }, volunteers[0] as string);
    expect(detail.requirements).toEqual(requirements);
    expect(detail.requirementsText).toEqual(['仅限党员', '18–60 周岁', '需具备：急救']);
    // A seed volunteer registered no party membership: the detail says why before they tap.
    expect(detail.signUpBlocked).toMatch(/仅限党员/);
    const refused = await env.api.call({ action: 'signUp', sessionId: detail.sessions[0].sessionId }, volunteers[0] as string);
    expect(refused).toMatchObject({ ok: false, code: 'ACTIVITY.REQUIREMENTS_UNMET', message: expect.stringMatching(/仅限党员.*中共党员/) });
    // Contradictory requirements are refused at publishing.
    expect(
      await env.api.call({ action: 'create', ...activityInput(now(), { requirements: { ...requirements, minAge: 61 } }) }, STATION_C1),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: expect.stringContaining('最小年龄') });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('a party member of the right age with the skill, registered and approved, signs up; age and skill are checked too', async () => {
    const { activityId } = await env.api.must({ action: 'create', ...activityInput(now(), { requirements }) }, STATION_C1);
    const registration = {
      action: 'registerVolunteer',
      realName: '李红',
      phone: '13900002222',
      skills: ['急救'],
      availability: '周末',
      communityId: 'org-community-01',
      birthDate: '1966-01-01',
      partyMember: true,
      workUnit: '区卫健委',
      partyReportIn: true,
    };
    const registered = await team(registration, NEWCOMER);
    expect(registered).toMatchObject({
      ok: true,
      data: { status: 'pending', birthDate: '1966-01-01', partyMember: true, workUnit: '区卫健委', partyReportIn: true },
    });
    expect(await team({ action: 'decideVolunteer', openid: NEWCOMER, approve: true }, STATION_C1)).toMatchObject({ ok: true });
    const detail = await env.api.must({ action: 'detail', activityId }, NEWCOMER);
    expect(detail.signUpBlocked).toBeNull();
    const [s1] = detail.sessions.map((s: { sessionId: string }) => s.sessionId);
    expect((await env.api.must({ action: 'signUp', sessionId: s1 }, NEWCOMER)).sessions[0].mine.status).toBe('signed_up');

    // 61 on the day: refused with the age in the message.
    const older = await env.api.must(
      { action: 'create', ...activityInput(now(), { requirements: { ...requirements, maxAge: 59 } }) },
      STATION_C1,
    );
    const olderDetail = await env.api.must({ action: 'detail', activityId: older.activityId }, NEWCOMER);
    expect(await env.api.call({ action: 'signUp', sessionId: olderDetail.sessions[0].sessionId }, NEWCOMER)).toMatchObject({
      ok: false,
      code: 'ACTIVITY.REQUIREMENTS_UNMET',
      message: expect.stringMatching(/18–59 周岁.*60 周岁/),
    });

    // An approved volunteer updating their skills (no new review) loses the skill the activity needs.
    expect(await team({ ...registration, skills: ['摄影'] }, NEWCOMER)).toMatchObject({
      ok: true,
      data: { status: 'approved', skills: ['摄影'] },
    });
    const skilled = await env.api.must({ action: 'create', ...activityInput(now(), { requirements }) }, STATION_C1);
    const skilledDetail = await env.api.must({ action: 'detail', activityId: skilled.activityId }, NEWCOMER);
    expect(await env.api.call({ action: 'signUp', sessionId: skilledDetail.sessions[0].sessionId }, NEWCOMER)).toMatchObject({
      ok: false,
      code: 'ACTIVITY.REQUIREMENTS_UNMET',
      message: expect.stringContaining('急救'),
    });
  });
});
