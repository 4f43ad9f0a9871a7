/**
 * Attendance: the organiser's rotating 签到码, signing in / out with it, marking by hand, 全部签退,
 * the timer's automatic sign-out (at the planned end, flagged 待确认) and confirming a session's
 * hours into the hours ledger.
 *
 * The code is an HMAC of (session, action, 30 s slice) under the functions' secret: nothing is
 * stored, every instance computes the same code, and the secret never leaves the server.
 */
import { ACTIVITY_SIGNUPS, HOURS_LEDGER } from '../../database/collections';
import {
  AUTO_SIGN_OUT_AFTER_MS,
  activityHours,
  type CodeAction,
  codeMatches,
  currentCode,
  type KeyedDigest,
  presenceProblem,
  sweepOutcome,
} from '../../src/domain/activity/activity.rules';
import { type ActivitySessionDoc, type PresenceBy, type SignUpDoc, signUpIdOf } from '../../src/domain/activity/activity.types';
import type { AttendResult, CurrentCode, SessionRoster } from '../../src/domain/activity/activity.views';
import { activityHoursEntry, hoursKeyOf } from '../../src/domain/hours/hours.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type AttemptRule, assertNotLocked, countFailure } from '../kit/attempts';
import { secretDigest } from '../kit/pii-cipher';
import type { LoadedPrincipal } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { isDuplicateKey } from '../kit/tx';
import { database } from '../kit/wx-cloud';
import { roster, rosterOf } from './activity-queries';
import { ACTIVITY_SESSIONS, cas, getActivity, getSession, requireOrganiser, signUpsOf } from './activity-store';

const digest: KeyedDigest = (message) => secretDigest('activity-code', message);

/** Wrong 签到码 a volunteer may enter: 5 in 10 minutes, then 10 minutes' lock. */
export const ACTIVITY_CODE_ATTEMPTS: AttemptRule = {
  scope: 'activityCode',
  maxFailures: 5,
  windowMs: 10 * 60_000,
  lockMs: 10 * 60_000,
  lockedMessage: '签到码输错次数过多，请稍后再试或请活动负责人为您签到',
};

const ACTION_LABEL: Record<CodeAction, string> = { in: '签到', out: '签退' };

/** The organiser's current code for a session and action. */
export async function organiserCode(
  principal: LoadedPrincipal,
  input: { sessionId: string; step: CodeAction },
  now: number,
): Promise<CurrentCode> {
  const s = await getSession(input.sessionId);
  requireOrganiser(principal, s);
  const { code, validUntil } = currentCode(digest, s._id, input.step, now);
  return { sessionId: s._id, step: input.step, code, validUntil, now };
}

/** Moves one sign-up in or out by a conditional update on its attendance; answers the new state or null when it changed meanwhile. */
async function moveAttendance(
  s: ActivitySessionDoc,
  su: SignUpDoc,
  action: CodeAction,
  by: PresenceBy,
  now: number,
  mark?: { byOpenid: string; action: 'in' | 'out' | 'out_all' },
): Promise<{ attendance: 'in' | 'out'; at: number; hours: number } | null> {
  const _ = database().command;
  const extra = mark ? { marks: _.push([{ at: now, ...mark }]) } : {};
  if (action === 'in') {
    const ok = await cas(
      ACTIVITY_SIGNUPS,
      { _id: su._id, status: 'signed_up', attendance: 'none' },
      { attendance: 'in', checkInAt: now, checkInBy: by, updatedAt: now, ...extra },
    );
    return ok ? { attendance: 'in', at: now, hours: 0 } : null;
  }
  const hours = activityHours(s, su.checkInAt ?? now, now);
  const ok = await cas(
    ACTIVITY_SIGNUPS,
    { _id: su._id, status: 'signed_up', attendance: 'in' },
    { attendance: 'out', checkOutAt: now, checkOutBy: by, hours, updatedAt: now, ...extra },
  );
  return ok ? { attendance: 'out', at: now, hours } : null;
}

