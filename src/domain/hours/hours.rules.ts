/**
 * The ONE hours ledger (服务时长台账) and what reads it: my record, star levels (星级) and the
 * 志愿服务记录证明 (民政部令第67号). Points follow hours by the published rule of
 * src/domain/points (one rule for orders and activities).
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { ActivityDoc, ActivitySessionDoc, SignUpDoc } from '../activity/activity.types';
import { pointsForHours } from '../points/points.rules';
import { totalHours } from '../service/service.rules';

/** Where the hours were given. */
export type HoursSource = 'activity' | 'order';

export const HOURS_SOURCE_LABELS: Readonly<Record<HoursSource, string>> = { activity: '志愿活动', order: '百姓点单' };

/** 实时记录 (presence confirmed by a code) or 补录 / 更正 (entered by an organiser with a reason). */
export type HoursKind = 'live' | 'back_entry' | 'correction';

export const HOURS_KIND_LABELS: Readonly<Record<HoursKind, string>> = { live: '实时记录', back_entry: '补录', correction: '更正' };

/**
 * `confirmed`: a live record the organiser confirmed; `pending`: a 补录 / 更正 waiting for station
 * staff; `approved` / `rejected`: their decision. Only confirmed and approved entries count.
 */
export type HoursStatus = 'confirmed' | 'pending' | 'approved' | 'rejected';

export const HOURS_STATUS_LABELS: Readonly<Record<HoursStatus, string>> = {
  confirmed: '已确认',
  pending: '待审核',
  approved: '已审核',
  rejected: '未通过',
};

/** Document of collection `hours_ledger`: append-only, `_id` = `key` (one entry per source record). */
export interface HoursEntry {
  _id: string;
  key: string;
  openid: string;
  displayName: string;
  source: HoursSource;
  /** The activity (or order) and its session the hours come from: every entry is traceable. */
  sourceId: string;
  sessionId: string;
  /** 活动名称 / 服务项目 */
  title: string;
  /** 服务内容 */
  content: string;
  /** 地点 */
  place: string;
  startAt: number;
  endAt: number;
  hours: number;
  kind: HoursKind;
  status: HoursStatus;
  /** Why a 补录 / 更正 was made (empty for live records). */
  reason: string;
  /** 记录单位: the organiser. */
  recorder: string;
  recordedBy: string;
  confirmedBy: string;
  at: number;
  subdistrictId: string;
  communityId: string | null;
  /** History order, newest first: `<at 13 digits>-<_id>`. */
  sortKey: string;
  /** A 补录 / 更正's one decision by station staff (the only change an entry ever gets: pending → approved / rejected). */
  decision?: { byOpenid: string; at: number; approve: boolean; note: string };
}

/**
 * The ledger entry of one volunteer's hours at one activity session (实时记录 or 补录): what
 * the entry says about the activity and session is the same for both; `record` is what differs.
 */
export function activityHoursEntry(
  key: string,
  activity: Pick<ActivityDoc, '_id' | 'title' | 'category' | 'description' | 'address' | 'organiser' | 'subdistrictId' | 'communityId'>,
  session: Pick<ActivitySessionDoc, '_id' | 'startAt' | 'endAt'>,
  volunteer: Pick<SignUpDoc, 'openid' | 'displayName'>,
  record: Pick<HoursEntry, 'hours' | 'kind' | 'status' | 'reason' | 'recordedBy' | 'confirmedBy'>,
  now: number,
): HoursEntry {
  return {
    _id: key,
    key,
    openid: volunteer.openid,
    displayName: volunteer.displayName,
    source: 'activity',
    sourceId: activity._id,
    sessionId: session._id,
    title: activity.title,
    content: `${activity.category}：${activity.description.slice(0, 60)}`,
    place: activity.address,
    startAt: session.startAt,
    endAt: session.endAt,
    hours: record.hours,
    kind: record.kind,
    status: record.status,
    reason: record.reason,
    recorder: activity.organiser.name,
    recordedBy: record.recordedBy,
    confirmedBy: record.confirmedBy,
    at: now,
    subdistrictId: activity.subdistrictId,
    communityId: activity.communityId,
    sortKey: `${String(now).padStart(13, '0')}-${key}`,
  };
}

export const BACK_ENTRY_REASON_MAX = 100;

/** Why a 补录 of `hours` for a session planned at `plannedHours` is unacceptable, or null. */
export function backEntryProblem(hours: number, plannedHours: number, reason: string): string | null {
  if (!reason.trim()) return '请写明补录的原因';
  if (!(hours > 0) || hours * 4 !== Math.round(hours * 4)) return '补录时长须为 0.25 小时的整数倍';
  if (hours > plannedHours) return `补录时长不能超过本场计划时长 ${plannedHours} 小时`;
  return null;
}

/** Why `decider` may not decide this entry, or null: only pending ones, never by the person who recorded it. */
export function decisionProblem(entry: Pick<HoursEntry, 'status' | 'recordedBy'>, decider: string): string | null {
  if (entry.status !== 'pending') return '这条记录已经审核过了';
  if (entry.recordedBy === decider) return '补录人不能审核自己补录的时长，请其他工作人员审核';
  return null;
}

export const hoursKeyOf = (source: HoursSource, recordId: string): string => `${source}-${recordId}`;

/** True when an entry counts towards totals, points, star levels and certificates. */
export const counts = (e: Pick<HoursEntry, 'status'>): boolean => e.status === 'confirmed' || e.status === 'approved';

