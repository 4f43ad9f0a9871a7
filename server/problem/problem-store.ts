import {
  HANDLING_UNITS,
  PROBLEM_ASSIGNMENTS,
  PROBLEM_CATEGORIES,
  PROBLEM_EVENTS,
  PROBLEM_SECONDS,
  PROBLEMS,
} from '../../database/collections';
import type { HandlingUnit, ProblemCategory, ProblemDoc, ProblemEventDoc } from '../../src/domain/problem/problem.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { readById, readList } from '../kit/read-list';
import { inTransaction, type Tx } from '../kit/tx';
import { database } from '../kit/wx-cloud';

export { HANDLING_UNITS, PROBLEM_ASSIGNMENTS, PROBLEM_CATEGORIES, PROBLEM_EVENTS, PROBLEM_SECONDS, PROBLEMS };

/** Server `limit` caps at 1000; a problem's timeline, a subdistrict's categories and units stay far below. */
const READ_CAP = 1000;

export async function findProblem(problemId: string): Promise<ProblemDoc> {
  const problem = await readById<ProblemDoc>(PROBLEMS, problemId);
  if (!problem) throw new DomainError(ErrorCode.NotFound, '找不到这个问题');
  return problem;
}

/** A problem's timeline, oldest first. */
export function problemTimeline(problemId: string): Promise<ProblemEventDoc[]> {
  return readList<ProblemEventDoc>(database().collection(PROBLEM_EVENTS).where({ problemId }).orderBy('seq', 'asc').limit(READ_CAP));
}

/** The active categories of a 街道, in display order. */
export async function categoriesOf(subdistrictId: string): Promise<ProblemCategory[]> {
  const rows = await readList<ProblemCategory>(
    database().collection(PROBLEM_CATEGORIES).where({ subdistrictId }).orderBy('order', 'asc').limit(READ_CAP),
  );
  return rows.filter((c) => c.active);
}

export async function findCategory(categoryId: string): Promise<ProblemCategory> {
  const category = await readById<ProblemCategory>(PROBLEM_CATEGORIES, categoryId);
  if (!category?.active) throw new DomainError(ErrorCode.NotFound, '找不到这个问题类别，请刷新后重选');
  return category;
}

/** The active handling units of a 街道, in display order. */
export async function unitsOf(subdistrictId: string): Promise<HandlingUnit[]> {
  const rows = await readList<HandlingUnit>(
    database().collection(HANDLING_UNITS).where({ subdistrictId }).orderBy('order', 'asc').limit(READ_CAP),
  );
  return rows.filter((u) => u.active);
}

export async function findUnits(ids: readonly string[]): Promise<HandlingUnit[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const _ = database().command;
  return readList<HandlingUnit>(
    database()
      .collection(HANDLING_UNITS)
      .where({ _id: _.in(unique) })
      .limit(READ_CAP),
  );
}

/** A problem transaction: a conflict that outlived the retries, or a twin append, is STATE.CONFLICT. */
export const inProblemTransaction = <T>(body: (t: Tx) => Promise<T>, message = '问题刚被其他人处理，请刷新后重试'): Promise<T> =>
  inTransaction(body, { conflict: message, duplicate: message });
