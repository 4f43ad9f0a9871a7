import { ORDERS } from '../../database/collections';
import { ORDER_STATES } from '../../src/domain/order/order.states';
import { type StatsRecord, summarize } from '../../src/domain/service/service-stats.rules';
import type { StatsOverview, StatsPeriodView, StatsScope } from '../../src/domain/service/service-stats.views';
import { periodRange, type StatsPeriodKey } from '../../src/domain/service/stats-period';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { database } from '../kit/wx-cloud';
import { teamsLedBy } from '../order/order-relation';
import { findTeams } from '../order/order-store';
import { findOrgUnits } from '../org/org-units';

const GROUPS_CAP = 1000;

export interface OverviewInput {
  scope?: StatsScope;
  teamId?: string;
  /** 本周 / 本月 / 上月 / 自定义 (fromDate … toDate, China days, both included); none = all time. */
  period?: StatsPeriodKey;
  fromDate?: string;
  toDate?: string;
}

/** The period asked for, on the server's clock (China days), or null for all time. */
function periodOf(input: OverviewInput, now: number): StatsPeriodView | null {
  if (!input.period) return null;
  const range = periodRange(input.period, now, { fromDate: input.fromDate, toDate: input.toDate });
  if ('problem' in range) throw new DomainError(ErrorCode.InputInvalid, range.problem);
  return { key: input.period, ...range };
}

/**
 * 统计概览 for staff and leaders: per station (community) or per team, orders by status, median
 * time to take and to complete, hours served and average rating (definitions in
 * src/domain/service/service-stats.rules.ts).
 *
 * Who sees what: institute staff / admins their whole subdistrict; station staff their community
 * (team scope: the teams that served it); leaders their own teams. One aggregate per call whose
 * leading `$match` is on an indexed field (`subdistrictId`, `communityId` or `teamId`), grouped
 * on the server; the numbers are computed from the grouped rows.
 */
export async function overview(principal: LoadedPrincipal, input: OverviewInput, now: number): Promise<StatsOverview> {
  const period = periodOf(input, now);
  const _ = database().command;
  const subdistricts = principal.grants.filter((g) => g.role === 'institute_staff' || g.role === 'admin').map((g) => g.scopeId);
  const communities = principal.grants.filter((g) => g.role === 'station_staff').map((g) => g.scopeId);
  const staff = subdistricts.length + communities.length > 0;
  const led = principal.grants.some((g) => g.role === 'team_leader') ? await teamsLedBy(principal) : [];
  if (!staff && led.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有实践站、实践所工作人员和队长可以查看统计');
  const scope: StatsScope = input.scope ?? (staff ? 'station' : 'team');

  let match: Record<string, unknown>;
  if (scope === 'station') {
    if (!staff) throw new DomainError(ErrorCode.Forbidden, '按实践站统计仅对实践站、实践所工作人员开放');
    if (input.teamId) throw new DomainError(ErrorCode.InputInvalid, '按实践站统计时不能指定队伍');
    match = subdistricts.length > 0 ? { subdistrictId: _.in(subdistricts) } : { communityId: _.in(communities) };
  } else if (staff) {
    match = subdistricts.length > 0 ? { subdistrictId: _.in(subdistricts) } : { communityId: _.in(communities) };
    if (input.teamId) match.teamId = input.teamId;
  } else {
    if (input.teamId) requirePermission(principal, 'stats.team', { teamId: input.teamId });
    const ids = input.teamId ? [input.teamId] : led.map((t) => t._id);
    match = { teamId: _.in(ids) };
  }

  // The period counts the orders placed in it (下单时间), read through the same scope index.
  if (period) match.createdAt = _.and(_.gte(period.from), _.lt(period.to));

  const $ = _.aggregate;
  const groupKey = scope === 'station' ? '$communityId' : '$teamId';
  const res = (await database()
    .collection(ORDERS)
    .aggregate()
    .match(match)
    .group({
      _id: groupKey,
      records: $.push({
        state: '$state',
        createdAt: '$createdAt',
        takenAt: '$takenAt',
        completedAt: '$completedAt',
        serviceHours: '$serviceHours',
        stars: '$rating.stars',
      }),
    })
    .limit(GROUPS_CAP)
    .end()) as { list: { _id: string | null; records: StatsRecord[] }[] };

  const rows = res.list.filter((r) => typeof r._id === 'string' && r._id !== '');
  const ids = rows.map((r) => r._id as string);
  const names = new Map<string, string>(
    scope === 'station' ? (await findOrgUnits(ids)).map((u) => [u._id, u.name]) : (await findTeams(ids)).map((t) => [t._id, t.name]),
  );
  const groups = rows
    .map((r) => ({ id: r._id as string, name: names.get(r._id as string) ?? '', ...summarize(r.records, ORDER_STATES) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    scope,
    period,
    generatedAt: now,
    totals: summarize(
      rows.flatMap((r) => r.records),
      ORDER_STATES,
    ),
    groups,
  };
}
