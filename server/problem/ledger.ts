/**
 * 问题台账: the problems of the caller's scope — the 街道 (institute, admin), the 社区 (station) or
 * one 处置单位's own — by state, category, unit, 小区, reported-at window and overdue, newest
 * first, with the count per state of the same filter. The export reads through the same filter.
 *
 * Every read goes through an index of `problems` whose leading fields are the scope and the state
 * (`communityId|subdistrictId_1_state_1_sortKey_-1`); the reported-at window is a range of the
 * same index's `sortKey` (`<createdAt 13 digits>-<_id>`), so it narrows the read, not the result.
 */
import { ORG_UNITS } from '../../database/collections';
import type { Role } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { dayWindow, type LedgerScopeKind, type LedgerView } from '../../src/domain/problem/ledger.views';
import { PROBLEM_PAGE_SIZE } from '../../src/domain/problem/problem.rules';
import { LEDGER_TABS, PROBLEM_STATES, type ProblemState } from '../../src/domain/problem/problem.states';
import type { HandlingUnit, ProblemDoc } from '../../src/domain/problem/problem.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { childrenOf } from '../org/org-units';
import { categoriesOf, HANDLING_UNITS, PROBLEMS, unitsOf } from './problem-store';
import { toSummary } from './problem-views';

export interface LedgerFilter {
  tab?: string;
  categoryId?: string;
  estateId?: string;
  communityId?: string;
  unitId?: string;
  /** Reported on or after this China day (YYYY-MM-DD). */
  fromDay?: string;
  /** Reported on or before this China day. */
  toDay?: string;
  overdueOnly?: boolean;
  /** Server-side only (the export's time slices): reported at or after / before these instants, within the days. */
  fromMs?: number;
  toMs?: number;
}

export interface LedgerScope {
  kind: LedgerScopeKind;
  subdistrictId: string;
  /** The station's community. */
  communityId: string | null;
  /** The unit whose own problems these are. */
  unitId: string | null;
  label: string;
  /** The scope's own conditions (always part of every read). */
  where: Record<string, unknown>;
}

const INSTITUTE: readonly Role[] = ['institute_staff', 'admin'];
const STATION: readonly Role[] = ['station_staff'];

/** Whose 台账 the caller keeps: staff first (their whole scope), else the unit they work for. */
export async function ledgerScope(principal: LoadedPrincipal): Promise<LedgerScope> {
  const institute = principal.grants.find((g) => INSTITUTE.includes(g.role));
  const station = principal.grants.find((g) => STATION.includes(g.role));
  const unitGrant = principal.grants.find((g) => g.role === 'unit_staff');
  const forbidden = () => new DomainError(ErrorCode.Forbidden, '问题台账只对社区实践站、街道实践所和处置单位开放');
  if (institute || station) {
    const grant = (institute ?? station) as { scopeId: string };
    const org = await readById<OrgUnit>(ORG_UNITS, grant.scopeId);
    if (!org) throw forbidden();
    if (institute)
      return {
        kind: 'subdistrict',
        subdistrictId: org._id,
        communityId: null,
        unitId: null,
        label: org.name,
        where: { subdistrictId: org._id },
      };
    return {
      kind: 'community',
      subdistrictId: org.path[0] ?? '',
      communityId: org._id,
      unitId: null,
      label: org.name,
      where: { communityId: org._id },
    };
  }
  if (unitGrant) {
    const unit = await readById<HandlingUnit>(HANDLING_UNITS, unitGrant.scopeId);
    if (!unit) throw forbidden();
    // `unitIds` holds the units a problem is with (or was fixed by): exactly what a unit may open.
    return {
      kind: 'unit',
      subdistrictId: unit.subdistrictId,
      communityId: null,
      unitId: unit._id,
      label: unit.name,
      where: { subdistrictId: unit.subdistrictId, unitIds: unit._id },
    };
  }
  throw forbidden();
}

const outOfScope = (what: string) => new DomainError(ErrorCode.OutOfScope, `${what}不在您负责的范围内`);

/**
 * The filter's own checks against the scope: a 社区 or 小区 outside it, or another unit, is
 * OUT_OF_SCOPE (never an empty list that would hide the mistake). One read at most.
 */
