import { SCHEDULE_MAX_AHEAD_DAYS } from '@/domain/announce/announce.rules';

/**
 * 定时发布 times as the date and time pickers show them: the phone's local time (China time on
 * residents' and staff's phones), `YYYY-MM-DD` and `HH:mm`.
 */
const pad2 = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 24 * 3_600_000;

export function dateOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

export function timeOf(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** The moment a picked date and time stand for; null when either does not parse. */
export function atOf(date: string, time: string): number | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) return null;
  return new Date(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]), 0, 0).getTime();
}

/** The time first offered for 定时发布: the full hour after half an hour from now. */
export function defaultScheduleAt(now: number): number {
  const d = new Date(now + 30 * 60_000);
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return d.getTime();
}

/** The date picker's range: today to the last day a time may be set (announce.rules). */
export const dateRangeOf = (now: number) => ({ start: dateOf(now), end: dateOf(now + SCHEDULE_MAX_AHEAD_DAYS * DAY_MS) });

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 3月5日（周三） */
export function dayLabel(ms: number): string {
  const d = new Date(ms);
  return `${d.getMonth() + 1}月${d.getDate()}日（周${WEEKDAYS[d.getDay()]}）`;
}
