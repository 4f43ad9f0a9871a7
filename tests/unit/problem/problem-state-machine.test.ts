import {
  availableProblemEvents,
  decideProblem,
  PROBLEM_TRANSITIONS,
  type ProblemEvent,
  type ProblemParty,
} from '../../../src/domain/problem/problem.state-machine';
import { PROBLEM_STATES, type ProblemState } from '../../../src/domain/problem/problem.states';

const PARTIES: ProblemParty[] = ['reporter', 'staff', 'grid', 'unit', 'public', 'system'];
const EVENTS: ProblemEvent[] = [
  'register',
  'dismiss',
  'dispatch',
  'return',
  'fix',
  'verify_pass',
  'verify_fail',
  'self_fix',
  'follow_up',
  'relapse',
  'second',
  'supervise',
  'escalate',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'rate',
];
const OPEN: ProblemState[] = ['reported', 'registered', 'dispatched', 'fixed'];

/** DESIGN.md §6 written out independently: event → (from states → to), and who may fire it. */
const EXPECTED: Record<ProblemEvent, { from: Partial<Record<ProblemState, ProblemState>>; parties: ProblemParty[] }> = {
  register: { from: { reported: 'registered' }, parties: ['staff'] },
  dismiss: { from: { reported: 'dismissed' }, parties: ['staff'] },
  dispatch: { from: { registered: 'dispatched' }, parties: ['staff'] },
  return: { from: { dispatched: 'registered' }, parties: ['unit'] },
  fix: { from: { dispatched: 'fixed' }, parties: ['unit'] },
  verify_pass: { from: { fixed: 'closed' }, parties: ['staff', 'grid'] },
  verify_fail: { from: { fixed: 'dispatched' }, parties: ['staff', 'grid'] },
  self_fix: { from: { reported: 'closed' }, parties: ['grid'] },
  follow_up: { from: { closed: 'closed' }, parties: ['staff', 'grid'] },
  relapse: { from: { closed: 'registered' }, parties: ['staff', 'grid'] },
  second: { from: Object.fromEntries(OPEN.map((s) => [s, s])), parties: ['public'] },
  supervise: { from: { dispatched: 'dispatched' }, parties: ['system'] },
  escalate: { from: { dispatched: 'dispatched' }, parties: ['system'] },
  request_extension: { from: { dispatched: 'dispatched' }, parties: ['unit'] },
  approve_extension: { from: { dispatched: 'dispatched' }, parties: ['staff'] },
  refuse_extension: { from: { dispatched: 'dispatched' }, parties: ['staff'] },
  rate: { from: { closed: 'closed' }, parties: ['reporter'] },
};

describe('the grid problem state machine: every (state, event, party) cell', () => {
  it('the table names exactly the events the design has, one rule per (event, state)', () => {
    expect([...new Set(PROBLEM_TRANSITIONS.map((r) => r.event))].sort()).toEqual([...EVENTS].sort());
    for (const event of EVENTS) {
      for (const state of PROBLEM_STATES) {
        expect(PROBLEM_TRANSITIONS.filter((r) => r.event === event && r.from.includes(state)).length).toBeLessThanOrEqual(1);
      }
    }
  });

  const cells = PROBLEM_STATES.flatMap((state) => EVENTS.flatMap((event) => PARTIES.map((party) => [state, event, party] as const)));
  it.each(cells)('%s × %s × %s', (state, event, party) => {
    const expected = EXPECTED[event];
    const to = expected.from[state];
    const decision = decideProblem(state, event, [party]);
    if (to === undefined) {
      expect(decision).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    } else if (!expected.parties.includes(party)) {
      expect(decision).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    } else {
      expect(decision).toMatchObject({ ok: true, from: state, to });
    }
  });

  it('延期: asked once by the unit, answered by the station; the guards say when', () => {
    const rule = (e: ProblemEvent) => PROBLEM_TRANSITIONS.find((r) => r.event === e);
    expect(rule('request_extension')?.guards).toEqual(['extension_unasked']);
    expect(rule('approve_extension')?.guards).toEqual(['extension_pending']);
    expect(rule('refuse_extension')?.guards).toEqual(['extension_pending']);
    expect(rule('approve_extension')?.effects).toEqual(['extend_deadline']);
  });

  it('评价: the reporter, once, after 销号', () => {
    expect(availableProblemEvents('closed', ['reporter']).map((r) => r.event)).toEqual(['rate']);
    expect(PROBLEM_TRANSITIONS.find((r) => r.event === 'rate')).toMatchObject({ guards: ['rating_open'], effects: ['record_rating'] });
  });

  it('a caller with several parties is allowed when any of them is', () => {
    expect(decideProblem('fixed', 'verify_pass', ['reporter', 'grid']).ok).toBe(true);
    expect(decideProblem('fixed', 'verify_pass', ['reporter', 'unit']).ok).toBe(false);
  });

  it('notes, photos and units are required where the other side needs them', () => {
    const rule = (e: ProblemEvent) => PROBLEM_TRANSITIONS.find((r) => r.event === e);
    expect(
      PROBLEM_TRANSITIONS.filter((r) => r.needsNote)
        .map((r) => r.event)
        .sort(),
    ).toEqual(['dismiss', 'refuse_extension', 'relapse', 'request_extension', 'return', 'verify_fail'].sort());
    expect(
      PROBLEM_TRANSITIONS.filter((r) => r.needsPhotos)
        .map((r) => r.event)
        .sort(),
    ).toEqual(['fix', 'self_fix']);
    expect(rule('dispatch')?.needsUnits).toBe(true);
    expect(rule('verify_fail')?.effects).toContain('count_rework');
    expect(rule('relapse')?.effects).toContain('count_relapse');
    expect(rule('self_fix')?.effects).toEqual(expect.arrayContaining(['close', 'count_on_the_spot']));
  });

  it('the buttons: never the timer events nor 自查自处 (filed with the report)', () => {
    expect(availableProblemEvents('reported', ['staff']).map((r) => r.event)).toEqual(['register', 'dismiss']);
    expect(availableProblemEvents('reported', ['grid', 'reporter']).map((r) => r.event)).toEqual([]);
    expect(availableProblemEvents('dispatched', ['unit']).map((r) => r.event)).toEqual(['return', 'fix', 'request_extension']);
    expect(availableProblemEvents('dispatched', ['staff']).map((r) => r.event)).toEqual(['approve_extension', 'refuse_extension']);
    expect(availableProblemEvents('dispatched', ['system']).map((r) => r.event)).toEqual([]);
    expect(availableProblemEvents('fixed', ['grid']).map((r) => r.event)).toEqual(['verify_pass', 'verify_fail']);
  });
});
