import { MOBILE_PHONE } from '@/domain/identity/pii-masking';
import { DESCRIPTION_MAX, DESCRIPTION_MIN, WINDOW_MAX_DAYS, windowProblem } from '@/domain/order/order.rules';

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 24 * 60 * 60 * 1000;

export const dateText = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** `YYYY-MM-DD` + `HH:mm` in the phone's local time → ms. */
export function toMs(date: string, time: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0).getTime();
}

/** Picker bounds: today … today + WINDOW_MAX_DAYS - 1. */
export function dateRange(now: number): { start: string; end: string } {
  return { start: dateText(new Date(now)), end: dateText(new Date(now + (WINDOW_MAX_DAYS - 1) * DAY_MS)) };
}

/** Tomorrow 09:00–11:00: a sensible first guess residents can change. */
export function defaultWindow(now: number): { date: string; start: string; end: string } {
  return { date: dateText(new Date(now + DAY_MS)), start: '09:00', end: '11:00' };
}

export interface OrderFormValues {
  description: string;
  date: string;
  start: string;
  end: string;
  contactPhone: string;
}

export type OrderFormErrors = Partial<Record<'description' | 'window' | 'contactPhone', string>>;

/** The same rules the order function applies, checked first so residents get the message at the field. */
export function validateOrderForm(v: OrderFormValues, now: number): OrderFormErrors {
  const errors: OrderFormErrors = {};
  const description = v.description.trim();
  if (description.length === 0) errors.description = '请填写需求描述';
  else if (description.length < DESCRIPTION_MIN) errors.description = `需求描述至少 ${DESCRIPTION_MIN} 个字`;
  else if (description.length > DESCRIPTION_MAX) errors.description = `需求描述最多 ${DESCRIPTION_MAX} 个字`;
  const window = windowProblem({ start: toMs(v.date, v.start), end: toMs(v.date, v.end) }, now);
  if (window) errors.window = window;
  const phone = v.contactPhone.trim();
  if (phone.length === 0) errors.contactPhone = '请填写联系电话';
  else if (!MOBILE_PHONE.test(phone)) errors.contactPhone = '请填写 11 位手机号';
  return errors;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const NEAR_DAYS = ['今天', '明天', '后天'];

/** The picked day as people say it: "12月2日 周三（明天）", not "2026-12-02". */
export function dateLabel(date: string, now = new Date()): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  const day = new Date(y, m - 1, d);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const ahead = Math.round((day.getTime() - today.getTime()) / 86_400_000);
  const near = NEAR_DAYS[ahead];
  return `${y === now.getFullYear() ? '' : `${y}年`}${m}月${d}日 ${WEEKDAYS[day.getDay()]}${near ? `（${near}）` : ''}`;
}

/** Kept here for the form's callers: the example now lives with the catalog (the server answers it with the form). */
export { descriptionExample } from '@/domain/catalog/description-example';
