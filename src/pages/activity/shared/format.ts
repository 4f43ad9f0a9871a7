import type { Attendance, SignUpStatus } from '@/domain/activity/activity.types';

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];
const pad = (n: number) => String(n).padStart(2, '0');
/** The moment in China time (the service's time zone, whatever the phone says). */
const china = (ms: number) => new Date(ms + 8 * 3600_000);

export const hhmm = (ms: number) => {
  const d = china(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

export const dayText = (ms: number) => {
  const d = china(ms);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEK[d.getUTCDay()]}`;
};

/** 12月5日 周六 09:00 */
export const momentText = (ms: number) => `${dayText(ms)} ${hhmm(ms)}`;

/** 12月5日 周六 09:00–11:30 */
export const spanText = (startAt: number, endAt: number) => `${dayText(startAt)} ${hhmm(startAt)}–${hhmm(endAt)}`;

export const dateText = (ms: number) => {
  const d = china(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** What a volunteer's sign-up says on screen. */
export function signUpText(status: SignUpStatus, attendance: Attendance, needsReview: boolean, confirmed: boolean): string {
  if (status === 'waitlisted') return '候补中';
  if (status === 'pending') return '报名待审核';
  if (status === 'rejected') return '报名未通过';
  if (attendance === 'none') return '已报名';
  if (attendance === 'in') return '已签到';
  if (attendance === 'absent') return '缺席';
  if (confirmed) return '已签退 · 时长已确认';
  return needsReview ? '已自动签退 · 待组织者确认' : '已签退 · 待确认时长';
}
