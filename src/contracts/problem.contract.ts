import { z } from 'zod';
import type { LedgerView, RectificationNoticeView } from '../domain/problem/ledger.views';
import {
  CATEGORY_DEADLINE_DAYS_MAX,
  CATEGORY_FOLLOW_UP_DAYS_MAX,
  CATEGORY_FOLLOW_UP_DAYS_MIN,
  CATEGORY_NAME_MAX,
} from '../domain/problem/problem.categories';
import {
  PLACE_TEXT_MAX,
  PROBLEM_DESCRIPTION_MAX,
  PROBLEM_DESCRIPTION_MIN,
  PROBLEM_NOTE_MAX,
  PROBLEM_PHOTOS_MAX,
  PROBLEM_PHOTOS_MIN,
  UNITS_MAX,
} from '../domain/problem/problem.rules';
import { PROBLEM_TRANSITION_EVENTS } from '../domain/problem/problem.state-machine';
import { LEDGER_TABS, UNIT_TABS } from '../domain/problem/problem.states';
import { STATS_PERIODS } from '../domain/problem/problem.stats';
import { HANDLING_UNIT_KIND_LABELS, type HandlingUnitKind, PROBLEM_RATING_SCORES } from '../domain/problem/problem.types';
import type {
  CategoryAdminView,
  ProblemDetail,
  ProblemPage,
  ProblemStatsView,
  ReportAnswer,
  ReportSetup,
} from '../domain/problem/problem.views';
import { ErrorCode } from '../domain/shared/domain-error';
import type { ExportFileView } from '../domain/shared/export-file.views';
import { act, defineContract } from './kit';
import { cursor, epochMs, id, none, photos, requestId, text } from './schemas';

const { NotFound, Forbidden, OutOfScope, Conflict, InvalidTransition, BindingRequired } = ErrorCode;

const note = text({ label: '说明', max: PROBLEM_NOTE_MAX, multiline: true });
const afterPhotos = photos(PROBLEM_PHOTOS_MAX).min(1, '请至少拍一张处置后的照片');
/** The version the screen showed: STATE.CONFLICT when the problem moved on since. */
const expectedVersion = z.number().int().positive().optional();
const target = { problemId: id, expectedVersion };
const ACT_ERRORS = [NotFound, Forbidden, OutOfScope, Conflict, InvalidTransition];
/** A China day, YYYY-MM-DD (the 台账's reported-at window, both ends inclusive). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** The 台账's filter: the screen and the export take the same. */
const ledgerFilter = z.object({
  tab: z.enum(LEDGER_TABS.map((t) => t.key) as [string, ...string[]]).optional(),
  categoryId: id.optional(),
  unitId: id.optional(),
  communityId: id.optional(),
  estateId: id.optional(),
  fromDay: day.optional(),
  toDay: day.optional(),
  overdueOnly: z.boolean().optional(),
});

