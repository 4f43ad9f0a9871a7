/** 0.3333 → "33.3%". */
export function percent(rate: number): string {
  const p = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 3月5日 09:00. */
export function shortTime(ms: number | null | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** 2026-03-05 → 3月5日. */
export const dayLabel = (day: string): string => {
  const [, m, d] = day.split('-');
  return `${Number(m)}月${Number(d)}日`;
};

/** A page of this subpackage with its query. */
export const gridPath = (page: string, query: Record<string, string | undefined> = {}): string => {
  const q = Object.entries(query)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `/pages/grid/${page}/index${q ? `?${q}` : ''}`;
};

export const problemDetailUrl = (problemId: string) => `/pages/problem/detail/index?problemId=${encodeURIComponent(problemId)}`;
