/**
 * Grid problem rules beside the state machine: input limits, the working-day deadline calendar,
 * the duplicate rule (附议), list keys and the 回头看 date.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { ProblemGuard } from './problem.state-machine';
import { PROBLEM_OPEN_STATES } from './problem.states';
import type { ProblemDoc, ProblemRatingScore } from './problem.types';

export const PROBLEM_DESCRIPTION_MIN = 5;
export const PROBLEM_DESCRIPTION_MAX = 300;
export const PROBLEM_PHOTOS_MIN = 1;
export const PROBLEM_PHOTOS_MAX = 6;
export const PLACE_TEXT_MAX = 50;
export const PROBLEM_NOTE_MAX = 200;
export const PROBLEM_PAGE_SIZE = 20;
/** A problem goes to at most this many units at once (联合处置). */
export const UNITS_MAX = 4;
/** Reports one person may file per (China) day; beyond it the report is refused. */
export const REPORTS_PER_DAY = 20;
/** 附议: an open problem of the same category and place filed within this many days. */
export const DUPLICATE_WINDOW_DAYS = 7;
/** 回头看 default when a category says nothing. */
export const FOLLOW_UP_DAYS_DEFAULT = 7;

const HOUR_MS = 3600 * 1000;
export const DAY_MS = 24 * HOUR_MS;
/** Deadlines are kept on China time (UTC+8, no daylight saving). */
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/**
 * The working-day calendar: Monday–Friday, minus the public holidays, plus the weekend days
 * declared working days (调休). Days are `YYYY-MM-DD` in China time; the lists come from the
 * State Council's yearly notice and are kept in server configuration.
 */
export interface WorkCalendar {
  holidays: readonly string[];
  workdays: readonly string[];
}

export const WEEKDAYS_ONLY: WorkCalendar = { holidays: [], workdays: [] };

/** `YYYY-MM-DD` of the China-time day containing `ms`. */
export function chinaDay(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of the first millisecond of the China-time day `day` (YYYY-MM-DD). */
function chinaDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS;
}

export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.includes(day)) return true;
  if (calendar.holidays.includes(day)) return false;
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

const nextDay = (day: string): string => chinaDay(chinaDayStart(day) + DAY_MS);

/**
 * The deadline of work started at `startMs` with `days` working days: the end (23:59:59.999 China
 * time) of the `days`-th working day after the start day; `days` = 0 (当天) is the end of the start
 * day, or of the next working day when it starts on a day off.
 */
export function deadlineAfter(startMs: number, days: number, calendar: WorkCalendar = WEEKDAYS_ONLY): number {
  let day = chinaDay(startMs);
  if (days <= 0) {
    while (!isWorkingDay(day, calendar)) day = nextDay(day);
  } else {
    for (let left = days; left > 0; ) {
      day = nextDay(day);
      if (isWorkingDay(day, calendar)) left--;
    }
  }
  return chinaDayStart(day) + DAY_MS - 1;
}

/**
 * Twice overdue: past the deadline by the deadline's own length again (at least one working day),
 * the 督办 timer escalates to the 实践所.
 */
export function escalateAfter(deadlineAt: number, days: number, calendar: WorkCalendar = WEEKDAYS_ONLY): number {
  return deadlineAfter(deadlineAt, Math.max(1, days), calendar);
}

/** Where a problem is, as far as the duplicate rule looks. */
export interface PlaceKey {
  categoryId: string;
  estateId: string;
  buildingId: string | null;
}

/**
 * Two places are the same for 附议 when they are in the same 小区 and either is the 小区 as a whole
 * or both are the same 楼栋 (楼道堆物 in 1号楼 and 2号楼 are two problems).
 */
export function samePlace(a: Omit<PlaceKey, 'categoryId'>, b: Omit<PlaceKey, 'categoryId'>): boolean {
  return a.estateId === b.estateId && (a.buildingId === null || b.buildingId === null || a.buildingId === b.buildingId);
}

/** The duplicate rule: same category, same place, still open, filed within the last 7 days. */
export function isDuplicateOf(
  existing: Pick<ProblemDoc, 'categoryId' | 'estateId' | 'buildingId' | 'state' | 'createdAt'>,
  report: PlaceKey,
  now: number,
): boolean {
  return (
    existing.categoryId === report.categoryId &&
    samePlace(existing, report) &&
    PROBLEM_OPEN_STATES.includes(existing.state) &&
    existing.createdAt >= now - DUPLICATE_WINDOW_DAYS * DAY_MS &&
    existing.createdAt <= now
  );
}

/** The duplicates of a report among candidates: same 楼栋 first, then newest first. */
export function duplicatesOf<P extends Pick<ProblemDoc, 'categoryId' | 'estateId' | 'buildingId' | 'state' | 'createdAt'>>(
  candidates: readonly P[],
  report: PlaceKey,
  now: number,
): P[] {
  const sameBuilding = (p: P) => (report.buildingId !== null && p.buildingId === report.buildingId ? 0 : 1);
  return candidates
    .filter((p) => isDuplicateOf(p, report, now))
    .sort((a, b) => sameBuilding(a) - sameBuilding(b) || b.createdAt - a.createdAt);
}

