import { ORDER_STATE_LABELS, type OrderState, ORDER_STATE_TONE as TONE } from '@/domain/order/order.states';
import type { Bar } from './bar-chart';

/** Bars of an order count per state (states with 0 left out unless `keepZero`). */
export function stateBars(byState: Record<string, number>, keepZero = false): Bar[] {
  return (Object.keys(ORDER_STATE_LABELS) as OrderState[])
    .filter((s) => keepZero || (byState[s] ?? 0) > 0)
    .map((s) => ({ key: s, label: ORDER_STATE_LABELS[s], value: byState[s] ?? 0, tone: TONE[s] }));
}

/** 95 → "1 小时 35 分"; null → "—". */
export function minutesText(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes} 分`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} 小时 ${m} 分` : `${h} 小时`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 3月5日 09:00–11:00 (same day) or 3月5日 09:00 – 3月6日 11:00. */
export function windowText(w: { start: number; end: number }): string {
  const s = new Date(w.start);
  const e = new Date(w.end);
  const day = (d: Date) => `${d.getMonth() + 1}月${d.getDate()}日`;
  const time = (d: Date) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  return s.toDateString() === e.toDateString() ? `${day(s)} ${time(s)}–${time(e)}` : `${day(s)} ${time(s)} – ${day(e)} ${time(e)}`;
}

/** The staff roles that open 派单台. */
export const STAFF_ROLES = ['station_staff', 'institute_staff', 'admin'];
