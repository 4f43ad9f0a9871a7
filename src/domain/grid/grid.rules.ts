/**
 * 巡查日志 and 敲门行动: the pure rules.
 *
 * 入户率 (door reach) of a building = households whose LATEST visit found them at home and told
 * (在家已宣传) ÷ households. A household is a room: the rooms of the building's confirmed
 * residents now, plus any room a visit recorded (a family that never bound the app still has a
 * door). Visits without a room are not a household.
 *
 * An announcement's awareness by household: a household is aware in-app when any of its confirmed
 * residents read it, by door when a visit reached it (在家已宣传) explaining THIS announcement
 * (any visit, not only the latest: once told stays told); together = the union, never the sum.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */

export const KNOCK_RESULTS = ['reached', 'not_home', 'refused'] as const;
export type KnockResult = (typeof KNOCK_RESULTS)[number];
export const KNOCK_RESULT_LABELS: Readonly<Record<KnockResult, string>> = {
  reached: '在家已宣传',
  not_home: '不在家',
  refused: '拒访',
};

export const ROOM_MAX = 20;
export const OPINION_MAX = 300;
export const PATROL_NOTE_MAX = 300;
export const PATROL_BUILDINGS_MAX = 100;
export const PATROL_COUNT_MAX = 999;
/** The staff list covers at most this many days at once. */
export const PATROL_PERIOD_MAX_DAYS = 31;
/** Rooms without a number (residents who left it blank) count as one household, as the unread list shows them. */
export const NO_ROOM = '未填房号';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD` of the China-time day containing `ms`. */
export const patrolDayOf = (ms: number): string => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
/** First millisecond of a China-time day. */
export const dayStartOf = (day: string): number => Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS;
/** The days from `from` to `to` inclusive, or null when the period is reversed or too long. */
export function daysBetween(from: string, to: string): number | null {
  const n = Math.round((dayStartOf(to) - dayStartOf(from)) / DAY_MS) + 1;
  return n >= 1 && n <= PATROL_PERIOD_MAX_DAYS ? n : null;
}
export const addDays = (day: string, n: number): string => patrolDayOf(dayStartOf(day) + n * DAY_MS);

/** One log per person per day: the key makes a second save the same log. */
export const patrolLogIdOf = (openid: string, day: string): string => `${openid}:${day}`;
/** One household = one room of one building. */
export const householdIdOf = (buildingId: string, room: string): string => `${buildingId}:${room}`;
export const roomOf = (room: string | null | undefined): string => room?.trim() || NO_ROOM;

/** 0–1 with 4 decimals; 0 when there is nothing to reach. */
export const rateOf = (part: number, whole: number): number =>
  whole > 0 ? Math.round((Math.min(part, whole) / whole) * 10_000) / 10_000 : 0;

export interface HouseholdState {
  room: string;
  /** The latest visit's result, null when nobody knocked yet. */
  latest: KnockResult | null;
}

/**
 * The households of one building: resident rooms ∪ visited rooms, each with its latest result,
 * sorted by room (numeric aware).
 */
export function householdsOf(residentRooms: Iterable<string>, latestByRoom: ReadonlyMap<string, KnockResult>): HouseholdState[] {
  const rooms = new Set<string>();
  for (const r of residentRooms) rooms.add(roomOf(r));
  for (const r of latestByRoom.keys()) rooms.add(roomOf(r));
  return [...rooms]
    .sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }))
    .map((room) => ({ room, latest: latestByRoom.get(room) ?? null }));
}

export interface DoorReach {
  households: number;
  /** Households whose latest visit was 在家已宣传. */
  reached: number;
  /** Households visited at all (any result). */
  visited: number;
  rate: number;
}

/** 入户率 of a set of households. */
export function doorReachOf(households: readonly HouseholdState[]): DoorReach {
  const reached = households.filter((h) => h.latest === 'reached').length;
  const visited = households.filter((h) => h.latest !== null).length;
  return { households: households.length, reached, visited, rate: rateOf(reached, households.length) };
}

export interface HouseholdAwareness {
  households: number;
  /** Households with a resident who read it in the app. */
  read: number;
  /** Households told at the door about it. */
  door: number;
  /** Households aware either way (union). */
  either: number;
  readRate: number;
  doorRate: number;
  rate: number;
}

/**
 * Awareness of one building by household, from rooms: `residentRooms` (rooms of its confirmed
 * residents now), `readRooms` (rooms where a confirmed resident read it), `doorRooms` (rooms told at
 * the door about it), `visitedRooms` (every room a visit recorded, whatever its result: the same
 * households 入户率 counts). Rooms are normalised (blank → 未填房号).
 */
export function householdAwareness(
  residentRooms: Iterable<string | null | undefined>,
  readRooms: Iterable<string | null | undefined>,
  doorRooms: Iterable<string | null | undefined>,
  visitedRooms: Iterable<string | null | undefined> = [],
): HouseholdAwareness {
  const all = new Set<string>();
  for (const r of residentRooms) all.add(roomOf(r));
  for (const r of visitedRooms) all.add(roomOf(r));
  const read = new Set<string>();
  for (const r of readRooms) read.add(roomOf(r));
  const door = new Set<string>();
  for (const r of doorRooms) door.add(roomOf(r));
  for (const r of read) all.add(r);
  for (const r of door) all.add(r);
  let either = read.size;
  for (const room of door) if (!read.has(room)) either += 1;
  return sumAwareness([{ households: all.size, read: read.size, door: door.size, either }]);
}

/** Sums household counts (never averages rates). */
export function sumAwareness(parts: readonly Pick<HouseholdAwareness, 'households' | 'read' | 'door' | 'either'>[]): HouseholdAwareness {
  const households = parts.reduce((n, p) => n + p.households, 0);
  const read = parts.reduce((n, p) => n + p.read, 0);
  const door = parts.reduce((n, p) => n + p.door, 0);
  const either = parts.reduce((n, p) => n + p.either, 0);
  return {
    households,
    read,
    door,
    either,
    readRate: rateOf(read, households),
    doorRate: rateOf(door, households),
    rate: rateOf(either, households),
  };
}

/** Per-building patrol coverage of a period: how many days each building was walked, the last day and by whom. */
export interface CoverageRow {
  buildingId: string;
  days: number;
  lastDay: string | null;
  lastBy: string | null;
  /** Distinct people who walked it. */
  people: number;
}

export function patrolCoverage(
  buildingIds: readonly string[],
  logs: readonly { day: string; openid: string; workerName: string; buildingIds: readonly string[] }[],
): CoverageRow[] {
  const rows = new Map<string, CoverageRow & { days_: Set<string>; people_: Set<string> }>();
  for (const id of buildingIds)
    rows.set(id, { buildingId: id, days: 0, lastDay: null, lastBy: null, people: 0, days_: new Set(), people_: new Set() });
  for (const log of logs) {
    for (const b of new Set(log.buildingIds)) {
      const row = rows.get(b);
      if (!row) continue;
      row.days_.add(log.day);
      row.people_.add(log.openid);
      if (row.lastDay === null || log.day > row.lastDay) {
        row.lastDay = log.day;
        row.lastBy = log.workerName;
      }
    }
  }
  return [...rows.values()].map(({ days_, people_, ...r }) => ({ ...r, days: days_.size, people: people_.size }));
}
