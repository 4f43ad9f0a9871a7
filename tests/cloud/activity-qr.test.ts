import { checkInQrPayload, parseCheckInQr, scanOutcome } from '../../src/domain/activity/checkin-qr';
import { withTestCloud } from '../support/local-cloud-harness';
import { activityClient, activityInput, HOUR, MIN, STATION_C1, volunteers } from './activity-support';

/**
 * 扫码签到 through the local cloud and the real SDK: the QR the code screen draws from the
 * organiser's `code` answer, read back as the volunteer's scan would, signs in and out; a QR of
 * the other step is told apart before any attempt is spent, and a stale scanned code is refused
 * like a typed one.
 */
describe('志愿活动: the QR on the code screen signs a volunteer in and out', () => {
  const env = withTestCloud(activityClient);
  const now = () => env.cloud.clock.now().getTime();

  it('scan → fill → attend, for 签到 then 签退', async () => {
    const t0 = now();
    const input = activityInput(t0, { sessions: [{ startAt: t0 + 30 * MIN, endAt: t0 + 2 * HOUR + 30 * MIN, quota: 5 }] });
    const { activityId } = await env.api.must({ action: 'create', ...input }, STATION_C1);
    const v = volunteers[3] as string;
    const detail = await env.api.must({ action: 'detail', activityId }, v);
    const sessionId = detail.sessions[0].sessionId as string;
    await env.api.must({ action: 'signUp', sessionId }, v);

    const shown = await env.api.must({ action: 'code', sessionId, step: 'in' }, STATION_C1);
    const scanned = checkInQrPayload(shown);
    expect(parseCheckInQr(scanned)).toEqual({ sessionId, step: 'in', code: shown.code });
    // Before 签到 the volunteer's open session waits for 'in': a 签退 QR is told apart on the phone.
    const outQr = checkInQrPayload(await env.api.must({ action: 'code', sessionId, step: 'out' }, STATION_C1));
    expect(scanOutcome(outQr, [{ sessionId, step: 'in' }])).toMatchObject({ ok: false });
    const filled = scanOutcome(scanned, [{ sessionId, step: 'in' }]);
    if (!filled.ok) throw new Error(filled.message);
    expect(await env.api.must({ action: 'attend', sessionId: filled.sessionId, step: 'in', code: filled.code }, v)).toMatchObject({
      attendance: 'in',
    });

    // A scan held too long: the code inside has rotated out and is refused like a typed one.
    env.cloud.clock.advance(HOUR);
    const late = scanOutcome(checkInQrPayload(shown), [{ sessionId, step: 'in' }]);
    expect(late.ok).toBe(true);
    const stale = parseCheckInQr(outQr);
    expect(await env.api.call({ action: 'attend', sessionId, step: 'out', code: stale?.code }, v)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    const out = scanOutcome(checkInQrPayload(await env.api.must({ action: 'code', sessionId, step: 'out' }, STATION_C1)), [
      { sessionId, step: 'out' },
    ]);
    if (!out.ok) throw new Error(out.message);
    expect(await env.api.must({ action: 'attend', sessionId, step: 'out', code: out.code }, v)).toMatchObject({ attendance: 'out' });
  });
});
