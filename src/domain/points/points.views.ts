/**
 * What 我的积分 answers (the order function's `pointsMine`): pure types, built by
 * server/points and read by the team console.
 */
import type { PointsLedgerRow } from './points.rules';

export interface PointsEntry {
  /** The hours-ledger entry the points come from. */
  key: string;
  source: 'order' | 'activity';
  /** The order or activity: every entry is traceable. */
  sourceId: string;
  /** The order (source `order`), else empty. */
  orderId: string;
  itemName: string;
  reason: PointsLedgerRow['reason'];
  reasonLabel: string;
  /** 待审核 / 未通过 for entries that do not count (0 points); empty when counted. */
  statusLabel: string;
  hours: number;
  points: number;
  at: number;
}

export interface MyPoints {
  balance: number;
  totalHours: number;
  /** The published rule, for the screen to show. */
  rule: string;
  items: PointsEntry[];
  nextCursor: string | null;
}
