import { ORDER_STATE_LABELS, type OrderState, ORDER_STATE_TONE as TONE } from '@/domain/order/order.states';
import type { Bar } from './bar-chart';

/** Bars of an order count per state (states with 0 left out unless `keepZero`). */
export function stateBars(byState: Record<string, number>, keepZero = false): Bar[] {
  return (Object.keys(ORDER_STATE_LABELS) as OrderState[])
    .filter((s) => keepZero || (byState[s] ?? 0) > 0)
    .map((s) => ({ key: s, label: ORDER_STATE_LABELS[s], value: byState[s] ?? 0, tone: TONE[s] }));
}

/** 12 → "12 分钟"; 95 → "1 小时 35 分钟"; 0 → "不到 1 分钟" (never a bare "0 分", which reads as points); null → "—". */
export function minutesText(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 1) return '不到 1 分钟';
  if (minutes < 60) return `${minutes} 分钟`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} 小时 ${m} 分钟` : `${h} 小时`;
}

/** The staff roles that open 派单台. */
export const STAFF_ROLES = ['station_staff', 'institute_staff', 'admin'];
