import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { Team } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { activityClient, activityInput, HOUR, RESIDENT, STATION_C1, volunteers } from './activity-support';

const seed = buildDemoSeed();
const TEAM = seed.teams[2] as Team; // team-03
const approved = new Set(seed.volunteer_profiles.filter((p) => p.status === 'approved').map((p) => p._id));
const member = TEAM.memberOpenids.find((m) => m !== TEAM.leaderOpenid && approved.has(m)) as string;
const outsider = volunteers.find((v) => !TEAM.memberOpenids.includes(v)) as string;

describe('activity guards: who may publish and run what, team activities, 候补 withdrawal', () => {
  const env = withTestCloud(activityClient);
  const now = () => env.cloud.clock.now().getTime();

  it('only staff (for their own area) and leaders (for their team) publish', async () => {
    env.cloud.store.clearUnindexedScans();
    expect(await env.api.call({ action: 'create', ...activityInput(now()) }, RESIDENT)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await env.api.call({ action: 'create', ...activityInput(now()), communityId: 'org-community-02' }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await env.api.call({ action: 'create', ...activityInput(now()), teamId: TEAM._id }, 'o-leader-01')).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    const bad = activityInput(now(), { sessions: [{ startAt: now() + HOUR, endAt: now() + 2 * HOUR, quota: 2, plannedHours: 3 }] });
    expect(await env.api.call({ action: 'create', ...bad }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: expect.stringContaining('计划时长'),
    });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it("a team's activity: its leader runs it, only its members sign up, station staff cannot run it", async () => {
    const { activityId } = await env.api.must({ action: 'create', ...activityInput(now()), teamId: TEAM._id }, TEAM.leaderOpenid);
    const detail = await env.api.must({ action: 'detail', activityId }, TEAM.leaderOpenid);
    expect(detail).toMatchObject({ canManage: true, organiserName: TEAM.name });
    const sessionId = detail.sessions[0].sessionId as string;
    expect(await env.api.call({ action: 'signUp', sessionId }, outsider)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
      message: expect.stringContaining(TEAM.name),
    });
    await env.api.must({ action: 'signUp', sessionId }, member);
    expect(await env.api.call({ action: 'roster', sessionId }, STATION_C1)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await env.api.call({ action: 'code', sessionId, step: 'in' }, member)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const roster = await env.api.must({ action: 'roster', sessionId }, TEAM.leaderOpenid);
    expect(roster.rows.map((r: { openid: string }) => r.openid)).toEqual([member]);
    expect(
      (await env.api.must({ action: 'organised' }, TEAM.leaderOpenid)).items.map((a: { activityId: string }) => a.activityId),
    ).toContain(activityId);
  });

  it('a 候补 may withdraw; the place count does not move; a full session still takes 候补', async () => {
    const input = activityInput(now(), { sessions: [{ startAt: now() + 3 * HOUR, endAt: now() + 4 * HOUR, quota: 1 }] });
    const { activityId } = await env.api.must({ action: 'create', ...input }, STATION_C1);
    const sessionId = `${activityId}-s0`;
    const [a, b, c] = volunteers.slice(10, 13) as [string, string, string];
    await env.api.must({ action: 'signUp', sessionId }, a);
    const waiting = await env.api.must({ action: 'signUp', sessionId }, b);
    expect(waiting.sessions[0].mine).toMatchObject({ status: 'waitlisted' });
    await env.api.must({ action: 'signUp', sessionId }, c);
    await env.api.must({ action: 'cancel', sessionId }, b);
    expect(env.cloud.store.findById('activity_sessions', sessionId)).toMatchObject({ signedUp: 1 });
    // The place holder cancels: c (the next in line, b having withdrawn) takes the place.
    await env.api.must({ action: 'cancel', sessionId }, a);
    expect(env.cloud.store.findById('activity_signups', `${sessionId}-${c}`)).toMatchObject({ status: 'signed_up' });
    expect(env.cloud.store.findById('activity_sessions', sessionId)).toMatchObject({ signedUp: 1 });
    // Signing up again after cancelling joins the end of the line.
    const again = await env.api.must({ action: 'signUp', sessionId }, a);
    expect(again.sessions[0].mine).toMatchObject({ status: 'waitlisted' });
    expect(await env.api.call({ action: 'cancel', sessionId }, volunteers[20] as string)).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
  });

  it('报名审核: a sign-up waits for the organiser; approved takes a place (候补 when full), rejected cannot sign in', async () => {
    const input = activityInput(now(), {
      needsApproval: true,
      sessions: [{ startAt: now() + 3 * HOUR, endAt: now() + 4 * HOUR, quota: 1 }],
    });
    const { activityId } = await env.api.must({ action: 'create', ...input }, STATION_C1);
    const sessionId = `${activityId}-s0`;
    const [a, b, c] = volunteers.slice(20, 23) as [string, string, string];
    for (const v of [a, b, c]) {
      const d = await env.api.must({ action: 'signUp', sessionId }, v);
      expect(d).toMatchObject({ needsApproval: true, sessions: [{ signedUp: 0, mine: { status: 'pending' } }] });
    }
    const roster = await env.api.must({ action: 'roster', sessionId }, STATION_C1);
    expect(roster.rows.map((r: { status: string }) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(await env.api.call({ action: 'decideSignUp', sessionId, openid: a, approve: true }, b)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    await env.api.must({ action: 'decideSignUp', sessionId, openid: a, approve: true }, STATION_C1);
    await env.api.must({ action: 'decideSignUp', sessionId, openid: b, approve: true }, STATION_C1);
    const after = await env.api.must({ action: 'decideSignUp', sessionId, openid: c, approve: false }, STATION_C1);
    expect(after.rows.map((r: { openid: string; status: string }) => [r.openid, r.status])).toEqual([
      [a, 'signed_up'],
      [b, 'waitlisted'],
    ]);
    expect(env.cloud.store.findById('activity_sessions', sessionId)).toMatchObject({ signedUp: 1 });
    expect(await env.api.call({ action: 'decideSignUp', sessionId, openid: c, approve: true }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    expect(await env.api.call({ action: 'signUp', sessionId }, c)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
      message: expect.stringContaining('未通过'),
    });
  });

  it('hours still unconfirmed 10 working days after a session are flagged for the organiser (第11条)', async () => {
    const input = activityInput(now(), { sessions: [{ startAt: now() + HOUR, endAt: now() + 2 * HOUR, quota: 3 }] });
    const { activityId } = await env.api.must({ action: 'create', ...input }, STATION_C1);
    const sessionId = `${activityId}-s0`;
    await env.api.must({ action: 'signUp', sessionId }, volunteers[30] as string);
    env.cloud.clock.advance(9 * 24 * HOUR);
    const timer = () => env.cloud.runtime.invoke('activity', { Type: 'Timer', TriggerName: 'attendance' }, { source: 'timer' });
    env.cloud.store.clearUnindexedScans();
    expect(await timer()).toMatchObject({ ok: true, data: { absent: expect.any(Number), confirmOverdue: 0 } });
    expect((await env.api.must({ action: 'roster', sessionId }, STATION_C1)).confirmOverdue).toBe(false);
    env.cloud.clock.advance(8 * 24 * HOUR); // 17 days: past the 10th working day whatever the weekday
    expect(await timer()).toMatchObject({ ok: true, data: { confirmOverdue: expect.any(Number) } });
    expect((await env.api.must({ action: 'roster', sessionId }, STATION_C1)).confirmOverdue).toBe(true);
    const card = (await env.api.must({ action: 'organised' }, STATION_C1)).items.find(
      (a: { activityId: string }) => a.activityId === activityId,
    );
    expect(card).toMatchObject({ confirmOverdue: 1 });
    // Confirming clears it.
    expect((await env.api.must({ action: 'confirmHours', sessionId }, STATION_C1)).confirmOverdue).toBe(false);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('a caller cannot pass for the timer', async () => {
    expect(await env.api.call({ Type: 'Timer', TriggerName: 'attendance' }, RESIDENT)).toMatchObject({
      ok: false,
      code: 'INPUT.UNKNOWN_ACTION',
    });
  });
});
