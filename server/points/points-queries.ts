import { POINTS_LEDGER } from '../../database/collections';
import { POINTS_PER_HOUR, POINTS_REASON_LABELS, type PointsLedgerRow } from '../../src/domain/points/points.rules';
import type { MyPoints, PointsEntry } from '../../src/domain/points/points.views';
import type { LoadedPrincipal } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

export type { MyPoints, PointsEntry };

const PAGE = 20;

/**
 * 我的积分: the caller's balance and confirmed hours (sums over their ledger rows, by an aggregate
 * whose $match is on the indexed `openid`) and their history, newest first, 20 per page.
 */
export async function myPoints(principal: LoadedPrincipal, input: { cursor?: string }): Promise<MyPoints> {
  const db = database();
  const _ = db.command;
  const $ = _.aggregate;
  const totals = (await db
    .collection(POINTS_LEDGER)
    .aggregate()
    .match({ openid: principal.openid })
    .group({ _id: null, points: $.sum('$points'), hours: $.sum('$hours') })
    .end()) as { list: { points: number; hours: number }[] };
  const where: Record<string, unknown> = { openid: principal.openid };
  if (input.cursor) where.sortKey = _.lt(input.cursor);
  const rows = await readList<PointsLedgerRow>(
    db
      .collection(POINTS_LEDGER)
      .where(where)
      .orderBy('sortKey', 'desc')
      .limit(PAGE + 1),
  );
  const items = rows.slice(0, PAGE);
  const sum = totals.list[0];
  return {
    balance: sum?.points ?? 0,
    totalHours: Math.round((sum?.hours ?? 0) * 100) / 100,
    rule: `每服务 1 小时积 ${POINTS_PER_HOUR} 分，按确认的服务时长计算，不足 1 分的部分不计`,
    items: items.map((r) => ({
      orderId: r.orderId,
      itemName: r.itemName,
      reason: r.reason,
      reasonLabel: POINTS_REASON_LABELS[r.reason],
      hours: r.hours,
      points: r.points,
      at: r.at,
    })),
    nextCursor: rows.length > PAGE ? (items[items.length - 1]?.sortKey ?? null) : null,
  };
}
