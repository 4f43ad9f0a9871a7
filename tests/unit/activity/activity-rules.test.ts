import { createHmac } from 'node:crypto';
import {
  activityHours,
  CODE_SLICE_MS,
  cancelProblem,
  codeMatches,
  confirmByOf,
  currentCode,
  orderClash,
  overlaps,
  presenceProblem,
  promotionOrder,
  recurringSessions,
  rotatingCode,
  sessionProblem,
  sessionsProblem,
  signUpProblem,
  spanHours,
  sweepOutcome,
} from '../../../src/domain/activity/activity.rules';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 2, 2, 0, 0, 0); // a Monday, 08:00 China time
const digest = (secret: string) => (m: string) => createHmac('sha256', secret).update(m).digest();
const session = { startAt: NOW + 2 * HOUR, endAt: NOW + 4 * HOUR, plannedHours: 2 };

describe('sessions', () => {
  it('a session must be in the future, 15 min to 12 h long, with a quota and planned hours inside its span', () => {
    expect(sessionProblem({ ...session, quota: 10 }, NOW)).toBeNull();
    expect(sessionProblem({ ...session, quota: 10 }, NOW + 3 * HOUR)).toMatch(/之后/);
    expect(sessionProblem({ startAt: NOW + HOUR, endAt: NOW + HOUR, quota: 1 }, NOW)).toMatch(/晚于/);
    expect(sessionProblem({ ...session, quota: 0 }, NOW)).toMatch(/名额/);
    expect(sessionProblem({ ...session, quota: 5, plannedHours: 2.5 }, NOW)).toMatch(/不能超过/);
    expect(sessionProblem({ ...session, quota: 5, plannedHours: 1.1 }, NOW)).toMatch(/0.25/);
    expect(spanHours(NOW, NOW + 100 * MIN)).toBe(1.5);
  });

  it('sessions of one activity may not overlap; touching ends do not overlap', () => {
    const a = { startAt: NOW + HOUR, endAt: NOW + 2 * HOUR, quota: 1 };
    expect(sessionsProblem([a, { ...a, startAt: NOW + 2 * HOUR, endAt: NOW + 3 * HOUR }], NOW)).toBeNull();
    expect(sessionsProblem([a, { ...a, startAt: NOW + 90 * MIN, endAt: NOW + 3 * HOUR }], NOW)).toMatch(/重叠/);
    expect(sessionsProblem([], NOW)).toMatch(/至少/);
    expect(overlaps(a, { startAt: a.endAt, endAt: a.endAt + HOUR })).toBe(false);
  });

  it('recurring shifts: every working day for four weeks gives 20 sessions, none on weekends', () => {
    const first = { startAt: NOW - 30 * MIN + 24 * HOUR, endAt: NOW + HOUR + 24 * HOUR, quota: 4 }; // Tue 07:30–09:00
    const sessions = recurringSessions(first, 28);
    expect(sessions).toHaveLength(20);
    for (const s of sessions) expect([1, 2, 3, 4, 5]).toContain(new Date(s.startAt + 8 * HOUR).getUTCDay());
    expect(sessionsProblem(sessions, NOW)).toBeNull();
  });
});

