import { create } from 'qrcode';
import { checkInQrPayload, parseCheckInQr, scanOutcome } from '../../../src/domain/activity/checkin-qr';

const q = { sessionId: 'act-0123456789abcdef0123-s12', step: 'in' as const, code: '042917' };

describe('签到码 QR payload', () => {
  it('round-trips the session, the step and the code', () => {
    expect(checkInQrPayload(q)).toBe('WMSJ-ACT1|act-0123456789abcdef0123-s12|in|042917');
    expect(parseCheckInQr(checkInQrPayload(q))).toEqual(q);
    expect(parseCheckInQr(` ${checkInQrPayload({ ...q, step: 'out' })}\n`)).toEqual({ ...q, step: 'out' });
  });

  it('refuses anything else a camera may read', () => {
    for (const text of [
      '',
      'https://example.com/?s=1',
      '123456',
      'WMSJ-ACT1|act-1-s0|in',
      'WMSJ-ACT1|act-1-s0|in|12345',
      'WMSJ-ACT1|act-1-s0|in|1234567',
      'WMSJ-ACT1|act-1-s0|both|123456',
      'WMSJ-ACT1|act 1/s0|in|123456',
      'WMSJ-ACT1|act-1-s0|in|123456|extra',
      'WMSJ-ACT2|act-1-s0|in|123456',
      `WMSJ-ACT1|${'a'.repeat(65)}|in|123456`,
    ])
      expect(parseCheckInQr(text)).toBeNull();
  });

  it('fills the session and code of a sign-up waiting for that step, and says why not otherwise', () => {
    const open = [
      { sessionId: q.sessionId, step: 'in' as const },
      { sessionId: 'act-x-s0', step: 'out' as const },
    ];
    expect(scanOutcome(checkInQrPayload(q), open)).toEqual({ ok: true, sessionId: q.sessionId, code: '042917' });
    expect(scanOutcome(checkInQrPayload({ ...q, sessionId: 'act-x-s0', step: 'out' }), open)).toMatchObject({
      ok: true,
      sessionId: 'act-x-s0',
    });
    expect(scanOutcome('hello', open)).toMatchObject({ ok: false, message: expect.stringContaining('不是志愿活动的签到码') });
    expect(scanOutcome(checkInQrPayload({ ...q, sessionId: 'act-y-s0' }), open)).toMatchObject({
      ok: false,
      message: expect.stringContaining('没有报名'),
    });
    expect(scanOutcome(checkInQrPayload({ ...q, step: 'out' }), open)).toMatchObject({
      ok: false,
      message: expect.stringContaining('先扫签到码'),
    });
    expect(scanOutcome(checkInQrPayload({ ...q, sessionId: 'act-x-s0', step: 'in' }), open)).toMatchObject({
      ok: false,
      message: expect.stringContaining('签退码'),
    });
  });

  it('a longest payload makes a small QR the code screen can draw as a grid', () => {
    const longest = checkInQrPayload({ sessionId: 'a'.repeat(64), step: 'out', code: '999999' });
    const { modules, version } = create(longest, { errorCorrectionLevel: 'M' });
    expect(version).toBeLessThanOrEqual(5);
    expect(modules.size).toBeLessThanOrEqual(37);
    const typical = create(checkInQrPayload(q), { errorCorrectionLevel: 'M' });
    expect(typical.modules.size).toBeLessThanOrEqual(33);
  });
});
