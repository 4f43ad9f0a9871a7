/**
 * What the grid function answers (巡查日志, 敲门行动).
 *
 * Pure types only: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { CoverageRow, DoorReach, HouseholdAwareness, KnockResult } from './grid.rules';

export interface BuildingChoice {
  id: string;
  name: string;
  estateName: string;
}

/** A problem the patrolling person reported that day (巡查发现). */
export interface PatrolProblem {
  problemId: string;
  no: string;
  categoryName: string;
  stateLabel: string;
  placeLabel: string;
  selfFixed: boolean;
}

export interface PatrolLogView {
  day: string;
  buildingIds: string[];
  buildingNames: string[];
  problemsFound: number;
  problemsFixed: number;
  note: string;
  updatedAt: number;
}

/** `patrolToday` / `savePatrol`: the worker's own log of today, what they may pick, what they reported. */
export interface PatrolTodayView {
  day: string;
  log: PatrolLogView | null;
  buildings: BuildingChoice[];
  /** Problems the caller reported today: found = all of them, fixed = 自查自处 among them. */
  reported: { found: number; fixed: number; problems: PatrolProblem[] };
  /** The caller's last logs before today, newest first. */
  recent: PatrolLogView[];
}

export interface PatrolRow extends PatrolLogView {
  openid: string;
  workerName: string;
  roleLabel: string;
}

export interface CoverageView extends CoverageRow {
  name: string;
  estateName: string;
}

/** `patrols`: staff see who patrolled where over a period (by day, by person) and per-building coverage. */
export interface PatrolsView {
  scopeName: string;
  from: string;
  to: string;
  openid: string | null;
  logs: PatrolRow[];
  workers: { openid: string; name: string; roleLabel: string; days: number }[];
  coverage: CoverageView[];
  totals: { logs: number; workers: number; buildings: number; walked: number; found: number; fixed: number };
}

export interface KnockBuildingRow extends DoorReach {
  id: string;
  name: string;
  estateName: string;
}

/** `knockHome`: the buildings the caller may knock in, with 入户率. */
export interface KnockHomeView {
  buildings: KnockBuildingRow[];
  total: DoorReach;
  /** More buildings in scope than listed. */
  truncated: boolean;
}

export interface HouseholdRow {
  room: string;
  /** Masked names of the residents bound to the room. */
  names: string[];
  latest: KnockResult | null;
  latestLabel: string;
  latestAt: number | null;
  visits: number;
  /** With an announcement: a resident read it in the app / the household was told at the door about it. */
  readInApp: boolean | null;
  toldAtDoor: boolean | null;
}

export interface VisitRow {
  visitId: string;
  room: string;
  result: KnockResult;
  resultLabel: string;
  announcementTitle: string;
  opinion: string;
  byName: string;
  at: number;
  problemId: string | null;
}

/** `knockBuilding` / `knock` / `opinionToProblem`: one building's doors. */
export interface KnockBuildingView {
  buildingId: string;
  buildingName: string;
  estateName: string;
  reach: DoorReach;
  announcement: { id: string; title: string; awareness: HouseholdAwareness } | null;
  households: HouseholdRow[];
  /** Whether `names` are filled: the building head and staff see them, a volunteer knocking by team area sees rooms only. */
  showsNames: boolean;
  /** Latest visits, newest first. */
  visits: VisitRow[];
  /** For an opinion → 问题上报: the categories of the 街道 (empty when the caller may not report here). */
  categories: { categoryId: string; name: string }[];
}

export interface OpinionReportAnswer {
  problemId: string;
  building: KnockBuildingView;
}

/** An announcement's awareness by household, per building (beside the in-app 知晓率 by resident). */
export interface HouseholdAwarenessReport extends HouseholdAwareness {
  buildings: Record<string, HouseholdAwareness>;
}