describe('sign-up rules', () => {
  const activity = { state: 'published' as const, signUpOpensAt: NOW - HOUR, signUpClosesAt: NOW + HOUR };
  it('inside the window, before the start, and never two overlapping sessions', () => {
    expect(signUpProblem(activity, session, [], NOW)).toBeNull();
    expect(signUpProblem({ ...activity, signUpOpensAt: NOW + MIN }, session, [], NOW)).toMatch(/还没有开始/);
    expect(signUpProblem(activity, session, [], NOW + 2 * HOUR)).toMatch(/截止/);
    expect(signUpProblem({ ...activity, state: 'cancelled' }, session, [], NOW)).toMatch(/取消/);
    const other = { sessionId: 'x', status: 'signed_up' as const, startAt: NOW + 3 * HOUR, endAt: NOW + 5 * HOUR, title: '巡河' };
    expect(signUpProblem(activity, session, [other], NOW)).toMatch(/巡河.*重叠/);
    expect(signUpProblem(activity, session, [{ ...other, status: 'cancelled' }], NOW)).toBeNull();
    expect(signUpProblem(activity, session, [{ ...other, status: 'waitlisted' }], NOW)).toMatch(/重叠/);
  });

  it('cancel until the deadline; a waitlisted sign-up may always withdraw before the start', () => {
    const s = { status: 'signed_up' as const, attendance: 'none' as const, startAt: NOW + 3 * HOUR };
    expect(cancelProblem(s, 120, NOW)).toBeNull();
    expect(cancelProblem(s, 120, NOW + HOUR + MIN)).toMatch(/2 小时内不能取消/);
    expect(cancelProblem({ ...s, status: 'waitlisted' }, 120, NOW + 2 * HOUR)).toBeNull();
    expect(cancelProblem({ ...s, attendance: 'in' }, 120, NOW)).toMatch(/签到/);
    expect(cancelProblem({ ...s, status: 'pending' }, 120, NOW + 2 * HOUR)).toBeNull();
    expect(cancelProblem({ ...s, status: 'rejected' }, 120, NOW)).toMatch(/未通过/);
  });

  it('候补 are promoted first come first served', () => {
    const list = [
      { id: 'c', status: 'waitlisted' as const, waitKey: '0000000000003-c' },
      { id: 'a', status: 'signed_up' as const, waitKey: '0000000000001-a' },
      { id: 'b', status: 'waitlisted' as const, waitKey: '0000000000002-b' },
      { id: 'd', status: 'cancelled' as const, waitKey: '0000000000000-d' },
    ];
    expect(promotionOrder(list, 1).map((s) => s.id)).toEqual(['b']);
    expect(promotionOrder(list, 5).map((s) => s.id)).toEqual(['b', 'c']);
    expect(promotionOrder(list, 0)).toEqual([]);
  });
});

describe('the rotating code: HMAC of session, action and 30 s slice', () => {
  const d = digest('secret');
  it('is 6 digits, differs by session, action, slice and secret', () => {
    const code = rotatingCode(d, 's1', 'in', 1000);
    expect(code).toMatch(/^\d{6}$/);
    const others = [
      rotatingCode(d, 's2', 'in', 1000),
      rotatingCode(d, 's1', 'out', 1000),
      rotatingCode(d, 's1', 'in', 1001),
      rotatingCode(digest('other'), 's1', 'in', 1000),
    ];
    for (const o of others) expect(o).not.toBe(code);
  });

  it('accepts the current and the previous slice only', () => {
    const t = NOW + 7_000;
    const { code, validUntil } = currentCode(d, 's1', 'in', t);
    expect(validUntil - t).toBeLessThanOrEqual(CODE_SLICE_MS);
    expect(codeMatches(d, 's1', 'in', code, t)).toBe(true);
    expect(codeMatches(d, 's1', 'in', code, t + CODE_SLICE_MS)).toBe(true); // read out just before it changed
    expect(codeMatches(d, 's1', 'in', code, t + 2 * CODE_SLICE_MS)).toBe(false); // stale
    expect(codeMatches(d, 's1', 'out', code, t)).toBe(false); // bound to the action
    expect(codeMatches(d, 's2', 'in', code, t)).toBe(false); // bound to the session
    expect(codeMatches(d, 's1', 'in', 'abcdef', t)).toBe(false);
  });
});

