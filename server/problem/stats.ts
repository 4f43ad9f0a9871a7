import { ORG_UNITS } from '../../database/collections';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { chinaDay, DAY_MS, problemSortKeyOf } from '../../src/domain/problem/problem.rules';
import { PROBLEM_STATES } from '../../src/domain/problem/problem.states';
import { STATS_PERIODS, type StatsProblem, statsBy, statsRowOf } from '../../src/domain/problem/problem.stats';
import type { ProblemStatsView } from '../../src/domain/problem/problem.views';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { READ_PAGE, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { ledgerScope } from './ledger';
import { PROBLEMS, unitsOf } from './problem-store';

/**
 * Problems one 统计 reads at most: 10,000 took 8–10 s through the local cloud on a busy machine
 * (the function's timeout is 20 s). A 社区 reports far fewer in 90 days; 桂溪 as a whole (~140 a
 * day) stops at about 70 days and the screen says the numbers cover the newest problems. Longer
 * periods need daily aggregates kept by a timer, not a read of every problem.
 */
export const STATS_READ_CAP = 10_000;

const FIELDS = {
  communityId: true,
  assignedUnitIds: true,
  state: true,
  deadlineAt: true,
  fixedAt: true,
  closedAt: true,
  createdAt: true,
  reworkCount: true,
  relapseCount: true,
  selfFixed: true,
  rating: true,
  sortKey: true,
} as const;

/**
 * 问题统计 of the caller's scope (station: its 社区; institute: the 街道) for the problems reported
 * in the period, in one call: totals, per 处置单位, per 社区. The read is the 台账's index
 * (scope, state, sortKey range), only the fields the numbers need, a page of 1,000 at a time.
 */
export async function problemStats(principal: LoadedPrincipal, input: { period?: string }, now: number): Promise<ProblemStatsView> {
  const scope = await ledgerScope(principal);
  if (scope.kind === 'unit') throw new DomainError(ErrorCode.Forbidden, '问题统计只对社区实践站和街道实践所开放');
  const period = STATS_PERIODS.find((p) => p.key === input.period) ?? STATS_PERIODS[1];
  const toDay = chinaDay(now);
  const from = Date.parse(`${toDay}T00:00:00.000Z`) - 8 * 3600 * 1000 - (period.days - 1) * DAY_MS;
  const _ = database().command;
  const lowest = problemSortKeyOf(from, '');
  // Keyset pages newest first (`sortKey` below the last row's), so every page costs the same.
  const rows: (StatsProblem & { sortKey: string })[] = [];
  for (let below: string | null = null; rows.length < STATS_READ_CAP; ) {
    const page: (StatsProblem & { sortKey: string })[] = await readList(
      database()
        .collection(PROBLEMS)
        .where({ ...scope.where, state: _.in([...PROBLEM_STATES]), sortKey: below ? _.gte(lowest).and(_.lt(below)) : _.gte(lowest) })
        .field(FIELDS)
        .orderBy('sortKey', 'desc')
        .limit(READ_PAGE),
    );
    rows.push(...page);
    if (page.length < READ_PAGE) break;
    below = page[page.length - 1]?.sortKey ?? null;
  }
  const problems = rows.slice(0, STATS_READ_CAP).map((p) => ({ ...p, assignedUnitIds: p.assignedUnitIds ?? [] }) as StatsProblem);
  const [units, communities] = await Promise.all([
    unitsOf(scope.subdistrictId),
    scope.communityId
      ? Promise.resolve([{ _id: scope.communityId, name: scope.label }])
      : readList<Pick<OrgUnit, '_id' | 'name'>>(
          database().collection(ORG_UNITS).where({ parentId: scope.subdistrictId }).orderBy('order', 'asc').limit(1000),
        ),
  ]);
  // A station sees the units that worked on its problems; the 街道 every unit.
  const worked = new Set(problems.flatMap((p) => p.assignedUnitIds));
  const unitNames = new Map(units.filter((u) => !scope.communityId || worked.has(u._id)).map((u) => [u._id, u.name] as const));
  return {
    scopeLabel: scope.label,
    period: { key: period.key, label: period.label, fromDay: chinaDay(from), toDay },
    periods: STATS_PERIODS.map((p) => ({ key: p.key, label: p.label })),
    totals: statsRowOf(scope.communityId ?? scope.subdistrictId, scope.label, problems, now),
    byUnit: statsBy(problems, (p) => p.assignedUnitIds, unitNames, now),
    byCommunity: statsBy(problems, (p) => [p.communityId], new Map(communities.map((c) => [c._id, c.name] as const)), now),
    truncated: rows.length >= STATS_READ_CAP,
  };
}
