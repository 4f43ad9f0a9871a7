import type { SignUpDoc } from '../../src/domain/activity/activity.types';
import type { HoursEntry } from '../../src/domain/hours/hours.rules';
import { withTestCloud } from '../support/local-cloud-harness';
import { activityClient, activityInput, HOUR, INSTITUTE, MIN, RESIDENT, STATION_C1, volunteers } from './activity-support';

/**
 * The whole activity journey through the local cloud and the real SDK: publish → 30 concurrent
 * sign-ups for 10 places → a cancel promotes the first 候补 → sign-in by the rotating code (a
 * stale one refused) → batch sign-out → an auto sign-out flagged 待确认 → the organiser confirms →
 * ledger, points and star level → a certificate issued and verified; tampered ones not found.
 */
describe('志愿活动: recruit, sign in with a rotating code, one hours ledger, a certificate anyone can verify', () => {
  const env = withTestCloud(activityClient, { maxInstancesPerFunction: 4 });
  const now = () => env.cloud.clock.now().getTime();
  const signUps = (sessionId: string) => env.cloud.store.find('activity_signups', { sessionId }) as unknown as SignUpDoc[];

  it('the square opens with the demo activities of the coming days', async () => {
    const square = await env.api.must({ action: 'square' }, volunteers[0] as string);
    expect(square.items.map((c: { activityId: string }) => c.activityId).sort()).toEqual([
      'act-demo-clean',
      'act-demo-river',
      'act-demo-traffic',
    ]);
    expect(square.items.find((c: { activityId: string }) => c.activityId === 'act-demo-clean')).toMatchObject({
      placesLeft: 18,
      sessionCount: 2,
    });
    // A team's activity is for its members: others are told to join the team first.
    const river = await env.api.must({ action: 'detail', activityId: 'act-demo-river' }, RESIDENT);
    expect(river.signUpBlocked).toEqual(expect.any(String));
  });

  it('runs from publishing to a verified certificate', async () => {
    const api = env.api;
    env.cloud.store.clearUnindexedScans();
    const t0 = now();

    // Publish (idempotent by requestId).
    const input = activityInput(t0);
    const created = await api.must({ action: 'create', ...input }, STATION_C1);
    expect(await api.must({ action: 'create', ...input }, STATION_C1)).toEqual({
      activityId: created.activityId,
      duplicate: true,
      announcement: null,
    });
    const { activityId } = created;
    const detail = await api.must({ action: 'detail', activityId }, volunteers[0] as string);
    expect(detail).toMatchObject({ title: input.title, canManage: false, signUpBlocked: null, organiserName: '和平社区新时代文明实践站' });
    const [s1, s2] = detail.sessions.map((s: { sessionId: string }) => s.sessionId) as [string, string];
    expect((await api.must({ action: 'square' }, RESIDENT)).items.map((c: { activityId: string }) => c.activityId)).toContain(activityId);
    expect((await api.must({ action: 'detail', activityId }, STATION_C1)).canManage).toBe(true);
    // A resident who is not a registered volunteer is told what to do.
    expect(await api.call({ action: 'signUp', sessionId: s1 }, RESIDENT)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
      message: expect.stringContaining('志愿者'),
    });

    // 30 concurrent sign-ups for 10 places: exactly 10, 20 waiting.
    const racers = volunteers.slice(0, 30);
    const answers = await Promise.all(racers.map((v) => api.call({ action: 'signUp', sessionId: s1 }, v)));
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const rows = signUps(s1);
    expect(rows.filter((r) => r.status === 'signed_up')).toHaveLength(10);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(20);
    expect(env.cloud.store.findById('activity_sessions', s1)).toMatchObject({ signedUp: 10, quota: 10 });
    // A double tap changes nothing.
    const someone = rows.find((r) => r.status === 'signed_up') as SignUpDoc;
    await api.must({ action: 'signUp', sessionId: s1 }, someone.openid);
    expect(signUps(s1).filter((r) => r.status === 'signed_up')).toHaveLength(10);

    // A cancel promotes the first in line.
    const firstWaiting = rows.filter((r) => r.status === 'waitlisted').sort((a, b) => (a.waitKey < b.waitKey ? -1 : 1))[0] as SignUpDoc;
    const cancelled = await api.must({ action: 'cancel', sessionId: s1 }, someone.openid);
    expect(cancelled.sessions[0].mine).toBeNull();
    expect(env.cloud.store.findById('activity_signups', firstWaiting._id)).toMatchObject({ status: 'signed_up' });
    expect(env.cloud.store.findById('activity_sessions', s1)).toMatchObject({ signedUp: 10 });
    const mine = await api.must({ action: 'mySignUps' }, firstWaiting.openid);
    expect(mine.items).toEqual([expect.objectContaining({ sessionId: s1, status: 'signed_up', attendance: 'none' })]);

    // An overlapping session is refused; session 2 does not overlap.
    const attendee = firstWaiting.openid;
    await api.must({ action: 'signUp', sessionId: s2 }, attendee);
    const clash = activityInput(t0, { sessions: [{ startAt: t0 + 4 * HOUR, endAt: t0 + 6 * HOUR, quota: 3 }] });
    const other = await api.must({ action: 'create', ...clash }, INSTITUTE);
    const otherSession = (await api.must({ action: 'detail', activityId: other.activityId }, attendee)).sessions[0].sessionId;
    expect(await api.call({ action: 'signUp', sessionId: otherSession }, attendee)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
      message: expect.stringContaining('重叠'),
    });

    // Session 1 starts. Cancelling is too late now.
    env.cloud.clock.advance(3 * HOUR);
    const others = signUps(s1)
      .filter((r) => r.status === 'signed_up' && r.openid !== attendee)
      .map((r) => r.openid);
    expect(others).toHaveLength(9);
    expect(await api.call({ action: 'cancel', sessionId: s1 }, others[0] as string)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });

    // Only the organiser sees the code; a volunteer signs in with it.
    expect(await api.call({ action: 'code', sessionId: s1, step: 'sideways' }, attendee)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await api.call({ action: 'code', sessionId: s1 }, attendee)).toMatchObject({ ok: false });
    const stale = (await api.must({ action: 'code', sessionId: s1, step: 'in' }, STATION_C1)) as { code: string; validUntil: number };
    expect(stale.code).toMatch(/^\d{6}$/);
    env.cloud.clock.advance(61_000); // two slices later: stale
    expect(await api.call({ action: 'attend', sessionId: s1, step: 'x' }, attendee)).toMatchObject({ ok: false });
    const staleAnswer = await api.call({ action: 'attend', sessionId: s1, step: 'in', code: stale.code }, attendee);
    expect(staleAnswer).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: expect.stringContaining('签到码不对或已过期') });
    const fresh = await api.must({ action: 'code', sessionId: s1, step: 'in' }, STATION_C1);
    expect(fresh.code).not.toBe(stale.code);
    // 8 of the 10 sign in by code; one more is marked by the organiser; one does not come.
    const arriving = [attendee, ...others.slice(0, 7)];
    const ins = await Promise.all(arriving.map((v) => api.call({ action: 'attend', sessionId: s1, step: 'in', code: fresh.code }, v)));
    expect(ins.filter((a) => !a.ok)).toEqual([]);
    await api.must({ action: 'mark', sessionId: s1, openid: others[7], step: 'in' }, STATION_C1);
    // A 候补 cannot sign in, nor can someone who never signed up.
    const waiting = signUps(s1).find((r) => r.status === 'waitlisted') as SignUpDoc;
    expect(await api.call({ action: 'attend', sessionId: s1, step: 'in', code: fresh.code }, waiting.openid)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    expect(await api.call({ action: 'attend', sessionId: s1, step: 'in', code: fresh.code }, volunteers[40] as string)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });

    // Guessing is limited: five wrong codes lock the guesser.
    const guesser = others[8] as string;
    const guesses = [];
    for (let i = 0; i < 6; i++)
      guesses.push(await api.call({ action: 'attend', sessionId: s1, step: 'in', code: String(100000 + i) }, guesser));
    expect(guesses.slice(0, 4).map((g) => g.code)).toEqual(Array(4).fill('INPUT.INVALID'));
    expect(guesses[4]).toMatchObject({ ok: false, code: 'AUTH.TOO_MANY_ATTEMPTS' });
    expect(guesses[5]).toMatchObject({ ok: false, code: 'AUTH.TOO_MANY_ATTEMPTS' });

    // 1.5 h in, the attendee signs out by code; at the end the organiser signs everyone else out.
    env.cloud.clock.advance(90 * MIN - 61_000);
    const outCode = await api.must({ action: 'code', sessionId: s1, step: 'out' }, STATION_C1);
    const out = await api.must({ action: 'attend', sessionId: s1, step: 'out', code: outCode.code }, attendee);
    expect(out).toMatchObject({ attendance: 'out', hours: 1.5 });
    env.cloud.clock.advance(30 * MIN);
    const afterAll = await api.must({ action: 'signOutAll', sessionId: s1 }, STATION_C1);
    const present = afterAll.rows.filter((r: { attendance: string }) => r.attendance === 'out');
    expect(present).toHaveLength(9);
    expect(present.filter((r: { checkOutBy: string }) => r.checkOutBy === 'batch')).toHaveLength(8);
    for (const r of present) if (r.openid !== attendee) expect(r.hours).toBe(2);

    // Session 2: the attendee signs in and forgets to sign out.
    env.cloud.clock.advance(HOUR);
    const in2 = await api.must({ action: 'code', sessionId: s2, step: 'in' }, STATION_C1);
    await api.must({ action: 'attend', sessionId: s2, step: 'in', code: in2.code }, attendee);
    env.cloud.clock.advance(2 * HOUR + 2 * HOUR + MIN); // past end + 2 h
    const swept = await env.cloud.runtime.invoke('activity', { Type: 'Timer', TriggerName: 'attendance' }, { source: 'timer' });
    expect(swept).toMatchObject({ ok: true, data: { autoSignedOut: 1 } });
    const s2Row = env.cloud.store.findById('activity_signups', `${s2}-${attendee}`) as unknown as SignUpDoc;
    const s2Session = env.cloud.store.findById('activity_sessions', s2) as { endAt: number };
    expect(s2Row).toMatchObject({
      attendance: 'out',
      checkOutBy: 'auto',
      checkOutAt: s2Session.endAt,
      needsReview: true,
      hours: 2,
      confirmed: false,
    });
    // The no-show of session 1 is recorded.
    expect(env.cloud.store.findById('activity_signups', `${s1}-${guesser}`)).toMatchObject({ attendance: 'absent' });
    // Nothing counts before the organiser confirms.
    expect((await api.must({ action: 'myRecord' }, attendee)).summary.totalHours).toBe(0);

    // The organiser confirms both sessions; confirming twice adds nothing.
    const confirmed1 = await api.must({ action: 'confirmHours', sessionId: s1 }, STATION_C1);
    expect(confirmed1.confirmedAt).toEqual(expect.any(Number));
    await api.must({ action: 'confirmHours', sessionId: s1 }, STATION_C1);
    await api.must({ action: 'confirmHours', sessionId: s2 }, STATION_C1);
    expect(await api.call({ action: 'confirmHours', sessionId: s2 }, attendee)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const ledger = env.cloud.store.find('hours_ledger', { openid: attendee }) as unknown as HoursEntry[];
    expect(ledger.map((e) => [e.sessionId, e.hours, e.kind, e.status]).sort()).toEqual([
      [s1, 1.5, 'live', 'confirmed'],
      [s2, 2, 'live', 'confirmed'],
    ]);
    expect(env.cloud.store.count('hours_ledger', { sessionId: s1 })).toBe(9);

    // 补录 for the volunteer who did not come (they were there after all): pending until another staff member approves.
    const backEntered = await api.must(
      { action: 'backEnter', sessionId: s1, openid: guesser, hours: 1.5, reason: '手机没电未能签到，现场照片为证' },
      STATION_C1,
    );
    expect(backEntered.rows.find((r: { openid: string }) => r.openid === guesser)).toMatchObject({ attendance: 'absent' });
    expect(
      await api.call({ action: 'backEnter', sessionId: s1, openid: attendee, hours: 1, reason: '重复补录' }, STATION_C1),
    ).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    expect(
      await api.call({ action: 'backEnter', sessionId: s1, openid: guesser, hours: 3, reason: '超过计划时长' }, STATION_C1),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect((await api.must({ action: 'myRecord' }, guesser)).summary).toMatchObject({ totalHours: 0, pendingHours: 1.5 });
    const [pending] = (await api.must({ action: 'pendingHours' }, 'o-station-02')).items;
    expect(pending).toMatchObject({ hours: 1.5, kind: 'back_entry', mine: false });
    expect(await api.call({ action: 'decideHours', key: pending.key, approve: true }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
      message: expect.stringContaining('不能审核自己'),
    });
    expect(await api.call({ action: 'decideHours', key: pending.key, approve: true }, 'o-station-03')).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect((await api.must({ action: 'decideHours', key: pending.key, approve: true }, 'o-station-02')).items).toEqual([]);
    expect((await api.must({ action: 'myRecord' }, guesser)).summary).toMatchObject({ totalHours: 1.5, pendingHours: 0, points: 15 });

    // My record: hours, this year, by source, points by the one rule, star level (thresholds of the 街道).
    const record = await api.must({ action: 'myRecord' }, attendee);
    expect(record.summary).toMatchObject({ totalHours: 3.5, bySource: { activity: 3.5, order: 0 }, points: 35, pendingHours: 0 });
    expect(record.star).toMatchObject({ level: 0, label: '未评星', next: { label: '一星', remaining: 96.5 } });
    env.cloud.store.updateMany('org_units', { _id: 'org-subdistrict-01' }, { $set: { starThresholds: [1, 3, 6, 10, 15] } });
    expect((await api.must({ action: 'myRecord' }, attendee)).star).toMatchObject({ level: 2, label: '二星', next: { remaining: 2.5 } });

    // Certificate: requested by the volunteer, issued by the institute, verifiable by anyone.
    const requested = await api.must({ action: 'requestCertificate', from: t0 - 24 * HOUR, to: now() }, attendee);
    expect(requested).toMatchObject({ status: 'requested', number: null, content: null });
    const queue = await api.must({ action: 'certificateRequests' }, INSTITUTE);
    expect(queue.items).toEqual([expect.objectContaining({ certificateId: requested.certificateId, hours: 3.5 })]);
    expect(await api.call({ action: 'issueCertificate', certificateId: requested.certificateId }, attendee)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    const issued = await api.must({ action: 'issueCertificate', certificateId: requested.certificateId }, INSTITUTE);
    expect(issued).toMatchObject({
      status: 'issued',
      number: expect.stringMatching(/^ZYZM\d{8}[0-9A-Z]{6}$/),
      verifyCode: expect.stringMatching(/^[0-9A-Z]{8}$/),
    });
    expect(issued.content).toMatchObject({
      totalHours: 3.5,
      lines: [
        { title: input.title, place: input.address, hours: 1.5, recorder: '和平社区新时代文明实践站' },
        { title: input.title, hours: 2 },
      ],
      issuer: { unit: expect.stringContaining('文明实践所') },
    });
    expect(await api.call({ action: 'issueCertificate', certificateId: requested.certificateId }, INSTITUTE)).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
    });
    expect((await api.must({ action: 'certificate', certificateId: requested.certificateId }, attendee)).verifyCode).toBe(
      issued.verifyCode,
    );
    expect(await api.call({ action: 'certificate', certificateId: requested.certificateId }, RESIDENT)).toMatchObject({ ok: false });

    const verified = await api.must({ action: 'verify', number: issued.number, code: issued.verifyCode.toLowerCase() }, RESIDENT);
    expect(verified).toEqual({ found: true, content: issued.content });
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('2') ? '3' : '2');
    expect(await api.must({ action: 'verify', number: flip(issued.number), code: issued.verifyCode }, RESIDENT)).toEqual({ found: false });
    expect(await api.must({ action: 'verify', number: issued.number, code: flip(issued.verifyCode) }, RESIDENT)).toEqual({ found: false });

    expect(env.cloud.store.unindexedScans()).toEqual([]);
  }, 120_000);
});