const pad13 = (n: number) => String(Math.max(0, Math.floor(n))).padStart(13, '0');

/** Newest-first list key, unique per problem. */
export const problemSortKeyOf = (createdAt: number, problemId: string): string => `${pad13(createdAt)}-${problemId}`;

/** The lowest sort key of a China-time day (the daily report limit counts from it). */
export const dayStartSortKey = (now: number): string => pad13(chinaDayStart(chinaDay(now)));

/** `_id` of a problem's timeline event number `seq`. */
export const problemEventIdOf = (problemId: string, seq: number): string => `${problemId}-${String(seq).padStart(4, '0')}`;

export const assignmentIdOf = (problemId: string, unitId: string): string => `${problemId}:${unitId}`;
export const secondIdOf = (problemId: string, openid: string): string => `${problemId}:${openid}`;

/** 编号 shown in the 台账: WT + China date + the id's last four characters. */
export function problemNoOf(createdAt: number, problemId: string): string {
  return `WT${chinaDay(createdAt).replaceAll('-', '')}-${problemId.slice(-4).toUpperCase()}`;
}

/** Past its deadline while a unit still has it. */
export function isProblemOverdue(p: Pick<ProblemDoc, 'state' | 'deadlineAt'>, now: number): boolean {
  return p.state === 'dispatched' && p.deadlineAt !== null && p.deadlineAt < now;
}

/** The 回头看 date has come on a closed problem. */
export function isFollowUpDue(p: Pick<ProblemDoc, 'state' | 'followUpAt'>, now: number): boolean {
  return p.state === 'closed' && p.followUpAt !== null && p.followUpAt <= now;
}

/** 延期: the day asked for lies at most this many calendar days past the current deadline. */
export const EXTENSION_MAX_DAYS = 30;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The deadline a 延期申请 asks for: the end of China-time day `day`, which must be a real date
 * after the current deadline's day and at most EXTENSION_MAX_DAYS past it. Answers the refusal
 * in words otherwise.
 */
export function extensionDeadlineOf(day: string, currentDeadlineAt: number | null): { deadlineAt: number } | { refusal: string } {
  const start = DAY_PATTERN.test(day) ? Date.parse(`${day}T00:00:00.000Z`) : Number.NaN;
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== day) return { refusal: '请选择延期到哪一天' };
  const deadlineAt = chinaDayStart(day) + DAY_MS - 1;
  if (currentDeadlineAt === null) return { refusal: '问题还没有处置期限，不能申请延期' };
  if (deadlineAt <= currentDeadlineAt) return { refusal: '延期后的日期要晚于现在的处置期限' };
  if (deadlineAt > currentDeadlineAt + EXTENSION_MAX_DAYS * DAY_MS) return { refusal: `最多延期 ${EXTENSION_MAX_DAYS} 天` };
  return { deadlineAt };
}

/** Why a rule's guard does not hold on this problem now, or null when it holds. */
export function guardRefusal(
  guard: ProblemGuard,
  p: Pick<ProblemDoc, 'state' | 'followUpAt' | 'extension' | 'rating' | 'selfFixed'>,
  now: number,
): string | null {
  switch (guard) {
    case 'follow_up_due':
      return isFollowUpDue(p, now) ? null : '还没到回头看的时间';
    case 'extension_unasked':
      return p.extension ? '每个问题只能申请一次延期' : null;
    case 'extension_pending':
      return p.extension?.state === 'pending' ? null : '没有待审批的延期申请';
    case 'rating_open':
      return p.rating ? '您已经评价过了' : p.selfFixed ? '自查自处的问题不用评价' : null;
  }
}

/** 满意率: 满意 and 基本满意 among the rated, 0–1; null when nobody rated. */
export function satisfactionRate(scores: readonly ProblemRatingScore[]): number | null {
  if (scores.length === 0) return null;
  return scores.filter((s) => s !== 'unsatisfied').length / scores.length;
}

/** The workflow fields of a problem just reported: not yet dispatched, fixed, closed or counted. */
export function freshProblemProgress(): Pick<
  ProblemDoc,
  | 'unitIds'
  | 'unitNames'
  | 'assignedUnitIds'
  | 'dispatchedAt'
  | 'deadlineAt'
  | 'escalateAt'
  | 'overdueLevel'
  | 'fixPhotos'
  | 'fixNote'
  | 'fixedAt'
  | 'closedAt'
  | 'followUpAt'
  | 'selfFixed'
  | 'reworkCount'
  | 'relapseCount'
  | 'secondCount'
  | 'dismissNote'
  | 'extension'
  | 'rating'
> {
  return {
    unitIds: [],
    unitNames: [],
    assignedUnitIds: [],
    dispatchedAt: null,
    deadlineAt: null,
    escalateAt: null,
    overdueLevel: 0,
    fixPhotos: [],
    fixNote: '',
    fixedAt: null,
    closedAt: null,
    followUpAt: null,
    selfFixed: false,
    reworkCount: 0,
    relapseCount: 0,
    secondCount: 0,
    dismissNote: '',
    extension: null,
    rating: null,
  };
}
