import {
  chinaDay,
  deadlineAfter,
  duplicatesOf,
  escalateAfter,
  extensionDeadlineOf,
  guardRefusal,
  isDuplicateOf,
  isFollowUpDue,
  isWorkingDay,
  problemNoOf,
  samePlace,
  satisfactionRate,
  type WorkCalendar,
} from '../../../src/domain/problem/problem.rules';
import type { ProblemState } from '../../../src/domain/problem/problem.states';

/** A China-time moment as epoch ms. */
const cn = (iso: string) => Date.parse(`${iso}+08:00`);
const endOf = (day: string) => cn(`${day}T23:59:59.999`);
const DAY = 24 * 3600 * 1000;

/** 2026's 国庆: 10-01…10-07 off, Sunday 09-20 and Saturday 10-10 worked (调休). */
const NATIONAL_DAY: WorkCalendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-20', '2026-10-10'],
};

describe('the working-day deadline calendar', () => {
  it('days are China days, whatever the server clock zone', () => {
    expect(chinaDay(cn('2026-12-01T23:30:00'))).toBe('2026-12-01');
    expect(chinaDay(cn('2026-12-02T00:10:00'))).toBe('2026-12-02');
    expect(chinaDay(Date.parse('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
  });

  it('weekends are off; holidays are off; 调休 weekend days are worked', () => {
    expect(isWorkingDay('2026-12-04', NATIONAL_DAY)).toBe(true); // Friday
    expect(isWorkingDay('2026-12-05', NATIONAL_DAY)).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-06', NATIONAL_DAY)).toBe(false); // Sunday
    expect(isWorkingDay('2026-10-05', NATIONAL_DAY)).toBe(false); // Monday, holiday
    expect(isWorkingDay('2026-10-10', NATIONAL_DAY)).toBe(true); // Saturday, 调休
  });

  it('当天 (0 days) ends with the working day it starts on, or the next one', () => {
    expect(deadlineAfter(cn('2026-12-01T09:00:00'), 0)).toBe(endOf('2026-12-01'));
    expect(deadlineAfter(cn('2026-12-05T09:00:00'), 0)).toBe(endOf('2026-12-07')); // Saturday → Monday
  });

  it('N days count working days after the start day', () => {
    expect(deadlineAfter(cn('2026-12-01T09:00:00'), 2)).toBe(endOf('2026-12-03')); // Tue → Thu
    expect(deadlineAfter(cn('2026-12-04T16:00:00'), 2)).toBe(endOf('2026-12-08')); // Fri → Tue
    expect(deadlineAfter(cn('2026-12-05T10:00:00'), 1)).toBe(endOf('2026-12-07')); // Sat → Mon
    expect(deadlineAfter(cn('2026-12-01T09:00:00'), 7)).toBe(endOf('2026-12-10'));
    expect(deadlineAfter(cn('2026-12-01T23:50:00'), 1)).toBe(endOf('2026-12-02'));
  });

  it('holidays and 调休 move the deadline', () => {
    expect(deadlineAfter(cn('2026-09-30T10:00:00'), 2, NATIONAL_DAY)).toBe(endOf('2026-10-09')); // 10-08, 10-09
    expect(deadlineAfter(cn('2026-09-30T10:00:00'), 3, NATIONAL_DAY)).toBe(endOf('2026-10-10')); // Saturday worked
    expect(deadlineAfter(cn('2026-10-03T10:00:00'), 0, NATIONAL_DAY)).toBe(endOf('2026-10-08'));
    expect(deadlineAfter(cn('2026-09-19T10:00:00'), 1, NATIONAL_DAY)).toBe(endOf('2026-09-20')); // Sunday worked
  });

  it('twice overdue: the deadline again after the deadline, at least one working day', () => {
    const due = deadlineAfter(cn('2026-12-01T09:00:00'), 2); // Thu 12-03
    expect(escalateAfter(due, 2)).toBe(endOf('2026-12-07')); // Fri, Mon
    const today = deadlineAfter(cn('2026-12-04T09:00:00'), 0); // Fri 12-04
    expect(escalateAfter(today, 0)).toBe(endOf('2026-12-07'));
  });
});

describe('the duplicate rule (附议)', () => {
  const now = cn('2026-12-10T10:00:00');
  const problem = (
    over: Partial<{ categoryId: string; estateId: string; buildingId: string | null; state: ProblemState; createdAt: number }>,
  ) => ({
    categoryId: 'pc-clutter',
    estateId: 'est-1',
    buildingId: 'b-1' as string | null,
    state: 'reported' as ProblemState,
    createdAt: now - DAY,
    ...over,
  });
  const report = { categoryId: 'pc-clutter', estateId: 'est-1', buildingId: 'b-1' as string | null };

  it('same category, same building, open, within 7 days: a duplicate', () => {
    expect(isDuplicateOf(problem({}), report, now)).toBe(true);
    for (const state of ['reported', 'registered', 'dispatched', 'fixed'] as const)
      expect(isDuplicateOf(problem({ state }), report, now)).toBe(true);
  });

  it('another category, another 小区, another building of the 小区: not a duplicate', () => {
    expect(isDuplicateOf(problem({ categoryId: 'pc-ads' }), report, now)).toBe(false);
    expect(isDuplicateOf(problem({ estateId: 'est-2' }), report, now)).toBe(false);
    expect(isDuplicateOf(problem({ buildingId: 'b-2' }), report, now)).toBe(false);
  });

  it('the 小区 as a whole matches any of its buildings, both ways', () => {
    expect(isDuplicateOf(problem({ buildingId: null }), report, now)).toBe(true);
    expect(isDuplicateOf(problem({ buildingId: 'b-2' }), { ...report, buildingId: null }, now)).toBe(true);
    expect(samePlace({ estateId: 'est-1', buildingId: null }, { estateId: 'est-2', buildingId: null })).toBe(false);
  });

  it('closed or dismissed, or older than 7 days: not a duplicate', () => {
    expect(isDuplicateOf(problem({ state: 'closed' }), report, now)).toBe(false);
    expect(isDuplicateOf(problem({ state: 'dismissed' }), report, now)).toBe(false);
    expect(isDuplicateOf(problem({ createdAt: now - 7 * DAY }), report, now)).toBe(true);
    expect(isDuplicateOf(problem({ createdAt: now - 7 * DAY - 1 }), report, now)).toBe(false);
  });

  it('lists the same building first, then newest first', () => {
    const a = { ...problem({ buildingId: null, createdAt: now - 1000 }), id: 'a' };
    const b = { ...problem({ createdAt: now - 5 * DAY }), id: 'b' };
    const c = { ...problem({ createdAt: now - 2 * DAY }), id: 'c' };
    const d = { ...problem({ state: 'closed' }), id: 'd' };
    expect(duplicatesOf([a, b, c, d], report, now).map((p) => p.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('problem numbers and 回头看', () => {
  it('编号 carries the China date', () => {
    expect(problemNoOf(cn('2026-12-02T00:30:00'), 'abcdef12')).toBe('WT20261202-EF12');
  });
  it('回头看 is due from its date on a closed problem only', () => {
    const at = cn('2026-12-10T10:00:00');
    expect(isFollowUpDue({ state: 'closed', followUpAt: at }, at - 1)).toBe(false);
    expect(isFollowUpDue({ state: 'closed', followUpAt: at }, at)).toBe(true);
    expect(isFollowUpDue({ state: 'registered', followUpAt: at }, at)).toBe(false);
  });
});

describe('延期申请', () => {
  const deadline = endOf('2026-12-03');
  it('asks for the end of a later China day, at most 30 days past the deadline', () => {
    expect(extensionDeadlineOf('2026-12-10', deadline)).toEqual({ deadlineAt: endOf('2026-12-10') });
    expect(extensionDeadlineOf('2027-01-02', deadline)).toEqual({ deadlineAt: endOf('2027-01-02') });
    expect(extensionDeadlineOf('2027-01-03', deadline)).toEqual({ refusal: '最多延期 30 天' });
    expect(extensionDeadlineOf('2026-12-03', deadline)).toEqual({ refusal: '延期后的日期要晚于现在的处置期限' });
    expect(extensionDeadlineOf('2026-12-01', deadline)).toMatchObject({ refusal: expect.any(String) });
    expect(extensionDeadlineOf('2026-02-30', deadline)).toEqual({ refusal: '请选择延期到哪一天' });
    expect(extensionDeadlineOf('12/10', deadline)).toEqual({ refusal: '请选择延期到哪一天' });
    expect(extensionDeadlineOf('2026-12-10', null)).toMatchObject({ refusal: expect.any(String) });
  });

  it('once per problem; the station answers only a pending one', () => {
    const base = { state: 'dispatched' as ProblemState, followUpAt: null, selfFixed: false };
    const ext = (state: 'pending' | 'approved' | 'refused' | 'withdrawn') => ({
      state,
      reason: 'x',
      requestedDeadlineAt: 1,
      previousDeadlineAt: 0,
      requestedAt: 0,
      decidedAt: null,
      decisionNote: '',
    });
    expect(guardRefusal('extension_unasked', { ...base, extension: null }, 0)).toBeNull();
    expect(guardRefusal('extension_unasked', base, 0)).toBeNull();
    expect(guardRefusal('extension_unasked', { ...base, extension: ext('refused') }, 0)).toBe('每个问题只能申请一次延期');
    expect(guardRefusal('extension_pending', { ...base, extension: ext('pending') }, 0)).toBeNull();
    for (const s of ['approved', 'refused', 'withdrawn'] as const) {
      expect(guardRefusal('extension_pending', { ...base, extension: ext(s) }, 0)).toBe('没有待审批的延期申请');
    }
  });
});

describe('评价 and 满意率', () => {
  const closed = { state: 'closed' as ProblemState, followUpAt: null, selfFixed: false };
  it('rated once; a 自查自处 is not rated', () => {
    expect(guardRefusal('rating_open', closed, 0)).toBeNull();
    expect(guardRefusal('rating_open', { ...closed, rating: null }, 0)).toBeNull();
    expect(guardRefusal('rating_open', { ...closed, rating: { score: 'fair', comment: '', at: 1 } }, 0)).toBe('您已经评价过了');
    expect(guardRefusal('rating_open', { ...closed, selfFixed: true }, 0)).toBe('自查自处的问题不用评价');
  });

  it('满意率 counts 满意 and 基本满意 among the rated', () => {
    expect(satisfactionRate([])).toBeNull();
    expect(satisfactionRate(['satisfied', 'fair', 'unsatisfied', 'satisfied'])).toBe(0.75);
    expect(satisfactionRate(['unsatisfied'])).toBe(0);
  });
});
