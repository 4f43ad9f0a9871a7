import type { HandlingUnitKind } from './problem.types';

/**
 * The starting set of problem categories a 街道 gets (institute staff may change names, handlers
 * and deadlines later): deadlines in working days after 派遣, 0 = 当天, as seen in practice
 * (on-the-spot items the same day, 2–3 days typical, 7 for hard ones).
 */
export const DEFAULT_PROBLEM_CATEGORIES: readonly { key: string; name: string; handlerKind: HandlingUnitKind; deadlineDays: number }[] = [
  { key: 'garbage', name: '暴露垃圾', handlerKind: 'property', deadlineDays: 0 },
  { key: 'clutter', name: '楼道堆物', handlerKind: 'property', deadlineDays: 1 },
  { key: 'ads', name: '小广告', handlerKind: 'property', deadlineDays: 2 },
  { key: 'stall', name: '占道经营', handlerKind: 'department', deadlineDays: 1 },
  { key: 'parking', name: '乱停乱放', handlerKind: 'property', deadlineDays: 1 },
  { key: 'charging', name: '飞线充电', handlerKind: 'property', deadlineDays: 0 },
  { key: 'facility', name: '设施损坏（井盖 / 路灯 / 路面）', handlerKind: 'department', deadlineDays: 3 },
  { key: 'building', name: '私搭乱建', handlerKind: 'department', deadlineDays: 7 },
  { key: 'dog', name: '不文明养犬', handlerKind: 'property', deadlineDays: 2 },
  { key: 'other', name: '其他', handlerKind: 'property', deadlineDays: 3 },
];

/** What institute staff may set on a category (名称, 处置期限 in working days, 回头看 days). */
export const CATEGORY_NAME_MAX = 20;
export const CATEGORY_DEADLINE_DAYS_MAX = 30;
export const CATEGORY_FOLLOW_UP_DAYS_MIN = 1;
export const CATEGORY_FOLLOW_UP_DAYS_MAX = 90;
/** A 街道 keeps at most this many categories (the 随手拍 form lists them all). */
export const CATEGORIES_MAX = 30;

/** 当天处置 / N 个工作日内处置. */
export const deadlineLabelOf = (days: number): string => (days <= 0 ? '当天处置' : `${days} 个工作日内处置`);

/** Two names are the same category when they match after trimming and ignoring case and spaces. */
export const sameCategoryName = (a: string, b: string): boolean =>
  a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();
