import { PROBLEM_PAGE_SIZE, secondIdOf } from '../../src/domain/problem/problem.rules';
import { UNIT_TABS } from '../../src/domain/problem/problem.states';
import type { ProblemAssignmentDoc, ProblemDoc, ProblemSecondDoc } from '../../src/domain/problem/problem.types';
import type { ProblemDetail, ProblemPage } from '../../src/domain/problem/problem.views';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { relationTo } from './problem-relation';
import { findCategory, findProblem, PROBLEM_ASSIGNMENTS, PROBLEM_SECONDS, PROBLEMS, problemTimeline, unitsOf } from './problem-store';
import { toDetail, toSummary, unitOptionsFor } from './problem-views';

type Query = ReturnType<ReturnType<ReturnType<typeof database>['collection']>['where']>;

/** One page newest first, by `sortKey` below the cursor (the last row's key). */
async function page(where: Record<string, unknown>, cursor: string | undefined, now: number): Promise<ProblemPage> {
  const _ = database().command;
  const query: Query = database()
    .collection(PROBLEMS)
    .where(cursor ? { ...where, sortKey: _.lt(cursor) } : where);
  const rows = await readList<ProblemDoc>(query.orderBy('sortKey', 'desc').limit(PROBLEM_PAGE_SIZE + 1));
  const items = rows.slice(0, PROBLEM_PAGE_SIZE);
  return {
    items: items.map((p) => toSummary(p, now)),
    nextCursor: rows.length > PROBLEM_PAGE_SIZE ? (items[items.length - 1]?.sortKey ?? null) : null,
  };
}

/** 我的随手拍. */
export function mine(principal: LoadedPrincipal, cursor: string | undefined, now: number): Promise<ProblemPage> {
  return page({ reporterOpenid: principal.openid }, cursor, now);
}

/** A unit's problems: only those sent to one of the caller's units (their assignment rows). */
export async function unitInbox(principal: LoadedPrincipal, input: { tab?: string; cursor?: string }, now: number): Promise<ProblemPage> {
  const unitIds = principal.grants.filter((g) => g.role === 'unit_staff').map((g) => g.scopeId);
  if (unitIds.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有处置单位的工作人员能查看');
  const _ = database().command;
  const states = (UNIT_TABS.find((t) => t.key === input.tab) ?? UNIT_TABS[0]).states;
  const where: Record<string, unknown> = {
    unitId: unitIds.length === 1 ? unitIds[0] : _.in(unitIds),
    state: states.length === 1 ? states[0] : _.in([...states]),
    active: true,
  };
  if (input.cursor) where.sortKey = _.lt(input.cursor);
  const rows = await readList<ProblemAssignmentDoc>(
    database()
      .collection(PROBLEM_ASSIGNMENTS)
      .where(where)
      .orderBy('sortKey', 'desc')
      .limit(PROBLEM_PAGE_SIZE + 1),
  );
  const slice = rows.slice(0, PROBLEM_PAGE_SIZE);
  const ids = [...new Set(slice.map((r) => r.problemId))];
  const problems =
    ids.length === 0
      ? []
      : await readList<ProblemDoc>(
          database()
            .collection(PROBLEMS)
            .where({ _id: _.in(ids) })
            .limit(ids.length),
        );
  const byId = new Map(problems.map((p) => [p._id, p]));
  return {
    items: ids.flatMap((id) => {
      const p = byId.get(id);
      return p ? [toSummary(p, now)] : [];
    }),
    nextCursor: rows.length > PROBLEM_PAGE_SIZE ? (slice[slice.length - 1]?.sortKey ?? null) : null,
  };
}

/** The building head's list: problems of their buildings waiting for 核查, or closed (回头看). */
export function gridList(
  principal: LoadedPrincipal,
  input: { tab?: 'fixed' | 'closed'; cursor?: string },
  now: number,
): Promise<ProblemPage> {
  const buildings = principal.grants.filter((g) => g.role === 'building_head').map((g) => g.scopeId);
  if (buildings.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有楼栋长能查看本楼栋的问题');
  const _ = database().command;
  return page({ buildingId: buildings.length === 1 ? buildings[0] : _.in(buildings), state: input.tab ?? 'fixed' }, input.cursor, now);
}

/** The detail screen in one call (and every action's answer). */
export async function problemDetail(
  principal: LoadedPrincipal,
  problemOrId: string | ProblemDoc,
  now: number,
  /** The answer to the caller's own step that ended their part (a unit's 退回): shown once, without buttons. */
  afterOwnStep = false,
): Promise<ProblemDetail> {
  const p = typeof problemOrId === 'string' ? await findProblem(problemOrId) : problemOrId;
  const rel = await relationTo(principal, p);
  if (!rel.viewer && !afterOwnStep)
    throw new DomainError(rel.refusal, rel.refusal === ErrorCode.OutOfScope ? '超出您负责的范围' : '没有权限查看这个问题');
  const [events, second] = await Promise.all([
    problemTimeline(p._id),
    rel.parties.includes('public') ? readById<ProblemSecondDoc>(PROBLEM_SECONDS, secondIdOf(p._id, principal.openid)) : null,
  ]);
  const mayDispatch = p.state === 'registered' && rel.parties.includes('staff');
  const [category, units] = mayDispatch
    ? await Promise.all([findCategory(p.categoryId).catch(() => null), unitsOf(p.subdistrictId)])
    : [null, []];
  return toDetail(p, rel, events, { seconded: second !== null, unitOptions: mayDispatch ? unitOptionsFor(p, category, units) : [] }, now);
}
