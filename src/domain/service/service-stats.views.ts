/**
 * What the stats function answers (统计概览): the types the cloud function builds and the
 * consoles read (pure types, shared by both sides). The numbers are defined in service-stats.rules.ts.
 */
import type { GroupStats } from './service-stats.rules';
import type { PeriodRange, StatsPeriodKey } from './stats-period';

export type StatsScope = 'station' | 'team';

export interface StatsGroup extends GroupStats {
  /** Community id (station scope) or team id (team scope). */
  id: string;
  name: string;
}

/** The period the numbers count (orders placed from `from` until before `to`). */
export interface StatsPeriodView extends PeriodRange {
  key: StatsPeriodKey;
}

export interface StatsOverview {
  scope: StatsScope;
  /** Null: every order ever (no period asked for). */
  period: StatsPeriodView | null;
  generatedAt: number;
  /** Every order the caller may count (of the groups below together). */
  totals: GroupStats;
  groups: StatsGroup[];
}