/** 网格问题闭环: 随手拍 → 立案 → 派遣 → 处置 → 核查销号 → 回头看, the 台账 and 督办. */
export const problemContract = defineContract('problem', {
  /** The 随手拍 form: categories and the caller's building. */
  reportSetup: act(none).answers<ReportSetup>(),
  /**
   * 随手拍 / 巡查发现. Answers the open duplicates instead of filing when there are some, unless
   * `confirmNew`. With `selfFix` a building head files and closes it in one step (自查自处).
   */
  report: act(
    z
      .object({
        requestId,
        categoryId: id,
        description: text({ label: '问题描述', min: PROBLEM_DESCRIPTION_MIN, max: PROBLEM_DESCRIPTION_MAX, multiline: true }),
        photos: photos(PROBLEM_PHOTOS_MAX).min(PROBLEM_PHOTOS_MIN, '请至少拍一张现场照片'),
        /** A building or 小区 in the caller's scope; default: the caller's own building. */
        placeId: id.optional(),
        placeText: text({ label: '位置说明', max: PLACE_TEXT_MAX }).optional(),
        confirmNew: z.boolean().optional(),
        selfFix: z.object({ photos: afterPhotos, note: note.optional() }).strict().optional(),
      })
      .strict(),
    [NotFound, Forbidden, OutOfScope, BindingRequired, Conflict],
  ).answers<ReportAnswer>(),
  /** 我的随手拍, newest first. */
  mine: act(z.object({ cursor: cursor.optional() }).strict()).answers<ProblemPage>(),
  /**
   * 问题台账 of the caller's scope (institute: 街道, station: 社区, unit: its own), by state tab,
   * category, 处置单位, 社区, 小区, reported-at days and overdue; counts per state on the first page.
   */
  ledger: act(ledgerFilter.extend({ cursor: cursor.optional() }).strict(), [Forbidden, OutOfScope]).answers<LedgerView>(),
  /** 导出 Excel: the 台账 of the same filter as an .xlsx (at most 10,000 rows, `truncated` beyond). */
  exportLedger: act(ledgerFilter.strict(), [Forbidden, OutOfScope]).answers<ExportFileView>(),
  /** 整改通知单 for one dispatched problem, addressed to one of its units (default: the first). */
  rectificationNotice: act(z.object({ problemId: id, unitId: id.optional() }).strict(), [
    NotFound,
    Forbidden,
    OutOfScope,
    InvalidTransition,
  ]).answers<RectificationNoticeView>(),
  /** A unit's problems (its staff only): 待处置 / 已处置. */
  unitInbox: act(
    z.object({ tab: z.enum(UNIT_TABS.map((t) => t.key) as [string, ...string[]]).optional(), cursor: cursor.optional() }).strict(),
    [Forbidden],
  ).answers<ProblemPage>(),
  /** The building head's problems to check: 待核查 and those closed (回头看). */
  gridList: act(z.object({ tab: z.enum(['fixed', 'closed']).optional(), cursor: cursor.optional() }).strict(), [
    Forbidden,
  ]).answers<ProblemPage>(),
  detail: act(z.object({ problemId: id }).strict(), [NotFound, Forbidden, OutOfScope]).answers<ProblemDetail>(),
  /** 立案, 不予立案 (note), 派遣 (units), 退回 (note). */
  transition: act(
    z
      .object({
        ...target,
        event: z.enum(PROBLEM_TRANSITION_EVENTS),
        note: note.optional(),
        unitIds: z.array(id).min(1, '请选择处置单位').max(UNITS_MAX, `最多同时派给 ${UNITS_MAX} 个单位`).optional(),
      })
      .strict(),
    ACT_ERRORS,
  ).answers<ProblemDetail>(),
  /** 处置: the unit reports the fix with after photos. */
  fix: act(z.object({ ...target, photos: afterPhotos, note: note.optional() }).strict(), ACT_ERRORS).answers<ProblemDetail>(),
  /** 核查: pass → 销号; fail → 返工 (note required). */
  verify: act(
    z.object({ ...target, pass: z.boolean(), photos: photos(PROBLEM_PHOTOS_MAX).optional(), note: note.optional() }).strict(),
    ACT_ERRORS,
  ).answers<ProblemDetail>(),
  /** 回头看: still fixed, or 回潮 (reopens it; note required). */
  followUp: act(z.object({ ...target, relapse: z.boolean(), note: note.optional() }).strict(), ACT_ERRORS).answers<ProblemDetail>(),
  /** 延期申请: the unit asks once, with a reason and the day (China time, YYYY-MM-DD) it needs until. */
  requestExtension: act(
    z
      .object({
        ...target,
        reason: text({ label: '延期原因', min: 2, max: PROBLEM_NOTE_MAX, multiline: true }),
        deadlineDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择延期到哪一天'),
      })
      .strict(),
    ACT_ERRORS,
  ).answers<ProblemDetail>(),
  /** The station answers a 延期申请: approve moves the deadline; refuse needs a note. */
  decideExtension: act(z.object({ ...target, approve: z.boolean(), note: note.optional() }).strict(), ACT_ERRORS).answers<ProblemDetail>(),
  /** After 销号 the reporter rates the result once: 满意 / 基本满意 / 不满意, with optional words. */
  rate: act(
    z
      .object({
        problemId: id,
        score: z.enum(PROBLEM_RATING_SCORES),
        comment: text({ label: '评价', max: PROBLEM_NOTE_MAX, multiline: true }).optional(),
      })
      .strict(),
    ACT_ERRORS,
  ).answers<ProblemDetail>(),
  /** 问题类别 of the caller's 街道 (institute staff), the inactive ones too. */
  categories: act(z.object({ subdistrictId: id.optional() }).strict(), [NotFound, Forbidden, OutOfScope]).answers<CategoryAdminView>(),
  /** Adds (with `requestId`, idempotent) or edits (`categoryId`, on the `updatedAt` the screen showed) a category. */
  saveCategory: act(
    z
      .object({
        subdistrictId: id.optional(),
        categoryId: id.optional(),
        requestId: requestId.optional(),
        expectedUpdatedAt: epochMs.optional(),
        name: text({ label: '类别名称', min: 2, max: CATEGORY_NAME_MAX }),
        handlerKind: z.enum(Object.keys(HANDLING_UNIT_KIND_LABELS) as [HandlingUnitKind, ...HandlingUnitKind[]]),
        deadlineDays: z
          .number()
          .int('处置期限须为整数天')
          .min(0, '处置期限不能为负')
          .max(CATEGORY_DEADLINE_DAYS_MAX, `处置期限最多 ${CATEGORY_DEADLINE_DAYS_MAX} 个工作日`),
        followUpDays: z
          .number()
          .int('回头看天数须为整数')
          .min(CATEGORY_FOLLOW_UP_DAYS_MIN, `回头看至少在销号 ${CATEGORY_FOLLOW_UP_DAYS_MIN} 天后`)
          .max(CATEGORY_FOLLOW_UP_DAYS_MAX, `回头看最多在销号 ${CATEGORY_FOLLOW_UP_DAYS_MAX} 天后`),
        active: z.boolean(),
      })
      .strict(),
    [NotFound, Forbidden, OutOfScope, Conflict],
  ).answers<CategoryAdminView>(),
  /** 问题统计 of the caller's 社区 (station) or 街道 (institute) for a period: totals, per 处置单位, per 社区. */
  stats: act(z.object({ period: z.enum(STATS_PERIODS.map((p) => p.key) as [string, ...string[]]).optional() }).strict(), [
    Forbidden,
  ]).answers<ProblemStatsView>(),
  /** 附议: +1 on an open problem, with an optional photo. */
  second: act(
    z.object({ problemId: id, photos: photos(PROBLEM_PHOTOS_MAX).optional(), note: note.optional() }).strict(),
    ACT_ERRORS,
  ).answers<ProblemDetail>(),
});
export type ProblemContract = typeof problemContract;
