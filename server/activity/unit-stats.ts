/**
 * 双报到 per unit for staff: the approved volunteers of the caller's area (community for station
 * staff, subdistrict for institute staff), grouped by the 工作单位 they registered, with their
 * counted hours and activity attendance of a period. Reads: the area's profiles (status / place
 * index), their ledger entries and their sign-ups of the period (openid indexes), ≤ 100 people a read.
 */
import { ACTIVITY_SIGNUPS, HOURS_LEDGER, VOLUNTEER_PROFILES } from '../../database/collections';
import type { SignUpDoc } from '../../src/domain/activity/activity.types';
import { type UnitStatsView, unitStats } from '../../src/domain/activity/unit-stats.rules';
import type { HoursEntry } from '../../src/domain/hours/hours.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type VolunteerProfile, volunteerFactsOf } from '../../src/domain/team/volunteer.rules';
import type { LoadedPrincipal } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

const STATION = ['station_staff'];
const SUBDISTRICT = ['institute_staff', 'admin'];
const CHUNK = 100;
/** The longest period one view sums (a year and a bit). */
export const UNIT_STATS_MAX_DAYS = 400;

const pad = (at: number) => String(Math.max(0, Math.floor(at))).padStart(13, '0');

function chunks<T>(all: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += CHUNK) out.push(all.slice(i, i + CHUNK));
  return out;
}

export async function unitStatsOf(principal: LoadedPrincipal, input: { from: number; to: number }): Promise<UnitStatsView> {
  const communities = principal.grants.filter((g) => STATION.includes(g.role)).map((g) => g.scopeId);
  const subdistricts = principal.grants.filter((g) => SUBDISTRICT.includes(g.role)).map((g) => g.scopeId);
  if (communities.length + subdistricts.length === 0)
    throw new DomainError(ErrorCode.Forbidden, '只有实践站、实践所工作人员可以查看单位统计');
  if (!(input.to > input.from)) throw new DomainError(ErrorCode.InputInvalid, '输入有误：结束日期须晚于开始日期');
  if (input.to - input.from > UNIT_STATS_MAX_DAYS * 24 * 3600_000)
    throw new DomainError(ErrorCode.InputInvalid, `输入有误：一次最多统计 ${UNIT_STATS_MAX_DAYS} 天`);
  const _ = database().command;
  const profiles = database().collection(VOLUNTEER_PROFILES);
  const [a, b] = await Promise.all([
    communities.length
      ? readList<VolunteerProfile>(profiles.where({ status: 'approved', communityId: _.in(communities) }).limit(1000))
      : [],
    subdistricts.length
      ? readList<VolunteerProfile>(profiles.where({ status: 'approved', subdistrictId: _.in(subdistricts) }).limit(1000))
      : [],
  ]);
  const people = [...new Map([...a, ...b].map((p) => [p._id, p])).values()].map((p) => ({
    openid: p._id,
    ...volunteerFactsOf(p),
  }));
  const withUnit = people.filter((p) => p.workUnit.trim()).map((p) => p.openid);
  const entries: HoursEntry[] = [];
  const signUps: SignUpDoc[] = [];
  for (const ids of chunks(withUnit)) {
    const [e, s] = await Promise.all([
      readList<HoursEntry>(
        database()
          .collection(HOURS_LEDGER)
          .where({ openid: _.in(ids), sortKey: _.gte(pad(input.from)).and(_.lt(pad(input.to))) })
          .orderBy('sortKey', 'desc')
          .limit(1000),
      ),
      readList<SignUpDoc>(
        database()
          .collection(ACTIVITY_SIGNUPS)
          .where({ openid: _.in(ids), status: 'signed_up', startAt: _.gte(input.from).and(_.lt(input.to)) })
          .orderBy('startAt', 'asc')
          .limit(1000),
      ),
    ]);
    entries.push(...e);
    signUps.push(...s);
  }
  return { from: input.from, to: input.to, ...unitStats(people, entries, signUps) };
}
