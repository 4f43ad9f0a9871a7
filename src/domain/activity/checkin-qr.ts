/**
 * The QR on the organiser's 签到码 screen, for the volunteer's 扫码签到 (`wx.scanCode`): it
 * encodes the session, the step (签到 / 签退) and the current 6-digit code, so a scan fills what
 * the volunteer would otherwise type. It carries nothing the code screen does not show, and the
 * code inside it rotates and is checked like a typed one (attempt limits included).
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import { ACTIVITY_CODE, type CodeAction } from './activity.rules';

export interface CheckInQr {
  sessionId: string;
  step: CodeAction;
  code: string;
}

/** Marks our payload among whatever else a camera may read (URLs, other apps' codes). */
const PREFIX = 'WMSJ-ACT1';
/** Session ids are `<activity id>-s<n>`: letters, digits, `-` and `_`, at most 64. */
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `WMSJ-ACT1|<sessionId>|<in|out>|<code>`: short, so the QR stays small (version 3–4) and quick to scan. */
export function checkInQrPayload(q: CheckInQr): string {
  return [PREFIX, q.sessionId, q.step, q.code].join('|');
}

/** What a scanned text means, or null when it is not a 签到码 QR (or is malformed). */
export function parseCheckInQr(text: string): CheckInQr | null {
  const parts = text.trim().split('|');
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  const [, sessionId, step, code] = parts as [string, string, string, string];
  if (!SESSION_ID.test(sessionId) || (step !== 'in' && step !== 'out') || !ACTIVITY_CODE.test(code)) return null;
  return { sessionId, step, code };
}

/**
 * What the volunteer's screen does with a scan, given their sessions open for 签到 / 签退 (each
 * with the step it is waiting for): fill the session and code, or say why not (Chinese).
 */
export function scanOutcome(
  text: string,
  open: readonly { sessionId: string; step: CodeAction }[],
): { ok: true; sessionId: string; code: string } | { ok: false; message: string } {
  const q = parseCheckInQr(text);
  if (!q) return { ok: false, message: '这不是志愿活动的签到码，请扫组织者手机上的二维码' };
  const mine = open.find((s) => s.sessionId === q.sessionId);
  if (!mine) return { ok: false, message: '您没有报名这一场，或这一场已经签退了' };
  if (mine.step !== q.step)
    return { ok: false, message: q.step === 'in' ? '这是签到码，您已签到，请扫签退码' : '这是签退码，请先扫签到码签到' };
  return { ok: true, sessionId: q.sessionId, code: q.code };
}
