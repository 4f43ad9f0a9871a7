/**
 * What 我的积分 answers (the order function's `pointsMine`): pure types, built by
 * server/points and read by the team console.
 */
import type { PointsLedgerRow } from './points.rules';

export interface PointsEntry {
  orderId: string;
  itemName: string;
  reason: PointsLedgerRow['reason'];
  reasonLabel: string;
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
