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
