import { KNOCK_HOUSEHOLDS, USERS } from '../../database/collections';
import { type HouseholdAwareness, householdAwareness, type KnockResult, roomOf, sumAwareness } from '../../src/domain/grid/grid.rules';
import type { KnockHouseholdDoc } from '../../src/domain/grid/grid.types';
import type { HouseholdAwarenessReport } from '../../src/domain/grid/grid.views';
import type { UserProfile } from '../../src/domain/identity/role';
import { forEachReaderPage } from '../announce/audience';
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

/** One announcement's reach in some buildings, as the awareness report shows it: residents and readers per building (知晓率) and the same by household. */
export interface AnnouncementReach {
  residents: Map<string, number>;
  readers: Map<string, number>;
  households: HouseholdAwarenessReport;
}

/** Confirmed residents per building, with their rooms: one aggregate (index binding_1_buildingId_1) per 500 buildings. */
async function residentsWithRooms(buildingIds: readonly string[]): Promise<Map<string, { residents: number; rooms: string[] }>> {
  const db = database();
  const _ = db.command;
  const $ = _.aggregate;
  const out = new Map<string, { residents: number; rooms: string[] }>();
  await Promise.all(
    chunks(buildingIds, 500).map(async (chunk) => {
      const res = (await db
        .collection(USERS)
        .aggregate()
        .match({ binding: 'confirmed', buildingId: _.in(chunk) })
        .group({ _id: '$buildingId', residents: $.sum(1), rooms: $.addToSet('$room') })
        .limit(500)
        .end()) as { list: { _id: string; residents: number; rooms: (string | null)[] }[] };
      for (const g of res.list) out.set(g._id, { residents: g.residents, rooms: [...new Set(g.rooms.map((r) => roomOf(r)))] });
    }),
  );
  return out;
}

/**
 * Everybody who read the announcement where they live now (the read ledger walked in key order,
 * then their `users` records): the confirmed readers of `buildings`, once each.
 */
async function readersIn(
  announcementId: string,
  buildings: ReadonlySet<string>,
): Promise<Pick<UserProfile, '_id' | 'buildingId' | 'room'>[]> {
  const _ = database().command;
  const out = new Map<string, Pick<UserProfile, '_id' | 'buildingId' | 'room'>>();
  await forEachReaderPage(announcementId, async (openids) => {
    const readers = await readList<Pick<UserProfile, '_id' | 'buildingId' | 'binding' | 'room'>>(
      database()
        .collection(USERS)
        .where({ _id: _.in(openids) })
        .field({ _id: true, buildingId: true, binding: true, room: true })
        .limit(READ_PAGE),
    );
    for (const u of readers) {
      if (u.binding !== 'confirmed' || !u.buildingId || !buildings.has(u.buildingId)) continue;
      out.set(u._id, u);
    }
  });
  return [...out.values()];
}

/**
 * An announcement's reach in some buildings: residents and readers per building, and awareness
 * by household (read in the app — a resident of the room read it —, told at the door, and the
 * union). The cost follows the readers, not the residents: the residents' counts and rooms come
 * from one aggregate per 500 buildings, the door reach from the households (they keep the
 * announcements told at the door), so a report is about four requests.
 */
export async function announcementReachOf(announcementId: string, buildingIds: readonly string[]): Promise<AnnouncementReach> {
  const wanted = new Set(buildingIds);
  const [rooms, readers, visited] = await Promise.all([
    residentsWithRooms(buildingIds),
    readersIn(announcementId, wanted),
    latestByBuilding(buildingIds),
  ]);
  const readersPer = new Map<string, number>();
  const readRooms = new Map<string, Set<string>>();
  for (const r of readers) {
    const b = r.buildingId as string;
    readersPer.set(b, (readersPer.get(b) ?? 0) + 1);
    readRooms.set(b, (readRooms.get(b) ?? new Set<string>()).add(roomOf(r.room)));
  }
  const buildings: Record<string, HouseholdAwareness> = {};
  for (const id of buildingIds) {
    const households = [...(visited.get(id)?.values() ?? [])];
    const told = households.filter((h) => h.toldIds?.includes(announcementId)).map((h) => h.room);
    buildings[id] = householdAwareness(
      rooms.get(id)?.rooms ?? [],
      readRooms.get(id) ?? [],
      told,
      households.map((h) => h.room),
    );
  }
  return {
    residents: new Map([...rooms].map(([id, r]) => [id, r.residents])),
    readers: readersPer,
    households: { ...sumAwareness(Object.values(buildings)), buildings },
  };
}
