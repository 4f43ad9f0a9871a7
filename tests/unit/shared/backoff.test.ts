import { backoffMs, FIRST_BACKOFF_MS } from '../../../src/domain/shared/backoff';

describe('backoffMs: full jitter over a doubling window', () => {
  it('never waits less than nothing nor past the window of its round', () => {
    for (const round of [0, 1, 2]) {
      expect(backoffMs(round, () => 0)).toBe(0);
      expect(backoffMs(round, () => 0.999999)).toBe(FIRST_BACKOFF_MS * 2 ** round - 1);
    }
  });

  it('doubles the window each round, so three rounds wait at most 140 ms in all', () => {
    expect(backoffMs(0, () => 0.5)).toBe(10);
    expect(backoffMs(1, () => 0.5)).toBe(20);
    expect(backoffMs(2, () => 0.5)).toBe(40);
    const worst = [0, 1, 2].reduce((sum, round) => sum + backoffMs(round, () => 0.999999), 0);
    expect(worst).toBeLessThan(140);
  });
});