describe('attendance and hours', () => {
  it('sign-in opens an hour before; only a signed-up volunteer; sign-out after sign-in', () => {
    const su = { status: 'signed_up' as const, attendance: 'none' as const };
    expect(presenceProblem('in', su, session, NOW + HOUR)).toBeNull();
    expect(presenceProblem('in', su, session, NOW + 30 * MIN)).toMatch(/1 小时/);
    expect(presenceProblem('in', null, session, NOW + 2 * HOUR)).toMatch(/没有报名/);
    expect(presenceProblem('in', { ...su, status: 'waitlisted' }, session, NOW + 2 * HOUR)).toMatch(/候补/);
    expect(presenceProblem('in', { ...su, status: 'pending' }, session, NOW + 2 * HOUR)).toMatch(/审核/);
    expect(presenceProblem('out', su, session, NOW + 3 * HOUR)).toMatch(/还没有签到/);
    expect(presenceProblem('out', { ...su, attendance: 'in' }, session, NOW + 3 * HOUR)).toBeNull();
    expect(presenceProblem('out', { ...su, attendance: 'in' }, session, NOW + 7 * HOUR)).toMatch(/自动签退|签退时间/);
  });

  it('hours by the one rule, inside the span and never above the planned hours', () => {
    expect(activityHours(session, session.startAt - 40 * MIN, session.endAt + HOUR)).toBe(2); // early / late do not count
    expect(activityHours(session, session.startAt + 10 * MIN, session.startAt + 62 * MIN)).toBe(0.75); // 52 min → 0.75
    expect(activityHours(session, session.startAt + 10 * MIN, session.startAt + 63 * MIN)).toBe(1); // 53 min → 1
    expect(activityHours(session, session.startAt + 1 * MIN, session.startAt + 3 * MIN)).toBe(0.25);
    expect(activityHours({ ...session, plannedHours: 1.5 }, session.startAt, session.endAt)).toBe(1.5);
    expect(activityHours(session, session.endAt + MIN, session.endAt + HOUR)).toBe(0);
  });

  it('the sweep signs out at the PLANNED end, flagged 待确认; no-shows are recorded; nothing before end + 2 h', () => {
    const su = { status: 'signed_up' as const, attendance: 'in' as const, checkInAt: session.startAt + 15 * MIN, endAt: session.endAt };
    expect(sweepOutcome(su, session, session.endAt + HOUR)).toBeNull();
    expect(sweepOutcome(su, session, session.endAt + 3 * HOUR)).toEqual({
      attendance: 'out',
      checkOutAt: session.endAt,
      hours: 1.75,
      needsReview: true,
    });
    expect(sweepOutcome({ ...su, attendance: 'none', checkInAt: null }, session, session.endAt + 3 * HOUR)).toEqual({
      attendance: 'absent',
      checkOutAt: null,
      hours: 0,
      needsReview: false,
    });
    expect(sweepOutcome({ ...su, status: 'waitlisted' }, session, session.endAt + 3 * HOUR)).toBeNull();
    expect(sweepOutcome({ ...su, attendance: 'out' }, session, session.endAt + 3 * HOUR)).toBeNull();
  });
});

describe('hours are due within 10 working days of the end (第11条)', () => {
  it('counts working days only', () => {
    // Ends Monday 2026-03-02 10:00 China time → due by the end of Monday 2026-03-16.
    const end = Date.UTC(2026, 2, 2, 2, 0);
    expect(new Date(confirmByOf(end) + 8 * HOUR).toISOString().slice(0, 10)).toBe('2026-03-16');
  });
});

describe('an order in hand', () => {
  it('clashes only when the volunteer is assigned and its 期望时间 overlaps', () => {
    const order = {
      itemName: '助餐送餐',
      preferredWindow: { start: session.startAt - HOUR, end: session.startAt + MIN },
      assigneeOpenids: ['v1'],
    };
    expect(orderClash([order], 'v1', session)?.itemName).toBe('助餐送餐');
    expect(orderClash([order], 'v2', session)).toBeUndefined();
    expect(
      orderClash([{ ...order, preferredWindow: { start: session.startAt - HOUR, end: session.startAt } }], 'v1', session),
    ).toBeUndefined();
    expect(orderClash([{ ...order, assigneeOpenids: undefined }], 'v1', session)).toBeUndefined();
  });
});
