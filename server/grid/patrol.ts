import { PATROL_LOGS, PROBLEMS } from '../../database/collections';
import { addDays, daysBetween, patrolCoverage, patrolDayOf, patrolLogIdOf } from '../../src/domain/grid/grid.rules';
import type { PatrolLogDoc } from '../../src/domain/grid/grid.types';
import type { PatrolLogView, PatrolsView, PatrolTodayView } from '../../src/domain/grid/grid.views';
import { ROLE_SCOPE_KIND } from '../../src/domain/identity/role';
import { dayStartSortKey } from '../../src/domain/problem/problem.rules';
import { PROBLEM_STATE_LABELS } from '../../src/domain/problem/problem.states';
import type { ProblemDoc } from '../../src/domain/problem/problem.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { READ_PAGE, readAll, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { buildingsUnder, findOrgUnits, getOrgUnit, orgPathOf } from '../org/org-units';
import { placeLabelOf } from '../problem/problem-views';
import { nameOf, roleLabelOf, scopeBuildings } from './grid-scope';

const RECENT_LOGS = 7;
/** Problems a person reports in one day are capped (problem.rules REPORTS_PER_DAY = 20). */
const DAY_PROBLEMS_MAX = 50;

const logView = (l: PatrolLogDoc): PatrolLogView => ({
  day: l.day,
  buildingIds: l.buildingIds,
  buildingNames: l.buildingNames,
  problemsFound: l.problemsFound,
  problemsFixed: l.problemsFixed,
  note: l.note,
  updatedAt: l.updatedAt,
});

/** What the caller reported today (巡查发现 and 自查自处), from the problems' reporter index. */
async function reportedToday(openid: string, now: number): Promise<PatrolTodayView['reported']> {
  const _ = database().command;
  const rows = await readList<ProblemDoc>(
    database()
      .collection(PROBLEMS)
      .where({ reporterOpenid: openid, sortKey: _.gte(dayStartSortKey(now)) })
      .orderBy('sortKey', 'desc')
      .limit(DAY_PROBLEMS_MAX),
  );
  return {
    found: rows.length,
    fixed: rows.filter((p) => p.selfFixed).length,
    problems: rows.map((p) => ({
      problemId: p._id,
      no: p.no,
      categoryName: p.categoryName,
      stateLabel: PROBLEM_STATE_LABELS[p.state],
      placeLabel: placeLabelOf(p),
      selfFixed: p.selfFixed,
    })),
  };
}

/** The caller's log of today (if saved) and their last logs before it, in one read (index openid_1_day_-1). */
async function logsUpTo(openid: string, day: string): Promise<{ log: PatrolLogDoc | null; recent: PatrolLogDoc[] }> {
  const _ = database().command;
  const rows = await readList<PatrolLogDoc>(
    database()
      .collection(PATROL_LOGS)
      .where({ openid, day: _.lte(day) })
      .orderBy('day', 'desc')
      .limit(RECENT_LOGS + 1),
  );
  return { log: rows[0]?.day === day ? rows[0] : null, recent: rows.filter((l) => l.day < day).slice(0, RECENT_LOGS) };
}

type Scope = Awaited<ReturnType<typeof scopeBuildings>>;

const todayView = (
  day: string,
  { buildings, estates }: Scope,
  log: PatrolLogDoc | null,
  reported: PatrolTodayView['reported'],
  recent: PatrolLogDoc[],
): PatrolTodayView => ({
  day,
  log: log ? logView(log) : null,
  buildings: buildings.map((b) => ({ id: b._id, name: b.name, estateName: estates.get(b.parentId ?? '') ?? '' })),
  reported,
  recent: recent.map(logView),
});

/** 巡查日志 of today: the caller's log (if saved), the buildings they may pick, the problems they reported today, their last logs. */
export async function patrolToday(principal: LoadedPrincipal, now: number): Promise<PatrolTodayView> {
  const day = patrolDayOf(now);
  const [scope, { log, recent }, reported] = await Promise.all([
    scopeBuildings(principal, 'grid.patrol'),
    logsUpTo(principal.openid, day),
    reportedToday(principal.openid, now),
  ]);
  return todayView(day, scope, log, reported, recent);
}

export interface SavePatrolInput {
  buildingIds: string[];
  problemsFound?: number;
  problemsFixed?: number;
  note?: string;
}

/**
 * Saves today's 巡查日志: one per person per day (`_id` = openid:day), so a retry or a second
 * save edits the same log; yesterday's cannot be changed (the day is the server's, not the
 * caller's). Every building must be in the caller's scope and in one community. What the
 * screen shows is read alongside (the scope checks the buildings), and the log just written is
 * answered as written, not read back.
 */