/** 签到 / 签退 with the organiser's code: only a volunteer signed up for the session; stale or wrong codes count as failed attempts. */
export async function attend(
  principal: LoadedPrincipal,
  input: { sessionId: string; step: CodeAction; code: string },
  now: number,
): Promise<AttendResult> {
  const attempts = [{ rule: ACTIVITY_CODE_ATTEMPTS, key: principal.openid }];
  await assertNotLocked(attempts, now);
  const s = await getSession(input.sessionId);
  const su = await readById<SignUpDoc>(ACTIVITY_SIGNUPS, signUpIdOf(s._id, principal.openid));
  const problem = presenceProblem(input.step, su, s, now);
  if (problem || !su) throw new DomainError(su ? ErrorCode.InvalidTransition : ErrorCode.Forbidden, problem ?? '您没有报名这个场次');
  if (!codeMatches(digest, s._id, input.step, input.code, now)) {
    const locked = await countFailure(attempts, now);
    if (locked) throw locked;
    throw new DomainError(
      ErrorCode.InputInvalid,
      `${ACTION_LABEL[input.step]}码不对或已过期，请输入组织者手机上正在显示的${ACTION_LABEL[input.step]}码`,
    );
  }
  const moved = await moveAttendance(s, su, input.step, 'code', now);
  if (!moved) throw new DomainError(ErrorCode.InvalidTransition, `已经${ACTION_LABEL[input.step]}了`);
  return { sessionId: s._id, title: s.title, ...moved };
}

/** The organiser marks one volunteer in / out by hand (logged on the sign-up). */
export async function mark(
  principal: LoadedPrincipal,
  input: { sessionId: string; openid: string; step: CodeAction },
  now: number,
): Promise<SessionRoster> {
  const s = await getSession(input.sessionId);
  requireOrganiser(principal, s);
  const su = await readById<SignUpDoc>(ACTIVITY_SIGNUPS, signUpIdOf(s._id, input.openid));
  const problem = presenceProblem(input.step, su, s, now);
  if (problem || !su) throw new DomainError(su ? ErrorCode.InvalidTransition : ErrorCode.NotFound, problem ?? '这位志愿者没有报名这个场次');
  if (!(await moveAttendance(s, su, input.step, 'organiser', now, { byOpenid: principal.openid, action: input.step })))
    throw new DomainError(ErrorCode.InvalidTransition, '签到状态刚刚变了，请刷新后再试');
  return roster(principal, { sessionId: s._id });
}

/** 全部签退: everyone still signed in is signed out now (hours by the rule, inside the session's span). */
export async function signOutAll(principal: LoadedPrincipal, input: { sessionId: string }, now: number): Promise<SessionRoster> {
  const s = await getSession(input.sessionId);
  requireOrganiser(principal, s);
  const rows = await signUpsOf(s._id);
  for (const su of rows.filter((r) => r.status === 'signed_up' && r.attendance === 'in')) {
    await moveAttendance(s, su, 'out', 'batch', now, { byOpenid: principal.openid, action: 'out_all' });
  }
  return roster(principal, { sessionId: s._id });
}

/**
 * The timer: sign-ups of sessions that ended more than 2 h ago. Still signed in → signed out at
 * the PLANNED end and flagged 待确认 (never silently credited: hours count only once the organiser
 * confirms); never signed in → 缺席.
 */
export async function sweepAttendance(now: number): Promise<{ autoSignedOut: number; absent: number; confirmOverdue: number }> {
  const _ = database().command;
  const due = await readList<SignUpDoc>(
    database()
      .collection(ACTIVITY_SIGNUPS)
      .where({ status: 'signed_up', attendance: _.in(['in', 'none']), endAt: _.lte(now - AUTO_SIGN_OUT_AFTER_MS) })
      .orderBy('endAt', 'asc')
      .limit(500),
  );
  const sessions = new Map<string, ActivitySessionDoc>();
  let autoSignedOut = 0;
  let absent = 0;
  for (const su of due) {
    const s = sessions.get(su.sessionId) ?? (await getSession(su.sessionId));
    sessions.set(s._id, s);
    const outcome = sweepOutcome(su, s, now);
    if (!outcome) continue;
    const ok = await cas(
      ACTIVITY_SIGNUPS,
      { _id: su._id, status: 'signed_up', attendance: su.attendance },
      outcome.attendance === 'absent'
        ? { attendance: 'absent', updatedAt: now }
        : {
            attendance: 'out',
            checkOutAt: outcome.checkOutAt,
            checkOutBy: 'auto',
            hours: outcome.hours,
            needsReview: true,
            updatedAt: now,
          },
    );
    if (ok && outcome.attendance === 'absent') absent++;
    else if (ok) autoSignedOut++;
  }
  if (autoSignedOut > 0) console.info(`[activity] auto signed out ${autoSignedOut} volunteer(s) at the planned end, flagged 待确认`);
  return { autoSignedOut, absent, confirmOverdue: await flagUnconfirmed(now) };
}

