import { ANNOUNCEMENT_READS, KNOCK_HOUSEHOLDS, KNOCK_VISITS, USERS } from '../../database/collections';
import { readIdOf } from '../../src/domain/announce/announce.rules';
import type { ReadDoc } from '../../src/domain/announce/announce.types';
import { type HouseholdAwareness, householdAwareness, type KnockResult, roomOf, sumAwareness } from '../../src/domain/grid/grid.rules';
import type { KnockHouseholdDoc, KnockVisitDoc } from '../../src/domain/grid/grid.types';
import type { HouseholdAwarenessReport } from '../../src/domain/grid/grid.views';
import type { UserProfile } from '../../src/domain/identity/role';
import { READ_PAGE, readAll, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

/** Buildings per read: `_.in` over a chunk of buildings, each read paged by 1000. */
const BUILDING_CHUNK = 100;

const chunks = <T>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

export type ResidentRow = Pick<UserProfile, '_id' | 'buildingId' | 'room' | 'displayName'>;

/** Confirmed residents of some buildings now (index binding_1_buildingId_1), the fields households need. */
export async function residentsOf(buildingIds: readonly string[]): Promise<ResidentRow[]> {
  const _ = database().command;
  const parts = await Promise.all(
    chunks(buildingIds, BUILDING_CHUNK).map((chunk) =>
      readAll<ResidentRow>((skip) =>
        database()
          .collection(USERS)
          .where({ binding: 'confirmed', buildingId: chunk.length === 1 ? chunk[0] : _.in(chunk) })
          .orderBy('_id', 'asc')
          .field({ _id: true, buildingId: true, room: true, displayName: true })
          .skip(skip)
          .limit(READ_PAGE),
      ),
    ),
  );
  return parts.flat();
}

/** Rooms of confirmed residents per building: one aggregate (index binding_1_buildingId_1) per 500 buildings. */
export async function residentRoomsByBuilding(buildingIds: readonly string[]): Promise<Map<string, string[]>> {
  const db = database();
  const _ = db.command;
  const $ = _.aggregate;
  const out = new Map<string, string[]>();
  await Promise.all(
    chunks(buildingIds, 500).map(async (chunk) => {
      const res = (await db
        .collection(USERS)
        .aggregate()
        .match({ binding: 'confirmed', buildingId: _.in(chunk) })
        .group({ _id: '$buildingId', rooms: $.addToSet('$room') })
        .limit(500)
        .end()) as { list: { _id: string; rooms: (string | null)[] }[] };
      for (const g of res.list) out.set(g._id, [...new Set(g.rooms.map((r) => roomOf(r)))]);
    }),
  );
  return out;
}

/** Each household's latest result, per building (index buildingId_1_room_1). */
export async function latestByBuilding(buildingIds: readonly string[]): Promise<Map<string, Map<string, KnockHouseholdDoc>>> {
  const _ = database().command;
  const parts = await Promise.all(
    chunks(buildingIds, BUILDING_CHUNK).map((chunk) =>
      readAll<KnockHouseholdDoc>((skip) =>
        database()
          .collection(KNOCK_HOUSEHOLDS)
          .where({ buildingId: chunk.length === 1 ? chunk[0] : _.in(chunk) })
          .orderBy('buildingId', 'asc')
          .orderBy('room', 'asc')
          .skip(skip)
          .limit(READ_PAGE),
      ),
    ),
  );
  const out = new Map<string, Map<string, KnockHouseholdDoc>>();
  for (const h of parts.flat()) {
    const rooms = out.get(h.buildingId) ?? new Map<string, KnockHouseholdDoc>();
    rooms.set(h.room, h);
    out.set(h.buildingId, rooms);
  }
  return out;
}

export const resultsOf = (rooms: ReadonlyMap<string, KnockHouseholdDoc> | undefined): Map<string, KnockResult> =>
  new Map([...(rooms ?? new Map<string, KnockHouseholdDoc>()).values()].map((h) => [h.room, h.latest]));

/** Rooms told at the door about an announcement (any visit 在家已宣传 that explained it), per building. */
export async function doorRoomsOf(announcementId: string, buildingIds?: readonly string[]): Promise<Map<string, Set<string>>> {
  const where: Record<string, unknown> = { announcementId, result: 'reached' };
  if (buildingIds?.length === 1) where.buildingId = buildingIds[0];
  const rows = await readAll<Pick<KnockVisitDoc, 'buildingId' | 'room'>>((skip) =>
    database()
      .collection(KNOCK_VISITS)
      .where(where)
      .orderBy('buildingId', 'asc')
      .field({ buildingId: true, room: true })
      .skip(skip)
      .limit(READ_PAGE),
  );
  const wanted = buildingIds ? new Set(buildingIds) : null;
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    if (wanted && !wanted.has(r.buildingId)) continue;
    const rooms = out.get(r.buildingId) ?? new Set<string>();
    rooms.add(r.room);
    out.set(r.buildingId, rooms);
  }
  return out;
}

