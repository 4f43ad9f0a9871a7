/**
 * Grid problems (网格问题) as stored in the cloud database. Pure types: no Taro, `wx`,
 * `wx-server-sdk` or Node built-ins.
 */
import type { Timestamped } from '../org/org.types';
import type { ProblemEvent, ProblemParty } from './problem.state-machine';
import type { ProblemState } from './problem.states';

/** Who a handling unit is: the 小区's property company, a department (城管, 执法中队, 供电 …) or a volunteer team. */
export type HandlingUnitKind = 'property' | 'department' | 'team';

export const HANDLING_UNIT_KIND_LABELS: Readonly<Record<HandlingUnitKind, string>> = {
  property: '物业公司',
  department: '职能部门',
  team: '志愿服务队',
};

/** Document of `problem_categories`: one category of a 街道 with its default handler and deadline. */
export interface ProblemCategory extends Timestamped {
  _id: string;
  subdistrictId: string;
  name: string;
  /** Display order, ascending. */
  order: number;
  /** Who usually fixes it (the 派遣 picker lists these units first). */
  handlerKind: HandlingUnitKind;
  /** Deadline in working days after 派遣; 0 = 当天 (by the end of the working day). */
  deadlineDays: number;
  /** 回头看 falls due this many days after 销号. */
  followUpDays: number;
  active: boolean;
}

/**
 * Document of `handling_units`: a 处置单位. Its staff hold the `unit_staff` role scoped to its
 * `_id` (invited like staff), and see only the problems dispatched to it.
 */
export interface HandlingUnit extends Timestamped {
  _id: string;
  name: string;
  kind: HandlingUnitKind;
  /** The 街道 it works for (the 派遣 picker lists the subdistrict's units). */
  subdistrictId: string;
  /**
   * Where it is homed in the org tree, root first: `[街道]` for a department, `[街道, 社区]` for a
   * property company of that community's 小区. Staff who may invite its staff are those covering it.
   */
  orgPath: string[];
  /** The 小区 a property company manages (listed first for problems there); empty for departments. */
  estateIds: string[];
  order: number;
  active: boolean;
}

/** Where a problem is: a 楼栋, or a 小区 as a whole, with free text (precise location is never required). */
export interface ProblemPlace {
  subdistrictId: string;
  communityId: string;
  estateId: string;
  estateName: string;
  buildingId: string | null;
  buildingName: string;
  /** e.g. 3号楼东侧垃圾桶旁 */
  text: string;
}

/** Where a unit's 延期申请 stands; `withdrawn` when the unit fixed or returned it before an answer. */
export type ExtensionState = 'pending' | 'approved' | 'refused' | 'withdrawn';

export const EXTENSION_STATE_LABELS: Readonly<Record<ExtensionState, string>> = {
  pending: '待审批',
  approved: '已同意',
  refused: '未同意',
  withdrawn: '已撤回',
};

/** A unit's 延期申请 (at most one per problem). */
export interface ProblemExtension {
  state: ExtensionState;
  reason: string;
  /** The deadline asked for: the end of a China-time day. */
  requestedDeadlineAt: number;
  /** The deadline when it was asked. */
  previousDeadlineAt: number | null;
  requestedAt: number;
  decidedAt: number | null;
  /** Why the station refused ('' otherwise). */
  decisionNote: string;
}

/** The reporter's rating of the result after 销号. */
export const PROBLEM_RATING_SCORES = ['satisfied', 'fair', 'unsatisfied'] as const;
export type ProblemRatingScore = (typeof PROBLEM_RATING_SCORES)[number];

export const PROBLEM_RATING_LABELS: Readonly<Record<ProblemRatingScore, string>> = {
  satisfied: '满意',
  fair: '基本满意',
  unsatisfied: '不满意',
};

export interface ProblemRating {
  score: ProblemRatingScore;
  comment: string;
  at: number;
}

export type ReporterKind = 'resident' | 'building_head' | 'volunteer' | 'staff';

/** Document of `problems`. */
export interface ProblemDoc {
  _id: string;
  /** 编号 as the 台账 shows it, e.g. WT20261201-3F9A. */
  no: string;
  categoryId: string;
  categoryName: string;
  description: string;
  /** Before photos (1–6), the reporter's own uploads. */
  photos: string[];
  subdistrictId: string;
  communityId: string;
  estateId: string;
  estateName: string;
  buildingId: string | null;
  buildingName: string;
  placeText: string;
  /** The org path of the place (subdistrict … estate, building), for `authorize`. */
  orgPath: string[];
  reporterOpenid: string;
  reporterKind: ReporterKind;
  /** Masked, e.g. 张*; only staff see it. */
  reporterName: string;
  state: ProblemState;
  version: number;
  /** Newest-first list key (`<createdAt 13 digits>-<_id>`). */
  sortKey: string;
  deadlineDays: number;
  followUpDays: number;
  /** The handling units (several = 联合处置). */
  unitIds: string[];
  unitNames: string[];
  /** Every unit the problem was ever sent to (their assignment rows exist). */
  assignedUnitIds: string[];
  dispatchedAt: number | null;
  /** End of the deadline's working day; null until 派遣. */
  deadlineAt: number | null;
  /** Twice overdue from here: escalated to the 实践所. */
  escalateAt: number | null;
  /** 0 on time, 1 超期 (催办 sent), 2 escalated (shown red). */
  overdueLevel: 0 | 1 | 2;
  fixPhotos: string[];
  fixNote: string;
  fixedAt: number | null;
  closedAt: number | null;
  /** closedAt + followUpDays; null while open. */
  followUpAt: number | null;
  /** 自查自处 (即知即改). */
  selfFixed: boolean;
  reworkCount: number;
  relapseCount: number;
  secondCount: number;
  /** Why it was dismissed (不属实 / 不属于). */
  dismissNote: string;
  /** The unit's 延期申请; null (or absent on older documents) until asked. */
  extension?: ProblemExtension | null;
  /** The reporter's rating after 销号 (once); null (or absent on older documents) until rated. */
  rating?: ProblemRating | null;
  createdAt: number;
  updatedAt: number;
}

/** Document of `problem_events`: the immutable timeline, `_id` = problem + seq (= the version it made). */
export interface ProblemEventDoc {
  _id: string;
  problemId: string;
  seq: number;
  event: ProblemEvent | 'report';
  from: ProblemState | null;
  to: ProblemState;
  byOpenid: string;
  byParty: ProblemParty;
  actorLabel: string;
  note: string;
  photos: string[];
  unitNames: string[];
  at: number;
}

/**
 * Document of `problem_assignments`: one row per (problem, unit), `_id` = `<problem>:<unit>`, so a
 * unit's list is one indexed query (an array field is no index key). `active` while the problem
 * is with the unit; `state` follows the problem.
 */
export interface ProblemAssignmentDoc extends Timestamped {
  _id: string;
  problemId: string;
  unitId: string;
  active: boolean;
  state: ProblemState;
  sortKey: string;
  updatedAt: number;
}

/** Document of `problem_seconds`: one 附议 per (problem, person), `_id` = `<problem>:<openid>`. */
export interface ProblemSecondDoc {
  _id: string;
  problemId: string;
  openid: string;
  photos: string[];
  note: string;
  at: number;
}
