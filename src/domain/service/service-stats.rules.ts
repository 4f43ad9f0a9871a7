import { SERVED_STATES } from '../order/order.states';

/**
 * Arithmetic of the statistics overview (stats.overview), kept pure so it is tested on its own.
 *
 * Definitions (as the statistics screen explains them):
 *  - time to take (接单用时) = when a team took the order (接单 / 抢单) − when it was placed;
 *  - time to complete (完成用时) = when the leader completed it − when it was placed;
 *  - both are medians over the orders that reached that step, in minutes, null when none did;
 *  - hours served = confirmed hours of completed orders; average rating = mean stars of rated
 *    orders, one decimal, null when none was rated.
 */
export function median(values: readonly number[]): number | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

export const msToMinutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 60_000));

export function average1(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : null;
}

/**
 * A team's rating after one more rating: the running average of every rating the team received,
 * one decimal. The stored sum and count make the next update exact (no averaging of averages).
 */
export function nextTeamRating(prev: { ratingSum?: number; ratingCount?: number }, stars: number) {
  const ratingSum = (prev.ratingSum ?? 0) + stars;
  const ratingCount = (prev.ratingCount ?? 0) + 1;
  return { ratingSum, ratingCount, rating: average1(ratingSum, ratingCount) as number };
}

/** One order as the overview reads it. */
export interface StatsRecord {
  state: string;
  createdAt: number;
  takenAt?: number | null;
  completedAt?: number | null;
  serviceHours?: number | null;
  stars?: number | null;
}

export interface GroupStats {
  total: number;
  /** Every order state with its count (0 included, so screens need no defaults). */
  byState: Record<string, number>;
  medianTakeMinutes: number | null;
  medianCompleteMinutes: number | null;
  hoursServed: number;
  averageRating: number | null;
  ratedCount: number;
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The overview numbers of a set of orders, by the definitions above. */
export function summarize(records: readonly StatsRecord[], states: readonly string[]): GroupStats {
  const byState: Record<string, number> = Object.fromEntries(states.map((s) => [s, 0]));
  const take: number[] = [];
  const complete: number[] = [];
  let hours = 0;
  let starSum = 0;
  let rated = 0;
  for (const r of records) {
    byState[r.state] = (byState[r.state] ?? 0) + 1;
    if (num(r.takenAt) && r.takenAt >= r.createdAt) take.push(r.takenAt - r.createdAt);
    if (num(r.completedAt) && r.completedAt >= r.createdAt) complete.push(r.completedAt - r.createdAt);
    if (num(r.serviceHours) && (SERVED_STATES as readonly string[]).includes(r.state)) hours += r.serviceHours;
    if (num(r.stars)) {
      starSum += r.stars;
      rated += 1;
    }
  }
  return {
    total: records.length,
    byState,
    medianTakeMinutes: msToMinutes(median(take)),
    medianCompleteMinutes: msToMinutes(median(complete)),
    hoursServed: Math.round(hours * 100) / 100,
    averageRating: average1(starSum, rated),
    ratedCount: rated,
  };
}
