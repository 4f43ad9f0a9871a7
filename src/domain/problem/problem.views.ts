/**
 * What the problem function answers: the one contract the cloud function builds and the screens
 * read (pure types).
 */
import type { ProblemAction, ProblemEvent, ProblemParty } from './problem.state-machine';
import type { ProblemState } from './problem.states';
import type { ProblemStatsRow } from './problem.stats';
import type { ExtensionState, HandlingUnitKind, ProblemRatingScore, ReporterKind } from './problem.types';

/** One row of every problem list (我的随手拍, 台账, a unit's list, the grid worker's list). */
export interface ProblemSummary {
  problemId: string;
  no: string;
  categoryId: string;
  categoryName: string;
  description: string;
  state: ProblemState;
  stateLabel: string;
  /** e.g. 天府花园 3栋 · 东侧垃圾桶旁 */
  placeLabel: string;
  estateId: string;
  unitNames: string[];
  deadlineAt: number | null;
  /** 0 on time, 1 超期, 2 escalated (red). */
  overdueLevel: 0 | 1 | 2;
  /** Past the deadline now (even before the 督办 timer flagged it). */
  overdue: boolean;
  reworkCount: number;
  relapseCount: number;
  secondCount: number;
  selfFixed: boolean;
  /** The first before photo (cloud fileID), for the row's thumbnail. */
  cover: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface ProblemPage {
  items: ProblemSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The station / institute 台账: one page and the count per state of the whole scope. */
export interface LedgerPage extends ProblemPage {
  counts: Record<ProblemState, number>;
  /** The 台账's filters: the subdistrict's categories and the scope's 小区. */
  categories: { categoryId: string; name: string }[];
  estates: { estateId: string; name: string }[];
}

export interface ProblemView extends ProblemSummary {
  photos: string[];
  placeText: string;
  buildingName: string;
  estateName: string;
  /** Masked name of the reporter, for staff, units and the grid worker; '' for everyone else. */
  reporterName: string;
  reporterKind: ReporterKind;
  deadlineDays: number;
  dispatchedAt: number | null;
  fixPhotos: string[];
  fixNote: string;
  fixedAt: number | null;
  closedAt: number | null;
  followUpAt: number | null;
  dismissNote: string;
  /** The unit's 延期申请 (its reason and the day asked for), once asked. */
  extension: {
    state: ExtensionState;
    stateLabel: string;
    reason: string;
    requestedDeadlineAt: number;
    requestedAt: number;
    decisionNote: string;
  } | null;
  /** The reporter's rating after 销号; shown to the reporter, staff and the unit. */
  rating: { score: ProblemRatingScore; label: string; comment: string; at: number } | null;
}

export interface ProblemTimelineEntry {
  seq: number;
  event: ProblemEvent | 'report';
  label: string;
  to: ProblemState;
  stateLabel: string;
  actorLabel: string;
  note: string;
  photos: string[];
  unitNames: string[];
  at: number;
}

/** A button of the detail screen. */
export interface ProblemButton {
  event: ProblemEvent;
  via: ProblemAction;
  label: string;
  needsNote: boolean;
  needsPhotos: boolean;
  needsUnits: boolean;
}

/** A unit the station may 派遣 to; the category's usual kind (and the 小区's property company) first. */
export interface UnitOption {
  unitId: string;
  name: string;
  kind: HandlingUnitKind;
  kindLabel: string;
  suggested: boolean;
}

/** The detail screen in one call; every action answers it again, updated. */
export interface ProblemDetail {
  problem: ProblemView;
  timeline: ProblemTimelineEntry[];
  actions: ProblemButton[];
  caller: { parties: ProblemParty[]; reporter: boolean; seconded: boolean };
  /** Filled when 派遣 is one of the actions. */
  unitOptions: UnitOption[];
}

/** The 随手拍 form in one call: categories and where the caller reports from. */
export interface ReportSetup {
  categories: { categoryId: string; name: string; deadlineLabel: string }[];
  /** The caller's own building (residents, building heads); null when they have none to report from. */
  place: { buildingId: string; buildingName: string; estateName: string } | null;
  /** Where a volunteer without a building of their own may report: the 小区 of their teams' service areas. */
  places: { placeId: string; label: string }[];
  /** A building head may 自查自处 (fix on the spot and close in one step). */
  canSelfFix: boolean;
  /** Why the caller cannot report, when they cannot (e.g. binding still pending). */
  blocked: string | null;
}

/**
 * The report's answer: filed, or not filed because open problems of the same category and place
 * exist (the screen offers 附议 on one of them, or 仍要上报 with `confirmNew`).
 */
export type ReportAnswer =
  | { filed: true; problemId: string; state: ProblemState; stateLabel: string; selfFixed: boolean }
  | { filed: false; duplicates: ProblemSummary[] };

/** One category as institute staff edit it. */
export interface CategoryRow {
  categoryId: string;
  name: string;
  order: number;
  handlerKind: HandlingUnitKind;
  handlerLabel: string;
  deadlineDays: number;
  deadlineLabel: string;
  followUpDays: number;
  active: boolean;
  /** Send back as `expectedUpdatedAt`: a save over someone else's newer edit is refused. */
  updatedAt: number;
}

/** 问题类别 of one 街道 for its institute staff, in one call; saving answers it again. */
export interface CategoryAdminView {
  subdistrictId: string;
  subdistrictName: string;
  categories: CategoryRow[];
  handlerKinds: { kind: HandlingUnitKind; label: string }[];
  limits: { nameMax: number; deadlineDaysMax: number; followUpDaysMin: number; followUpDaysMax: number; categoriesMax: number };
}

/** 问题统计 in one call: the period, the scope's totals, per 处置单位 and per 社区. */
export interface ProblemStatsView {
  scopeLabel: string;
  period: { key: string; label: string; fromDay: string; toDay: string };
  periods: { key: string; label: string }[];
  totals: ProblemStatsRow;
  byUnit: ProblemStatsRow[];
  byCommunity: ProblemStatsRow[];
  /** The read stopped at this many problems (the numbers cover the newest ones). */
  truncated: boolean;
}