export async function savePatrol(principal: LoadedPrincipal, input: SavePatrolInput, now: number): Promise<PatrolTodayView> {
  const ids = [...new Set(input.buildingIds)];
  const day = patrolDayOf(now);
  const id = patrolLogIdOf(principal.openid, day);
  const [scope, { log: earlier, recent }, reported] = await Promise.all([
    scopeBuildings(principal, 'grid.patrol'),
    logsUpTo(principal.openid, day),
    reportedToday(principal.openid, now),
  ]);
  const outside = ids.filter((b) => !scope.inScope.has(b));
  // Only a building outside the scope costs a read: to tell a wrong id (NOT_FOUND) from another area (OUT_OF_SCOPE).
  const byId = new Map([...scope.inScope, ...(await findOrgUnits(outside)).map((u) => [u._id, u] as const)]);
  const buildings = ids.map((bid) => {
    const b = byId.get(bid);
    if (b?.kind !== 'building') throw new DomainError(ErrorCode.NotFound, '找不到所选的楼栋，请刷新后重选');
    return b;
  });
  for (const b of buildings) requirePermission(principal, 'grid.patrol', { orgPath: orgPathOf(b) });
  const communities = new Set(buildings.map((b) => b.path[1]));
  if (communities.size > 1) throw new DomainError(ErrorCode.InputInvalid, '一条巡查日志只记一个社区的楼栋，请分开记录');
  const first = buildings[0] as (typeof buildings)[number];

  const found = input.problemsFound ?? reported.found;
  const fixed = Math.min(input.problemsFixed ?? reported.fixed, found);
  const doc: Omit<PatrolLogDoc, '_id'> = {
    openid: principal.openid,
    workerName: nameOf(principal),
    roleLabel: roleLabelOf(principal),
    day,
    buildingIds: buildings.map((b) => b._id),
    buildingNames: buildings.map((b) => b.name),
    communityId: first.path[1] as string,
    subdistrictId: first.path[0] as string,
    problemsFound: found,
    problemsFixed: fixed,
    note: input.note ?? '',
    createdAt: earlier?.createdAt ?? now,
    updatedAt: now,
  };
  // `set` on the fixed id: a first save and a concurrent retry both end as this one log.
  await database().collection(PATROL_LOGS).doc(id).set({ data: doc });
  return todayView(day, scope, { _id: id, ...doc }, reported, recent);
}

/**
 * Staff: who patrolled where over a period (default: the last 7 days up to today) in their
 * community (station) or subdistrict (institute): the logs by day and person, each person's
 * days, and per-building coverage (days walked, last day, by whom) including buildings nobody walked.
 */
export async function patrols(
  principal: LoadedPrincipal,
  input: { from?: string; to?: string; days?: number; openid?: string },
  now: number,
): Promise<PatrolsView> {
  const grant = principal.grants.find((g) => g.role === 'station_staff' || g.role === 'institute_staff' || g.role === 'admin');
  if (!grant) throw new DomainError(ErrorCode.Forbidden, '只有社区、街道工作人员可以查看巡查日志');
  const scope = await getOrgUnit(grant.scopeId);
  requirePermission(principal, 'grid.patrols', { orgPath: orgPathOf(scope) });
  const to = input.days ? patrolDayOf(now) : (input.to ?? patrolDayOf(now));
  const from = input.days ? addDays(to, 1 - input.days) : (input.from ?? addDays(to, -6));
  if (daysBetween(from, to) === null) throw new DomainError(ErrorCode.InputInvalid, '查询时段须在 1 到 31 天之间，且开始不晚于结束');

  const _ = database().command;
  const field = ROLE_SCOPE_KIND[grant.role] === 'community' ? 'communityId' : 'subdistrictId';
  const [logs, buildings] = await Promise.all([
    readAll<PatrolLogDoc>((skip) =>
      database()
        .collection(PATROL_LOGS)
        .where({ [field]: scope._id, day: _.gte(from).and(_.lte(to)) })
        .orderBy('day', 'desc')
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(READ_PAGE),
    ),
    buildingsUnder([scope]),
  ]);
  const estates = await findOrgUnits([...new Set(buildings.map((b) => b.parentId ?? ''))]);
  const estateName = new Map(estates.map((e) => [e._id, e.name]));
  const shown = input.openid ? logs.filter((l) => l.openid === input.openid) : logs;

  const workers = new Map<string, PatrolsView['workers'][number]>();
  for (const l of logs) {
    const w = workers.get(l.openid) ?? { openid: l.openid, name: l.workerName, roleLabel: l.roleLabel, days: 0 };
    w.days += 1;
    workers.set(l.openid, w);
  }
  const coverage = patrolCoverage(
    buildings.map((b) => b._id),
    shown,
  );
  const unit = new Map(buildings.map((b) => [b._id, b]));
  return {
    scopeName: scope.name,
    from,
    to,
    openid: input.openid ?? null,
    logs: shown.map((l) => ({ ...logView(l), openid: l.openid, workerName: l.workerName, roleLabel: l.roleLabel })),
    workers: [...workers.values()].sort((a, b) => b.days - a.days || a.name.localeCompare(b.name, 'zh-CN')),
    coverage: coverage
      .map((c) => {
        const b = unit.get(c.buildingId);
        return { ...c, name: b?.name ?? c.buildingId, estateName: estateName.get(b?.parentId ?? '') ?? '' };
      })
      .sort(
        (a, b) =>
          a.days - b.days || a.estateName.localeCompare(b.estateName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN', { numeric: true }),
      ),
    totals: {
      logs: shown.length,
      workers: new Set(shown.map((l) => l.openid)).size,
      buildings: buildings.length,
      walked: coverage.filter((c) => c.days > 0).length,
      found: shown.reduce((n, l) => n + l.problemsFound, 0),
      fixed: shown.reduce((n, l) => n + l.problemsFixed, 0),
    },
  };
}