/** Sessions with volunteers whose hours are still unconfirmed 10 working days after the end: flagged for the organiser (第11条). */
async function flagUnconfirmed(now: number): Promise<number> {
  const _ = database().command;
  const due = await readList<ActivitySessionDoc>(
    database()
      .collection(ACTIVITY_SESSIONS)
      .where({ hoursConfirmed: false, confirmOverdue: false, confirmBy: _.lte(now) })
      .orderBy('confirmBy', 'asc')
      .limit(500),
  );
  let flagged = 0;
  for (const s of due.filter((d) => d.signedUp > 0)) {
    // `updated` counts matched documents: the filter excludes the flag it writes, so a concurrent
    // sweep that flagged the session first does not count it again.
    const where = { _id: s._id, hoursConfirmed: false, confirmOverdue: false };
    if (await cas(ACTIVITY_SESSIONS, where, { confirmOverdue: true, updatedAt: now })) flagged++;
  }
  return flagged;
}

/**
 * 确认时长: the organiser confirms the session's hours. Every signed-out volunteer (the 待确认 ones
 * included: confirming is the organiser's explicit check) gets one append-only entry in the hours
 * ledger (fixed key per sign-up, so confirming twice adds nothing). Refused while someone is
 * still signed in (sign them out first).
 */
export async function confirmHours(principal: LoadedPrincipal, input: { sessionId: string }, now: number): Promise<SessionRoster> {
  const s = await getSession(input.sessionId);
  requireOrganiser(principal, s);
  if (now < s.startAt) throw new DomainError(ErrorCode.InvalidTransition, '场次还没有开始，不能确认时长');
  const rows = await signUpsOf(s._id);
  const stillIn = rows.filter((r) => r.status === 'signed_up' && r.attendance === 'in');
  if (stillIn.length > 0) throw new DomainError(ErrorCode.InvalidTransition, `还有 ${stillIn.length} 人没有签退，请先「全部签退」`);
  const activity = await getActivity(s.activityId);
  for (const su of rows.filter((r) => r.status === 'signed_up' && r.attendance === 'out' && !r.confirmed)) {
    const key = hoursKeyOf('activity', su._id);
    const entry = activityHoursEntry(
      key,
      activity,
      s,
      su,
      {
        hours: su.hours,
        kind: 'live',
        status: 'confirmed',
        reason: su.needsReview ? '到点自动签退，组织者已核对' : '',
        recordedBy: activity.createdBy,
        confirmedBy: principal.openid,
      },
      now,
    );
    try {
      await database().collection(HOURS_LEDGER).add({ data: entry });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    await cas(ACTIVITY_SIGNUPS, { _id: su._id, confirmed: false }, { confirmed: true, needsReview: false, updatedAt: now });
  }
  await cas(
    ACTIVITY_SESSIONS,
    { _id: s._id },
    { confirmedAt: now, confirmedBy: principal.openid, hoursConfirmed: true, confirmOverdue: false, updatedAt: now },
  );
  const after = await signUpsOf(s._id);
  return rosterOf(
    { ...s, confirmedAt: now, confirmedBy: principal.openid, hoursConfirmed: true, confirmOverdue: false },
    (['pending', 'signed_up', 'waitlisted'] as const).flatMap((status) => after.filter((r) => r.status === status)),
  );
}
