/**
 * 巡查日志 and 敲门行动 as stored.
 *
 * Pure types only: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { KnockResult } from './grid.rules';

/** Document of collection `patrol_logs`: one per (person, China-time day), `_id` = `${openid}:${day}`. */
export interface PatrolLogDoc {
  _id: string;
  openid: string;
  /** Masked, as `users.displayName`. */
  workerName: string;
  /** 楼栋长 / 社区实践站 / 街道实践所. */
  roleLabel: string;
  /** `YYYY-MM-DD`, China time. */
  day: string;
  buildingIds: string[];
  buildingNames: string[];
  /** The community of the buildings walked (one log covers one community), and its subdistrict. */
  communityId: string;
  subdistrictId: string;
  problemsFound: number;
  problemsFixed: number;
  note: string;
  createdAt: number;
  updatedAt: number;
}

/** Document of collection `knock_visits`: one per door knock, append-only except `problemId` (an opinion turned into a report). */
export interface KnockVisitDoc {
  _id: string;
  /** `${buildingId}:${room}`. */
  householdId: string;
  buildingId: string;
  room: string;
  estateId: string;
  communityId: string;
  subdistrictId: string;
  result: KnockResult;
  announcementId: string | null;
  announcementTitle: string;
  opinion: string;
  byOpenid: string;
  byName: string;
  byRoleLabel: string;
  at: number;
  problemId: string | null;
}

/** Document of collection `knock_households`: a household's latest visit, `_id` = householdId. */
export interface KnockHouseholdDoc {
  _id: string;
  buildingId: string;
  room: string;
  latest: KnockResult;
  latestAt: number;
  latestVisitId: string;
  visits: number;
  /** The household's latest visits, newest first (at most 10): one building's doors read its visits from its households. */
  recent?: RecentVisit[];
  /** Announcements explained at this door (a visit 在家已宣传 for it). */
  toldIds?: string[];
  updatedAt: number;
}

/** A visit as its household keeps it. */
export interface RecentVisit {
  visitId: string;
  room: string;
  result: KnockResult;
  announcementTitle: string;
  opinion: string;
  byName: string;
  at: number;
  problemId: string | null;
}