export async function checkFilter(scope: LedgerScope, filter: LedgerFilter): Promise<void> {
  if (filter.unitId && scope.unitId && filter.unitId !== scope.unitId) throw outOfScope('这个处置单位');
  if (filter.communityId && scope.communityId && filter.communityId !== scope.communityId) throw outOfScope('这个社区');
  const window = dayWindow(filter.fromDay, filter.toDay);
  if ((filter.fromDay && window.from === null) || (filter.toDay && window.to === null))
    throw new DomainError(ErrorCode.InputInvalid, '日期不存在，请重新选择');
  if (window.from !== null && window.to !== null && window.from >= window.to)
    throw new DomainError(ErrorCode.InputInvalid, '开始日期不能晚于结束日期');
  const ids = [filter.communityId, filter.estateId].filter((x): x is string => Boolean(x));
  if (ids.length === 0) return;
  const _ = database().command;
  const found = await readList<OrgUnit>(
    database()
      .collection(ORG_UNITS)
      .where({ _id: _.in(ids) })
      .limit(ids.length),
  );
  const byId = new Map(found.map((u) => [u._id, u]));
  const inScope = (u: OrgUnit | undefined) =>
    u !== undefined &&
    u.path[0] === scope.subdistrictId &&
    (scope.communityId === null || u._id === scope.communityId || u.path.includes(scope.communityId));
  if (filter.communityId) {
    const c = byId.get(filter.communityId);
    if (!inScope(c) || c?.kind !== 'community') throw outOfScope('这个社区');
  }
  if (filter.estateId) {
    const e = byId.get(filter.estateId);
    if (!inScope(e) || e?.kind !== 'estate') throw outOfScope('这个小区');
    if (filter.communityId && !e?.path.includes(filter.communityId)) throw outOfScope('这个小区');
  }
}

/** The states a filter covers: the tab's, or only 处置中 for overdue (the deadline runs only there). */
export function statesOf(filter: LedgerFilter): readonly ProblemState[] {
  if (filter.overdueOnly) return ['dispatched'];
  return LEDGER_TABS.find((t) => t.key === filter.tab)?.states ?? PROBLEM_STATES;
}

const pad13 = (n: number) => String(Math.max(0, Math.floor(n))).padStart(13, '0');

/**
 * The read's conditions: scope, states, the other filters, and the `sortKey` range from the
 * reported-at window and the cursor (the last row's key of the page before).
 */
export function ledgerWhere(
  scope: LedgerScope,
  filter: LedgerFilter,
  states: readonly ProblemState[],
  cursor: string | undefined,
  now: number,
): Record<string, unknown> {
  const _ = database().command;
  const where: Record<string, unknown> = { ...scope.where, state: states.length === 1 ? states[0] : _.in([...states]) };
  if (filter.communityId) where.communityId = filter.communityId;
  if (filter.estateId) where.estateId = filter.estateId;
  if (filter.categoryId) where.categoryId = filter.categoryId;
  if (filter.unitId && !scope.unitId) where.unitIds = filter.unitId;
  if (filter.overdueOnly) where.deadlineAt = _.lt(now);
  const window = dayWindow(filter.fromDay, filter.toDay);
  const from = Math.max(window.from ?? 0, filter.fromMs ?? 0);
  const to = Math.min(window.to ?? Number.POSITIVE_INFINITY, filter.toMs ?? Number.POSITIVE_INFINITY);
  const lower = from > 0 ? pad13(from) : null;
  let upper = Number.isFinite(to) ? pad13(to) : null;
  if (cursor && (upper === null || cursor < upper)) upper = cursor;
  if (lower !== null && upper !== null) where.sortKey = _.gte(lower).and(_.lt(upper));
  else if (lower !== null) where.sortKey = _.gte(lower);
  else if (upper !== null) where.sortKey = _.lt(upper);
  return where;
}

/** One page of the 台账's read, newest first: `limit` rows and whether more follow (`fields`: only those). */
export async function ledgerRows(
  scope: LedgerScope,
  filter: LedgerFilter,
  cursor: string | undefined,
  limit: number,
  now: number,
  fields?: Record<string, true>,
): Promise<{ rows: ProblemDoc[]; nextCursor: string | null }> {
  const query = database()
    .collection(PROBLEMS)
    .where(ledgerWhere(scope, filter, statesOf(filter), cursor, now));
  const rows = await readList<ProblemDoc>((fields ? query.field(fields) : query).orderBy('sortKey', 'desc').limit(limit + 1));
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? (page[page.length - 1]?.sortKey ?? null) : null };
}

/** Reported-at slices a page reads, newest first, until it has its rows; the last is unbounded (everything older). */
const PAGE_SLICES_DAYS = [7, 30, 120, 480] as const;
const DAY_MS = 24 * 3600 * 1000;

