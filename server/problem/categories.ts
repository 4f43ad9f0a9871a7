import {
  CATEGORIES_MAX,
  CATEGORY_DEADLINE_DAYS_MAX,
  CATEGORY_FOLLOW_UP_DAYS_MAX,
  CATEGORY_FOLLOW_UP_DAYS_MIN,
  CATEGORY_NAME_MAX,
  deadlineLabelOf,
  sameCategoryName,
} from '../../src/domain/problem/problem.categories';
import { HANDLING_UNIT_KIND_LABELS, type HandlingUnitKind, type ProblemCategory } from '../../src/domain/problem/problem.types';
import type { CategoryAdminView } from '../../src/domain/problem/problem.views';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { idForRequest } from '../kit/request-id';
import { database } from '../kit/wx-cloud';
import { getOrgUnit, orgPathOf } from '../org/org-units';
import { PROBLEM_CATEGORIES } from './problem-store';

/** The 街道 whose categories the caller edits: the one named, or the one their institute grant covers. */
async function subdistrictFor(principal: LoadedPrincipal, subdistrictId: string | undefined) {
  const id = subdistrictId ?? principal.grants.find((g) => g.role === 'institute_staff' || g.role === 'admin')?.scopeId;
  if (!id) throw new DomainError(ErrorCode.Forbidden, '问题类别由街道实践所维护');
  const unit = await getOrgUnit(id);
  if (unit.kind !== 'subdistrict') throw new DomainError(ErrorCode.NotFound, '请选择一个街道');
  requirePermission(principal, 'problem.categories', { orgPath: orgPathOf(unit) });
  return unit;
}

/** Every category of the 街道, the inactive ones too (staff may switch them back on). */
const allCategoriesOf = (subdistrictId: string) =>
  readList<ProblemCategory>(database().collection(PROBLEM_CATEGORIES).where({ subdistrictId }).orderBy('order', 'asc').limit(1000));

function viewOf(subdistrict: { _id: string; name: string }, rows: readonly ProblemCategory[]): CategoryAdminView {
  return {
    subdistrictId: subdistrict._id,
    subdistrictName: subdistrict.name,
    categories: rows.map((c) => ({
      categoryId: c._id,
      name: c.name,
      order: c.order,
      handlerKind: c.handlerKind,
      handlerLabel: HANDLING_UNIT_KIND_LABELS[c.handlerKind],
      deadlineDays: c.deadlineDays,
      deadlineLabel: deadlineLabelOf(c.deadlineDays),
      followUpDays: c.followUpDays,
      active: c.active,
      updatedAt: c.updatedAt,
    })),
    handlerKinds: (Object.keys(HANDLING_UNIT_KIND_LABELS) as HandlingUnitKind[]).map((kind) => ({
      kind,
      label: HANDLING_UNIT_KIND_LABELS[kind],
    })),
    limits: {
      nameMax: CATEGORY_NAME_MAX,
      deadlineDaysMax: CATEGORY_DEADLINE_DAYS_MAX,
      followUpDaysMin: CATEGORY_FOLLOW_UP_DAYS_MIN,
      followUpDaysMax: CATEGORY_FOLLOW_UP_DAYS_MAX,
      categoriesMax: CATEGORIES_MAX,
    },
  };
}

/** 问题类别 of the caller's 街道 in one call. */
export async function categoryAdmin(principal: LoadedPrincipal, input: { subdistrictId?: string }): Promise<CategoryAdminView> {
  const subdistrict = await subdistrictFor(principal, input.subdistrictId);
  return viewOf(subdistrict, await allCategoriesOf(subdistrict._id));
}

export interface SaveCategoryInput {
  subdistrictId?: string;
  /** Edit this one; without it a new category is added (idempotent on `requestId`). */
  categoryId?: string;
  requestId?: string;
  expectedUpdatedAt?: number;
  name: string;
  handlerKind: HandlingUnitKind;
  deadlineDays: number;
  followUpDays: number;
  active: boolean;
}

/**
 * Adds or edits a category of the 街道. Problems already reported keep the deadline and 回头看
 * days they were filed with; new reports take the new ones. Names are unique in the 街道.
 */
export async function saveCategory(principal: LoadedPrincipal, input: SaveCategoryInput, now: number): Promise<CategoryAdminView> {
  const subdistrict = await subdistrictFor(principal, input.subdistrictId);
  const rows = await allCategoriesOf(subdistrict._id);
  const name = input.name.trim();
  const fields = {
    name,
    handlerKind: input.handlerKind,
    deadlineDays: input.deadlineDays,
    followUpDays: input.followUpDays,
    active: input.active,
    updatedAt: now,
  };
  if (input.categoryId) {
    const current = rows.find((c) => c._id === input.categoryId);
    if (!current) throw new DomainError(ErrorCode.NotFound, '找不到这个问题类别，请刷新');
    if (rows.some((c) => c._id !== current._id && sameCategoryName(c.name, name))) {
      throw new DomainError(ErrorCode.Conflict, `已有名为「${name}」的类别`);
    }
    // Compare and set on the version the screen showed: someone else's newer edit is not overwritten.
    const res = (await database()
      .collection(PROBLEM_CATEGORIES)
      .where({ _id: current._id, updatedAt: input.expectedUpdatedAt ?? current.updatedAt })
      .update({ data: fields })) as { stats: { updated: number } };
    if (res.stats.updated === 0) throw new DomainError(ErrorCode.Conflict, '这个类别刚被其他人修改，请刷新后再改');
  } else {
    if (!input.requestId) throw new DomainError(ErrorCode.InputInvalid, '缺少请求编号，请重试');
    const categoryId = idForRequest('pc', 'problem.category', principal.openid, input.requestId);
    if (!rows.some((c) => c._id === categoryId) && !(await readById<ProblemCategory>(PROBLEM_CATEGORIES, categoryId))) {
      if (rows.some((c) => sameCategoryName(c.name, name))) throw new DomainError(ErrorCode.Conflict, `已有名为「${name}」的类别`);
      if (rows.length >= CATEGORIES_MAX) throw new DomainError(ErrorCode.Conflict, `每个街道最多 ${CATEGORIES_MAX} 个类别`);
      const row: ProblemCategory = {
        _id: categoryId,
        subdistrictId: subdistrict._id,
        order: rows.reduce((max, c) => Math.max(max, c.order), 0) + 1,
        ...fields,
        createdAt: now,
      };
      try {
        await database().collection(PROBLEM_CATEGORIES).add({ data: row });
      } catch (err) {
        // A concurrent twin of this very request added it first.
        if (!(await readById<ProblemCategory>(PROBLEM_CATEGORIES, categoryId))) throw err;
      }
    }
  }
  return viewOf(subdistrict, await allCategoriesOf(subdistrict._id));
}
