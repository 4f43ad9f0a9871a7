/**
 * 双报到: volunteers record their 工作单位 and whether they are 在职党员 reporting to this
 * community; staff see hours and attendance per unit. Pure sums over the hours ledger (counted
 * entries only) and the volunteers' activity sign-ups of the period.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import { counts, type HoursEntry } from '../hours/hours.rules';
import { totalHours } from '../service/service.rules';
import type { Attendance } from './activity.types';

export interface UnitRow {
  unit: string;
  /** Registered volunteers of this unit in the area. */
  volunteers: number;
  /** Of them, 在职党员 who reported to the community. */
  partyReportedIn: number;
  /** Counted hours (confirmed / approved) of the period: all, from activities, from orders. */
  hours: number;
  activityHours: number;
  orderHours: number;
  /** Activity sessions of the period attended (signed in) and missed (缺席). */
  attended: number;
  absent: number;
}

export interface UnitStatsView {
  from: number;
  to: number;
  rows: UnitRow[];
  /** Volunteers of the area who named no unit (not in `rows`). */
  withoutUnit: number;
}

/** One row per unit, most hours first (then most volunteers); units read as the volunteers typed them (trimmed). */
export function unitStats(
  people: readonly { openid: string; workUnit: string; partyReportIn: boolean }[],
  entries: readonly Pick<HoursEntry, 'openid' | 'status' | 'hours' | 'source'>[],
  signUps: readonly { openid: string; attendance: Attendance }[],
): { rows: UnitRow[]; withoutUnit: number } {
  const unitOf = new Map(people.filter((p) => p.workUnit.trim()).map((p) => [p.openid, p.workUnit.trim()]));
  const rows = new Map<string, UnitRow & { hourList: number[]; activityList: number[]; orderList: number[] }>();
  const row = (unit: string) => {
    let r = rows.get(unit);
    if (!r) {
      r = {
        unit,
        volunteers: 0,
        partyReportedIn: 0,
        hours: 0,
        activityHours: 0,
        orderHours: 0,
        attended: 0,
        absent: 0,
        hourList: [],
        activityList: [],
        orderList: [],
      };
      rows.set(unit, r);
    }
    return r;
  };
  for (const p of people) {
    const unit = unitOf.get(p.openid);
    if (!unit) continue;
    const r = row(unit);
    r.volunteers += 1;
    if (p.partyReportIn) r.partyReportedIn += 1;
  }
  for (const e of entries) {
    const unit = unitOf.get(e.openid);
    if (!unit || !counts(e)) continue;
    const r = row(unit);
    r.hourList.push(e.hours);
    (e.source === 'activity' ? r.activityList : r.orderList).push(e.hours);
  }
  for (const s of signUps) {
    const unit = unitOf.get(s.openid);
    if (!unit) continue;
    if (s.attendance === 'in' || s.attendance === 'out') row(unit).attended += 1;
    else if (s.attendance === 'absent') row(unit).absent += 1;
  }
  return {
    rows: [...rows.values()]
      .map(({ hourList, activityList, orderList, ...r }) => ({
        ...r,
        hours: totalHours(hourList),
        activityHours: totalHours(activityList),
        orderHours: totalHours(orderList),
      }))
      .sort((a, b) => b.hours - a.hours || b.volunteers - a.volunteers || a.unit.localeCompare(b.unit, 'zh')),
    withoutUnit: people.filter((p) => !unitOf.has(p.openid)).length,
  };
}
