import { average1, median, nextTeamRating, summarize } from '../../../src/domain/service/service-stats.rules';

const MIN = 60_000;

describe('median', () => {
  it('odd, even, empty, unsorted and non-finite inputs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([Number.NaN, 7, Number.POSITIVE_INFINITY, 1])).toBe(4);
  });
});

describe('team rating', () => {
  it('is the running mean of every rating, one decimal', () => {
    let team = {};
    const seen: number[] = [];
    for (const stars of [5, 4, 4]) {
      team = nextTeamRating(team, stars);
      seen.push((team as { rating: number }).rating);
    }
    expect(seen).toEqual([5, 4.5, 4.3]);
    expect(team).toMatchObject({ ratingSum: 13, ratingCount: 3 });
    expect(average1(0, 0)).toBeNull();
  });
});

describe('summarize', () => {
  it('counts by state, medians in minutes, hours of served orders, average rating', () => {
    const t = 1_000_000;
    const stats = summarize(
      [
        { state: 'closed', createdAt: t, takenAt: t + 10 * MIN, completedAt: t + 100 * MIN, serviceHours: 2, stars: 5 },
        { state: 'completed', createdAt: t, takenAt: t + 30 * MIN, completedAt: t + 200 * MIN, serviceHours: 1.5 },
        { state: 'taken', createdAt: t, takenAt: t + 20 * MIN },
        { state: 'submitted', createdAt: t },
        { state: 'closed', createdAt: t, takenAt: t + 40 * MIN, completedAt: t + 300 * MIN, serviceHours: 0.25, stars: 4 },
        // Reopened: the hours of its earlier round are not counted while it is open again.
        { state: 'accepted', createdAt: t, serviceHours: 3, stars: 2 },
      ],
      ['submitted', 'accepted', 'taken', 'completed', 'closed', 'cancelled'],
    );
    expect(stats.total).toBe(6);
    expect(stats.byState).toEqual({ submitted: 1, accepted: 1, taken: 1, completed: 1, closed: 2, cancelled: 0 });
    expect(stats.medianTakeMinutes).toBe(25);
    expect(stats.medianCompleteMinutes).toBe(200);
    expect(stats.hoursServed).toBe(3.75);
    expect(stats.averageRating).toBe(3.7);
    expect(stats.ratedCount).toBe(3);
  });

  it('nothing yet: zeros and nulls', () => {
    expect(summarize([], ['closed'])).toEqual({
      total: 0,
      byState: { closed: 0 },
      medianTakeMinutes: null,
      medianCompleteMinutes: null,
      hoursServed: 0,
      averageRating: null,
      ratedCount: 0,
    });
  });
});
