/**
 * What the stats function answers (统计概览): the types the cloud function builds and the
 * consoles read (pure types, shared by both sides). The numbers are defined in service-stats.rules.ts.
 */
import type { GroupStats } from './service-stats.rules';

export type StatsScope = 'station' | 'team';

export interface StatsGroup extends GroupStats {
  /** Community id (station scope) or team id (team scope). */
  id: string;
  name: string;
}

export interface StatsOverview {
  scope: StatsScope;
  generatedAt: number;
  /** Every order the caller may count (of the groups below together). */
  totals: GroupStats;
  groups: StatsGroup[];
}
