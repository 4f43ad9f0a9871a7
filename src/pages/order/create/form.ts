import type { CatalogItem } from '@/domain/catalog/catalog.types';
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

/** The example in the description's placeholder, of the service being ordered (a meal is not a leaking tap). */
export function descriptionExample(item: Pick<CatalogItem, 'name' | 'kind'>): string {
  const examples: [RegExp, string][] = [
    [/助餐|送餐/, '老人行动不便，希望每天中午送一份午餐，少盐'],
    [/维修|修缮/, '厨房水龙头漏水'],
    [/陪伴|谈心|疏导/, '老人独居，希望每周有人上门聊聊天'],
    [/血压|血糖|义诊/, '想请人上门量血压、测血糖'],
    [/手机/, '想学用微信视频通话和扫码'],
    [/法律|遗嘱|赡养/, '想咨询赡养费怎么约定'],
    [/纠纷|调解/, '楼上漏水到我家，和邻居谈不拢'],
    [/清理|杂物/, '楼道里堆了旧家具，挡住了通道'],
    [/垃圾分类/, '想请人来给老人讲讲怎么分类'],
    [/政策/, '想了解高龄津贴怎么申请'],
    [/劝导|不文明/, '小区里有人遛狗不牵绳'],
    [/儿童|课后/, '孩子放学后家里没人，想请人陪着写作业'],
  ];
  const found = examples.find(([pattern]) => pattern.test(item.name));
  if (found) return found[1];
  return item.kind === 'wish' ? '想要一件过冬的棉衣' : '需要做什么、在哪里、有什么要注意的';
}
