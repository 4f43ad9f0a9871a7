import { ledgerKeyOf, POINTS_PER_HOUR, pointsForHours, pointsSortKeyOf } from '../../../src/domain/points/points.rules';

describe('points rule: 10 points per confirmed hour, rounded down', () => {
  it.each([
    [0, 0],
    [0.25, 2],
    [0.5, 5],
    [0.75, 7],
    [1, 10],
    [1.25, 12],
    [1.5, 15],
    [2.75, 27],
    [12, 120],
  ])('%d h → %i points', (hours, points) => {
    expect(pointsForHours(hours)).toBe(points);
  });

  it('never credits negative or bogus hours', () => {
    expect(pointsForHours(-1)).toBe(0);
    expect(pointsForHours(Number.NaN)).toBe(0);
    expect(POINTS_PER_HOUR).toBe(10);
  });

  it('float noise never loses a point', () => {
    expect(pointsForHours(0.1 + 0.2)).toBe(3);
  });

  it('one ledger key per (order, round, volunteer, reason); history keys sort by time', () => {
    const a = ledgerKeyOf('ord-1', 4, 'o-v1', 'service_hours');
    expect(a).toBe('ord-1-r4-o-v1-service_hours');
    expect(ledgerKeyOf('ord-1', 4, 'o-v2', 'service_hours')).not.toBe(a);
    expect(ledgerKeyOf('ord-1', 8, 'o-v1', 'service_hours')).not.toBe(a);
    expect(pointsSortKeyOf(5, 'x') < pointsSortKeyOf(10, 'x')).toBe(true);
    expect(pointsSortKeyOf(1_700_000_000_000, 'k')).toBe('1700000000000-k');
  });
});
