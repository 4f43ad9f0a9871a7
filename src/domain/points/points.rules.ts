/**
 * Points (积分): the published rule and the ledger's shape.
 *
 * RULE (shown to volunteers as 积分规则): 10 points per confirmed service hour, per volunteer
 * per order, rounded DOWN to a whole point (0.25 h → 2, 1.5 h → 15, 12 h → 120). Points are
 * credited once, when the leader completes the order (hours are confirmed then); the ledger is
 * append-only and its key is unique per (order, service round, volunteer, reason), so a retried or
 * concurrent completion can never credit twice.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
export const POINTS_PER_HOUR = 10;

/** The rule as volunteers read it (我的积分, 我的服务记录): one rule for orders and activities, per ledger entry. */
export const POINTS_RULE = `每服务 1 小时积 ${POINTS_PER_HOUR} 分，按服务时长台账里每条确认的记录计算（百姓点单和志愿活动同一规则），不足 1 分的部分不计`;

export type PointsReason = 'service_hours';

export const POINTS_REASON_LABELS: Readonly<Record<PointsReason, string>> = { service_hours: '志愿服务' };

export function pointsForHours(hours: number): number {
  if (!Number.isFinite(hours) || hours <= 0) return 0;
  // Hours are multiples of 0.25; the epsilon keeps 0.3 * 10 style float noise from losing a point.
  return Math.floor(hours * POINTS_PER_HOUR + 1e-9);
}

/** The ledger key, also the row's `_id`. */
export const ledgerKeyOf = (orderId: string, round: number, openid: string, reason: PointsReason): string =>
  `${orderId}-r${round}-${openid}-${reason}`;

/** Document of collection `points_ledger`: append-only, never updated. */
export interface PointsLedgerRow {
  _id: string;
  key: string;
  openid: string;
  orderId: string;
  round: number;
  reason: PointsReason;
  hours: number;
  points: number;
  teamId: string;
  itemName: string;
  at: number;
  /** History order, newest first: `<at 13 digits>-<_id>`, unique. */
  sortKey: string;
}

export const pointsSortKeyOf = (at: number, id: string): string => `${String(Math.max(0, Math.floor(at))).padStart(13, '0')}-${id}`;
