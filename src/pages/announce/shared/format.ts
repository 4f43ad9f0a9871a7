const pad2 = (n: number) => String(n).padStart(2, '0');

/** 3月5日 09:00 (this year) or 2024年3月5日. */
export function shortDate(ms: number | null | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  const time = `${d.getMonth() + 1}月${d.getDate()}日 ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  return d.getFullYear() === new Date().getFullYear() ? time : `${d.getFullYear()}年${time}`;
}

/** 0.3333 → "33.3%". */
export function percent(rate: number): string {
  const p = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** Navigates inside the subpackage. */
export const announcePath = (page: string, query: Record<string, string | undefined> = {}): string => {
  const q = Object.entries(query)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `/pages/announce/${page}${q ? `?${q}` : ''}`;
};
