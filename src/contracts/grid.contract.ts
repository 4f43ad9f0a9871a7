import { z } from 'zod';
import {
  KNOCK_RESULTS,
  OPINION_MAX,
  PATROL_BUILDINGS_MAX,
  PATROL_COUNT_MAX,
  PATROL_NOTE_MAX,
  PATROL_PERIOD_MAX_DAYS,
  ROOM_MAX,
} from '../domain/grid/grid.rules';
import type { KnockBuildingView, KnockHomeView, OpinionReportAnswer, PatrolsView, PatrolTodayView } from '../domain/grid/grid.views';
import { PROBLEM_DESCRIPTION_MAX, PROBLEM_DESCRIPTION_MIN, PROBLEM_PHOTOS_MAX, PROBLEM_PHOTOS_MIN } from '../domain/problem/problem.rules';
import { ErrorCode } from '../domain/shared/domain-error';
import { act, defineContract } from './kit';
import { id, none, photos, requestId, text } from './schemas';

const { NotFound, Forbidden, OutOfScope, Conflict, BindingRequired } = ErrorCode;
/** A China-time day, `YYYY-MM-DD`. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD');
const count = z.number().int().min(0).max(PATROL_COUNT_MAX);

/** 巡查日志 and 敲门行动 of the grid (网格). */
export const gridContract = defineContract('grid', {
  /** The caller's 巡查日志 of today (China time), the buildings they may log, the problems they reported today. */
  patrolToday: act(none, [Forbidden]).answers<PatrolTodayView>(),
  /** Saves today's log: one per person per day, saving again edits it. Counts default to the problems reported today. */
  savePatrol: act(
    z
      .object({
        buildingIds: z.array(id).min(1, '请至少选一个巡查的楼栋').max(PATROL_BUILDINGS_MAX),
        problemsFound: count.optional(),
        problemsFixed: count.optional(),
        note: text({ label: '巡查情况', max: PATROL_NOTE_MAX, multiline: true }).optional(),
      })
      .strict(),
    [NotFound, Forbidden, OutOfScope],
  ).answers<PatrolTodayView>(),
  /** Staff: the logs of their community / subdistrict over a period (default: the last 7 days), per person, and per-building coverage. */
  patrols: act(
    z
      .object({
        from: day.optional(),
        to: day.optional(),
        /** Instead of from / to: the last N days up to today (the server's day). */
        days: z.number().int().min(1).max(PATROL_PERIOD_MAX_DAYS).optional(),
        openid: id.optional(),
      })
      .strict(),
    [Forbidden],
  ).answers<PatrolsView>(),
  /** The buildings the caller may knock in (楼栋长: theirs; staff: their area; volunteers: their team's service area), with 入户率. */
  knockHome: act(none, [Forbidden]).answers<KnockHomeView>(),
  /** One building's households with their latest visit; with an announcement, who read it and who was told at the door. */
  knockBuilding: act(z.object({ buildingId: id, announcementId: id.optional() }).strict(), [
    NotFound,
    Forbidden,
    OutOfScope,
  ]).answers<KnockBuildingView>(),
  /** Records a door-knock visit (idempotent on requestId); the household's latest result follows the newest visit. */
  knock: act(
    z
      .object({
        requestId,
        buildingId: id,
        room: text({ label: '房号', min: 1, max: ROOM_MAX }),
        result: z.enum(KNOCK_RESULTS),
        announcementId: id.optional(),
        opinion: text({ label: '收集的意见', max: OPINION_MAX, multiline: true }).optional(),
      })
      .strict(),
    [NotFound, Forbidden, OutOfScope],
  ).answers<KnockBuildingView>(),
  /** An opinion collected at the door becomes a 问题上报 at that building (through the problem function, as the caller). */
  opinionToProblem: act(
    z
      .object({
        visitId: id,
        categoryId: id,
        /** The announcement the screen was knocking for: the answered building keeps showing who knows it. */
        announcementId: id.optional(),
        description: text({ label: '问题描述', min: PROBLEM_DESCRIPTION_MIN, max: PROBLEM_DESCRIPTION_MAX, multiline: true }).optional(),
        photos: photos(PROBLEM_PHOTOS_MAX).min(PROBLEM_PHOTOS_MIN, '请至少拍一张现场照片'),
      })
      .strict(),
    [NotFound, Forbidden, OutOfScope, Conflict, BindingRequired],
  ).answers<OpinionReportAnswer>(),
});
export type GridContract = typeof gridContract;
