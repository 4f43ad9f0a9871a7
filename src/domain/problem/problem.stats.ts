/**
 * 问题统计: per 处置单位 and per 社区, for the problems reported in a period — 按期处置率, 超期数,
 * 返工数, 回潮数, 满意率 and the median time from report to 销号.
 *
 * Definitions (the 街道's reports count the same way):
 * - a problem is *due* once it had a deadline and was either fixed or is past that deadline now;
 *   it is *on time* when its (last) fix came before its deadline. 按期处置率 = on time / due.
 * - 超期数 = due − on time (fixed late, or still not fixed past the deadline).
 * - 返工 / 回潮: the counts on the problems; 满意率: satisfactionRate of the reporters' ratings.
 * - time to close: 销号 − 上报, of closed problems that were not 自查自处 (those close at once).
 * A problem sent to several units (联合处置) counts for each of them.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import { satisfactionRate } from './problem.rules';
import type { ProblemDoc, ProblemRatingScore } from './problem.types';

export type StatsProblem = Pick<
  ProblemDoc,
  | 'communityId'
  | 'assignedUnitIds'
  | 'state'
  | 'deadlineAt'
  | 'fixedAt'
  | 'closedAt'
  | 'createdAt'
  | 'reworkCount'
  | 'relapseCount'
  | 'selfFixed'
  | 'rating'
>;

export interface ProblemStatsRow {
  key: string;
  name: string;
  /** Reported in the period. */
  problems: number;
  closed: number;
  /** Had a deadline and were fixed or are past it. */
  due: number;
  onTime: number;
  /** on time / due, 0–1; null when nothing was due. */
  onTimeRate: number | null;
  overdue: number;
  rework: number;
  relapse: number;
  rated: number;
  /** 0–1; null when nobody rated. */
  satisfaction: number | null;
  /** Median hours from 上报 to 销号; null when none closed. */
  medianCloseHours: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const HOUR_MS = 3600 * 1000;

/** The numbers of one group of problems. */
export function statsRowOf(key: string, name: string, problems: readonly StatsProblem[], now: number): ProblemStatsRow {
  let due = 0;
  let onTime = 0;
  let closed = 0;
  let rework = 0;
  let relapse = 0;
  const closeHours: number[] = [];
  const scores: ProblemRatingScore[] = [];
  for (const p of problems) {
    if (p.deadlineAt !== null && (p.fixedAt !== null || p.deadlineAt < now)) {
      due++;
      if (p.fixedAt !== null && p.fixedAt <= p.deadlineAt) onTime++;
    }
    if (p.state === 'closed') {
      closed++;
      if (!p.selfFixed && p.closedAt !== null) closeHours.push((p.closedAt - p.createdAt) / HOUR_MS);
    }
    rework += p.reworkCount;
    relapse += p.relapseCount;
    if (p.rating) scores.push(p.rating.score);
  }
  const hours = median(closeHours);
  return {
    key,
    name,
    problems: problems.length,
    closed,
    due,
    onTime,
    onTimeRate: due === 0 ? null : onTime / due,
    overdue: due - onTime,
    rework,
    relapse,
    rated: scores.length,
    satisfaction: satisfactionRate(scores),
    medianCloseHours: hours === null ? null : Math.round(hours * 10) / 10,
  };
}

/** Rows per key (a problem may fall under several keys), in the order of `names`, then by key. */
export function statsBy(
  problems: readonly StatsProblem[],
  keysOf: (p: StatsProblem) => readonly string[],
  names: ReadonlyMap<string, string>,
  now: number,
): ProblemStatsRow[] {
  const groups = new Map<string, StatsProblem[]>();
  for (const key of names.keys()) groups.set(key, []);
  for (const p of problems) {
    for (const key of new Set(keysOf(p))) {
      const group = groups.get(key) ?? [];
      group.push(p);
      groups.set(key, group);
    }
  }
  return [...groups.entries()].map(([key, group]) => statsRowOf(key, names.get(key) ?? '（已停用）', group, now));
}

/** A screen's period choices: the last N China days up to today. */
export const STATS_PERIODS = [
  { key: '7d', label: '近 7 天', days: 7 },
  { key: '30d', label: '近 30 天', days: 30 },
  { key: '90d', label: '近 90 天', days: 90 },
] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number]['key'];