/** Rooms where a confirmed resident read the announcement, per building (of `buildings`), where they live now. */
async function readRoomsOf(announcementId: string, buildings: ReadonlySet<string>): Promise<Map<string, Set<string>>> {
  const _ = database().command;
  const out = new Map<string, Set<string>>();
  // The read ledger's keys are `${announcementId}:${openid}`: this announcement's rows are one
  // `_id` range (':' < ';'), walked in key order, as the awareness report walks them (audience.ts).
  const end = readIdOf(announcementId, '').replace(/:$/, ';');
  let after = readIdOf(announcementId, '');
  for (;;) {
    const page = await readList<Pick<ReadDoc, '_id' | 'openid'>>(
      database()
        .collection(ANNOUNCEMENT_READS)
        .where({ announcementId, _id: _.gt(after).and(_.lt(end)) })
        .orderBy('_id', 'asc')
        .field({ _id: true, openid: true })
        .limit(READ_PAGE),
    );
    if (page.length > 0) {
      const readers = await readList<Pick<UserProfile, '_id' | 'buildingId' | 'binding' | 'room'>>(
        database()
          .collection(USERS)
          .where({ _id: _.in(page.map((r) => r.openid)) })
          .field({ _id: true, buildingId: true, binding: true, room: true })
          .limit(READ_PAGE),
      );
      for (const u of readers) {
        if (u.binding !== 'confirmed' || !u.buildingId || !buildings.has(u.buildingId)) continue;
        const rooms = out.get(u.buildingId) ?? new Set<string>();
        rooms.add(roomOf(u.room));
        out.set(u.buildingId, rooms);
      }
    }
    if (page.length < READ_PAGE) break;
    after = page[page.length - 1]?._id ?? after;
  }
  return out;
}

/**
 * An announcement's awareness by household in some buildings: read in the app (a resident of the
 * room read it), told at the door, and the union. The cost follows the readers and the knocks,
 * not the residents: the buildings' rooms come from one aggregate per 500 buildings.
 */
export async function householdAwarenessOf(announcementId: string, buildingIds: readonly string[]): Promise<HouseholdAwarenessReport> {
  const [rooms, read, door, visited] = await Promise.all([
    residentRoomsByBuilding(buildingIds),
    readRoomsOf(announcementId, new Set(buildingIds)),
    doorRoomsOf(announcementId, buildingIds),
    latestByBuilding(buildingIds),
  ]);
  const buildings: Record<string, HouseholdAwareness> = {};
  for (const id of buildingIds) {
    buildings[id] = householdAwareness(rooms.get(id) ?? [], read.get(id) ?? [], door.get(id) ?? [], visited.get(id)?.keys() ?? []);
  }
  return { ...sumAwareness(Object.values(buildings)), buildings };
}