// ——— star levels ———

/** Hours for 一星 … 五星 (中国社区志愿者注册管理办法 第18条); a 街道 may publish its own. */
export const DEFAULT_STAR_THRESHOLDS: readonly number[] = [100, 300, 600, 1000, 1500];
export const STAR_LABELS = ['未评星', '一星', '二星', '三星', '四星', '五星'] as const;

export interface StarLevel {
  level: number;
  label: string;
  /** The next level and the hours still needed; null at the top. */
  next: { level: number; label: string; atHours: number; remaining: number } | null;
  thresholds: readonly number[];
}

/** Why a set of thresholds is not usable (five, increasing, positive), or null. */
export function thresholdsProblem(t: readonly number[]): string | null {
  if (t.length !== 5) return '星级须设置五个门槛';
  if (t.some((h, i) => !(h > 0) || (i > 0 && h <= (t[i - 1] as number)))) return '星级门槛须为递增的正数';
  return null;
}

export function starLevel(hours: number, thresholds: readonly number[] = DEFAULT_STAR_THRESHOLDS): StarLevel {
  const t = thresholdsProblem(thresholds) ? DEFAULT_STAR_THRESHOLDS : thresholds;
  const level = t.filter((h) => hours >= h).length;
  const atHours = t[level];
  return {
    level,
    label: STAR_LABELS[level] as string,
    next:
      atHours === undefined
        ? null
        : { level: level + 1, label: STAR_LABELS[level + 1] as string, atHours, remaining: totalHours([atHours, -hours]) },
    thresholds: t,
  };
}

// ——— my record ———

export interface HoursSummary {
  totalHours: number;
  thisYearHours: number;
  bySource: Record<HoursSource, number>;
  points: number;
  /** Entries not counted yet (待确认 / 待审核). */
  pendingHours: number;
}

/** Year of a moment in China time (UTC+8). */
export const chinaYearOf = (at: number): number => new Date(at + 8 * 3600_000).getUTCFullYear();

/** Totals of a volunteer's ledger: only counted entries; points per entry by the published rule. */
export function summarise(entries: readonly Pick<HoursEntry, 'status' | 'hours' | 'source' | 'startAt'>[], now: number): HoursSummary {
  const counted = entries.filter(counts);
  const year = chinaYearOf(now);
  return {
    totalHours: totalHours(counted.map((e) => e.hours)),
    thisYearHours: totalHours(counted.filter((e) => chinaYearOf(e.startAt) === year).map((e) => e.hours)),
    bySource: {
      activity: totalHours(counted.filter((e) => e.source === 'activity').map((e) => e.hours)),
      order: totalHours(counted.filter((e) => e.source === 'order').map((e) => e.hours)),
    },
    points: counted.reduce((s, e) => s + pointsForHours(e.hours), 0),
    pendingHours: totalHours(entries.filter((e) => e.status === 'pending').map((e) => e.hours)),
  };
}

// ——— 志愿服务记录证明 ———

export interface CertificateLine {
  /** 活动名称 */
  title: string;
  /** 日期 (YYYY-MM-DD, China time) */
  date: string;
  /** 地点 */
  place: string;
  /** 服务内容 */
  content: string;
  /** 服务时间 (hours) */
  hours: number;
  /** 记录单位 */
  recorder: string;
}

export interface CertificateContent {
  /** 姓名 (masked), 志愿者编号 */
  volunteerName: string;
  volunteerNo: string;
  /** 证件号码 (masked, or 未登记) */
  idNumberMasked: string;
  periodFrom: number;
  periodTo: number;
  lines: CertificateLine[];
  totalHours: number;
  /** 记录单位 / 出具单位, its 负责人, 经办人 and contact */
  issuer: { unit: string; head: string; handler: string; contact: string };
  /** 证明编号, 出具日期 */
  number: string;
  issuedAt: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** YYYY-MM-DD in China time. */
export function chinaDate(at: number): string {
  const d = new Date(at + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The lines a certificate certifies: the volunteer's counted entries (confirmed or approved;
 * never pending, rejected or unconfirmed ones) whose service started inside the period, oldest first.
 */
export function certificateLines(entries: readonly HoursEntry[], openid: string, from: number, to: number): CertificateLine[] {
  return entries
    .filter((e) => e.openid === openid && counts(e) && e.startAt >= from && e.startAt <= to)
    .sort((a, b) => a.startAt - b.startAt || (a._id < b._id ? -1 : 1))
    .map((e) => ({ title: e.title, date: chinaDate(e.startAt), place: e.place, content: e.content, hours: e.hours, recorder: e.recorder }));
}

export const CERTIFICATE_NUMBER = /^ZYZM\d{8}[0-9A-Z]{6}$/;
export const VERIFY_CODE = /^[0-9A-Z]{8}$/;
/** Letters and digits a person can read out without confusion (no 0/O, 1/I). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A 证明编号: ZYZM + issue date (YYYYMMDD) + 6 random characters (the server passes its random source). */
export function certificateNumber(issuedAt: number, randomInt: (maxExclusive: number) => number): string {
  const date = chinaDate(issuedAt).replace(/-/g, '');
  const tail = Array.from({ length: 6 }, () => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[randomInt(36)]).join('');
  return `ZYZM${date}${tail}`;
}

/** An 8-character verification code (核验码). */
export const verifyCode = (randomInt: (maxExclusive: number) => number): string =>
  Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
