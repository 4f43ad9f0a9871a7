/**
 * Periods staff look at (统计周期 and the 派单台's date range), as China calendar days: 本周 from
 * Monday, 本月, 上月, or a custom range of days. Pure domain: ranges are [from, to) in epoch ms.
 */
const CHINA_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

export const STATS_PERIODS = [
  { key: 'week', label: '本周' },
  { key: 'month', label: '本月' },
  { key: 'last_month', label: '上月' },
  { key: 'custom', label: '自定义' },
] as const;
export type StatsPeriodKey = (typeof STATS_PERIODS)[number]['key'];

/** The longest custom range (a year and a day, so a whole year plus its last day fits). */
export const PERIOD_MAX_DAYS = 366;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 2026-12-02 (China date) of an instant. */
export function chinaDateText(ms: number): string {
  const d = new Date(ms + CHINA_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** The instant a China calendar day (2026-12-02) starts; null for anything that is not a real date. */
export function chinaDayStart(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  if (chinaDateText(utc) !== date) return null;
  return utc - CHINA_MS;
}

export interface PeriodRange {
  from: number;
  /** Exclusive. */
  to: number;
  /** 2026-11-30 至 2026-12-06 */
  label: string;
}

function rangeOf(from: number, to: number): PeriodRange {
  const first = chinaDateText(from);
  const last = chinaDateText(to - 1);
  return { from, to, label: first === last ? first : `${first} 至 ${last}` };
}

/**
 * The range of a period around `now`; `custom` takes first and last day (both included). Answers a
 * Chinese message instead when a custom range is missing, backwards or too long.
 */
export function periodRange(
  period: StatsPeriodKey,
  now: number,
  custom?: { fromDate?: string; toDate?: string },
): PeriodRange | { problem: string } {
  const local = new Date(now + CHINA_MS);
  const y = local.getUTCFullYear();
  const mo = local.getUTCMonth();
  const monthStart = (year: number, month: number) => Date.UTC(year, month, 1) - CHINA_MS;
  switch (period) {
    case 'week': {
      const today = Date.UTC(y, mo, local.getUTCDate()) - CHINA_MS;
      const sinceMonday = (local.getUTCDay() + 6) % 7;
      const from = today - sinceMonday * DAY_MS;
      return rangeOf(from, from + 7 * DAY_MS);
    }
    case 'month':
      return rangeOf(monthStart(y, mo), monthStart(y, mo + 1));
    case 'last_month':
      return rangeOf(monthStart(y, mo - 1), monthStart(y, mo));
    case 'custom': {
      const from = custom?.fromDate ? chinaDayStart(custom.fromDate) : null;
      const last = custom?.toDate ? chinaDayStart(custom.toDate) : null;
      if (from === null || last === null) return { problem: '请选择开始和结束日期' };
      if (last < from) return { problem: '结束日期不能早于开始日期' };
      const to = last + DAY_MS;
      if (to - from > PERIOD_MAX_DAYS * DAY_MS) return { problem: `自定义时间最长 ${PERIOD_MAX_DAYS} 天` };
      return rangeOf(from, to);
    }
  }
}