/**
 * One page of the 台账, newest first, read slice by slice of reported-at time (the last week, then
 * a month before it, …, then everything older): a busy 街道's first page reads a week of the
 * index, not a year of it, and a quiet 社区's reads end in the unbounded slice.
 */
export async function newestRows(
  scope: LedgerScope,
  filter: LedgerFilter,
  cursor: string | undefined,
  limit: number,
  now: number,
): Promise<{ rows: ProblemDoc[]; nextCursor: string | null }> {
  const window = dayWindow(filter.fromDay, filter.toDay);
  let top = cursor ? Number(cursor.slice(0, 13)) + 1 : (window.to ?? now + 1);
  const rows: ProblemDoc[] = [];
  for (const days of [...PAGE_SLICES_DAYS, null]) {
    const lower = days === null ? undefined : top - days * DAY_MS;
    const page = await ledgerRows(scope, { ...filter, fromMs: lower, toMs: top }, cursor, limit - rows.length, now);
    rows.push(...page.rows);
    if (page.nextCursor) return { rows, nextCursor: page.nextCursor };
    const last = rows[rows.length - 1];
    // Full exactly at a slice's end: whether older rows exist is for the next page to find.
    if (rows.length >= limit) return { rows, nextCursor: last?.sortKey ?? null };
    if (lower === undefined || (window.from !== null && lower <= window.from)) break;
    top = lower;
  }
  return { rows, nextCursor: null };
}

/** The count per state of a filter (its tab aside), in one grouped read over the same index. */
async function countsOf(scope: LedgerScope, filter: LedgerFilter, now: number): Promise<Record<ProblemState, number>> {
  const states = filter.overdueOnly ? statesOf(filter) : PROBLEM_STATES;
  const $ = database().command.aggregate;
  const res = (await database()
    .collection(PROBLEMS)
    .aggregate()
    .match(ledgerWhere(scope, { ...filter, tab: undefined }, states, undefined, now))
    .group({ _id: '$state', n: $.sum(1) })
    .end()) as { list: { _id: ProblemState; n: number }[] };
  const counts = Object.fromEntries(PROBLEM_STATES.map((s) => [s, 0])) as Record<ProblemState, number>;
  for (const row of res.list) if (row._id in counts) counts[row._id] = row.n;
  return counts;
}

/** The filter choices of the first page: categories, units, 社区 (institute), 小区 (a station, or a chosen 社区). */
async function filterChoices(scope: LedgerScope, filter: LedgerFilter) {
  const estateParent = scope.communityId ?? (scope.kind === 'subdistrict' ? (filter.communityId ?? null) : null);
  const [categories, units, communities, estates] = await Promise.all([
    categoriesOf(scope.subdistrictId),
    scope.unitId ? Promise.resolve([] as HandlingUnit[]) : unitsOf(scope.subdistrictId),
    scope.kind === 'subdistrict' ? childrenOf([scope.subdistrictId]) : Promise.resolve([]),
    estateParent ? childrenOf([estateParent]) : Promise.resolve([]),
  ]);
  return {
    categories: categories.map((c) => ({ categoryId: c._id, name: c.name })),
    // A station lists the 街道's departments and its own 社区's property companies.
    units: units
      .filter((u) => scope.communityId === null || u.orgPath.length < 2 || u.orgPath.includes(scope.communityId))
      .map((u) => ({ unitId: u._id, name: u.name, kind: u.kind })),
    communities: communities.filter((c) => c.kind === 'community').map((c) => ({ communityId: c._id, name: c.name })),
    estates: estates.filter((e) => e.kind === 'estate').map((e) => ({ estateId: e._id, name: e.name })),
  };
}

/** The 台账 screen: a page; on the first page also the counts of the filter and the filter choices. */
export async function ledgerView(principal: LoadedPrincipal, input: LedgerFilter & { cursor?: string }, now: number): Promise<LedgerView> {
  const scope = await ledgerScope(principal);
  await checkFilter(scope, input);
  const first = !input.cursor;
  const [page, counts, choices] = await Promise.all([
    newestRows(scope, input, input.cursor, PROBLEM_PAGE_SIZE, now),
    first ? countsOf(scope, input, now) : Promise.resolve(null),
    first ? filterChoices(scope, input) : Promise.resolve({ categories: [], units: [], communities: [], estates: [] }),
  ]);
  return {
    items: page.rows.map((p) => toSummary(p, now)),
    nextCursor: page.nextCursor,
    counts,
    scope: { kind: scope.kind, label: scope.label },
    ...choices,
  };
}
