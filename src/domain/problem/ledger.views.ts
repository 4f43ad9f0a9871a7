/**
 * The 问题台账 beyond one page of problems: its filters, scope, the Excel export's columns and the
 * 整改通知单. Pure types and rules (no Taro, `wx`, `wx-server-sdk` or Node built-ins).
 */
import type { HandlingUnitKind } from './problem.types';
import type { LedgerPage } from './problem.views';

/** Rows one export writes at most; beyond it the file says so (`truncated`) and the page asks to narrow the filter. */
export const LEDGER_EXPORT_MAX_ROWS = 10_000;

/** The columns the 街道's own reports use, in their order (the export's header row, exactly). */
export const LEDGER_EXPORT_HEADERS = [
  '编号',
  '上报时间',
  '上报人',
  '位置',
  '类别',
  '描述',
  '处置单位',
  '期限',
  '状态',
  '处置时间',
  '核查人',
  '是否超期',
  '返工次数',
] as const;

/** Whose 台账: the institute's 街道, the station's 社区, or one 处置单位's own problems. */
export type LedgerScopeKind = 'subdistrict' | 'community' | 'unit';

/**
 * The 台账 screen: one page, and on the first page (no cursor) the count per state of the current
 * filter (every filter but the state tab) and the filter choices; later pages answer them as null.
 */
export interface LedgerView extends Omit<LedgerPage, 'counts'> {
  counts: LedgerPage['counts'] | null;
  scope: { kind: LedgerScopeKind; label: string };
  /** 处置单位 of the 街道 (staff filter by them; a unit sees only itself). */
  units: { unitId: string; name: string; kind: HandlingUnitKind }[];
  /** The 街道's 社区 (institute only; empty for a station or a unit). */
  communities: { communityId: string; name: string }[];
}

/**
 * 整改通知单: what a station hands a 处置单位 for one dispatched problem, printed (desk, H5) or
 * sent as a screenshot (WeChat).
 */
export interface RectificationNoticeView {
  problemId: string;
  /** The problem's 编号 (also the notice's). */
  no: string;
  /** The unit the notice is addressed to. */
  unitName: string;
  /** Every unit when it is 联合处置 (the addressee first). */
  unitNames: string[];
  placeLabel: string;
  categoryName: string;
  description: string;
  /** Before photos (cloud fileIDs). */
  photos: string[];
  deadlineAt: number | null;
  /** e.g. 2 个工作日内（2026年12月4日 24 时前） */
  deadlineLabel: string;
  /** 整改要求, one per line. */
  requirements: string[];
  /** 发出单位, e.g. 和平社区新时代文明实践站 */
  issuer: string;
  /** The day it was sent to the unit (派遣). */
  issuedAt: number;
  stateLabel: string;
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** First millisecond of a China-time day `YYYY-MM-DD`, or null when it is no real date. */
export function chinaDayStartOf(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return null;
  return ms - CHINA_OFFSET_MS;
}

/** The reported-at window of `fromDay`…`toDay` (both China days, inclusive) as [start, end) epoch ms. */
export function dayWindow(fromDay?: string, toDay?: string): { from: number | null; to: number | null } {
  const from = fromDay ? chinaDayStartOf(fromDay) : null;
  const toStart = toDay ? chinaDayStartOf(toDay) : null;
  return { from, to: toStart === null ? null : toStart + DAY_MS };
}

/** 2026年12月4日 (China time). */
export function chinaDateLabel(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The title line of an export: what, whose, which period, e.g. 问题台账 · 和平社区 · 2026-11-01 至 2026-11-30. */
export function ledgerTitle(scopeLabel: string, fromDay: string | undefined, toDay: string | undefined, filters: string[]): string {
  const period = fromDay && toDay ? `${fromDay} 至 ${toDay}` : fromDay ? `${fromDay} 起` : toDay ? `截至 ${toDay}` : '全部上报时间';
  return ['问题台账', scopeLabel, `上报时间 ${period}`, ...filters].join(' · ');
}
