import { ORG_UNITS, VOLUNTEER_PROFILES } from '../../database/collections';
import type { MyRecord } from '../../src/domain/activity/activity.views';
import {
  DEFAULT_STAR_THRESHOLDS,
  HOURS_KIND_LABELS,
  HOURS_SOURCE_LABELS,
  HOURS_STATUS_LABELS,
  starLevel,
  summarise,
} from '../../src/domain/hours/hours.rules';
import { POINTS_PER_HOUR } from '../../src/domain/points/points.rules';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import type { LoadedPrincipal } from '../kit/principal';
import { readById } from '../kit/read-list';
import { myCertificates } from './certificates';
import { ledgerOf } from './ledger';

/** The star thresholds of the volunteer's 街道 (`starThresholds` on its org unit), or the default. */
async function thresholdsFor(openid: string): Promise<readonly number[]> {
  const profile = await readById<VolunteerProfile>(VOLUNTEER_PROFILES, openid);
  if (!profile) return DEFAULT_STAR_THRESHOLDS;
  const unit = await readById<{ starThresholds?: number[] }>(ORG_UNITS, profile.subdistrictId);
  return unit?.starThresholds ?? DEFAULT_STAR_THRESHOLDS;
}

/** 我的服务记录: everything from the hours ledger and nothing else. */
export async function myRecord(principal: LoadedPrincipal, now: number): Promise<MyRecord> {
  const [entries, thresholds, certificates] = await Promise.all([
    ledgerOf(principal.openid),
    thresholdsFor(principal.openid),
    myCertificates(principal.openid),
  ]);
  const summary = summarise(entries, now);
  return {
    summary,
    star: starLevel(summary.totalHours, thresholds),
    hoursRule: '从签到到签退按整分钟计，四舍五入到 0.25 小时，至少 0.25 小时；只计场次起止时间之内，不超过计划时长',
    pointsRule: `每服务 1 小时积 ${POINTS_PER_HOUR} 分，按每条确认的记录计算，不足 1 分的部分不计`,
    entries: entries.slice(0, 50).map((e) => ({
      key: e.key,
      source: e.source,
      sourceLabel: HOURS_SOURCE_LABELS[e.source],
      sourceId: e.sourceId,
      title: e.title,
      startAt: e.startAt,
      hours: e.hours,
      kind: e.kind,
      kindLabel: HOURS_KIND_LABELS[e.kind],
      status: e.status,
      statusLabel: HOURS_STATUS_LABELS[e.status],
    })),
    certificates,
  };
}
