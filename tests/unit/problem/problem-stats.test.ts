import { median, type StatsProblem, statsBy, statsRowOf } from '../../../src/domain/problem/problem.stats';

const NOW = Date.parse('2026-12-10T12:00:00+08:00');
const H = 3600 * 1000;
const p = (over: Partial<StatsProblem>): StatsProblem => ({
  communityId: 'c1',
  assignedUnitIds: ['u1'],
  state: 'dispatched',
  deadlineAt: null,
  fixedAt: null,
  closedAt: null,
  createdAt: NOW - 100 * H,
  reworkCount: 0,
  relapseCount: 0,
  selfFixed: false,
  rating: null,
  ...over,
});

describe('问题统计', () => {
  it('按期处置率 over the due ones; 超期 = fixed late or still open past the deadline', () => {
    const deadlineAt = NOW - 10 * H;
    const row = statsRowOf(
      'u1',
      '天府物业',
      [
        p({ deadlineAt, fixedAt: deadlineAt - H, state: 'fixed' }), // on time
        p({ deadlineAt, fixedAt: deadlineAt + H, state: 'fixed' }), // late
        p({ deadlineAt }), // open, past it
        p({ deadlineAt: NOW + 10 * H }), // not due yet
        p({ state: 'reported' }), // no deadline
      ],
      NOW,
    );
    expect(row).toMatchObject({ problems: 5, due: 3, onTime: 1, overdue: 2 });
    expect(row.onTimeRate).toBeCloseTo(1 / 3);
  });

  it('返工, 回潮, 满意率 and the median hours to 销号 (自查自处 left out)', () => {
    const row = statsRowOf(
      'c1',
      '和平社区',
      [
        p({
          state: 'closed',
          createdAt: NOW - 10 * H,
          closedAt: NOW,
          reworkCount: 2,
          rating: { score: 'satisfied', comment: '', at: NOW },
        }),
        p({
          state: 'closed',
          createdAt: NOW - 30 * H,
          closedAt: NOW,
          relapseCount: 1,
          rating: { score: 'unsatisfied', comment: '', at: NOW },
        }),
        p({ state: 'closed', createdAt: NOW - 20 * H, closedAt: NOW, rating: { score: 'fair', comment: '', at: NOW } }),
        p({ state: 'closed', createdAt: NOW, closedAt: NOW, selfFixed: true }),
      ],
      NOW,
    );
    expect(row).toMatchObject({ closed: 4, rework: 2, relapse: 1, rated: 3, medianCloseHours: 20 });
    expect(row.satisfaction).toBeCloseTo(2 / 3);
    expect(statsRowOf('x', 'x', [], NOW)).toMatchObject({ onTimeRate: null, satisfaction: null, medianCloseHours: null });
  });

  it('a jointly handled problem counts for each unit; every named group is listed, even empty', () => {
    const rows = statsBy(
      [p({ assignedUnitIds: ['u1', 'u2'] }), p({ assignedUnitIds: ['u1'] })],
      (x) => x.assignedUnitIds,
      new Map([
        ['u1', '天府物业'],
        ['u2', '城管中队'],
        ['u3', '供电所'],
      ]),
      NOW,
    );
    expect(rows.map((r) => [r.name, r.problems])).toEqual([
      ['天府物业', 2],
      ['城管中队', 1],
      ['供电所', 0],
    ]);
  });

  it('median of even and odd counts', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
