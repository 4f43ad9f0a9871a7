/**
 * 知晓率 (awareness) = distinct resident readers ÷ residents bound, per 楼栋, rolled up per 小区,
 * 社区 and overall by summing readers and residents (never by averaging rates), plus the
 * group-card opens per building.
 *
 * Who counts is decided for the staff who knock on the doors of those who have not heard:
 *  - residents: the residents confirmed in the building NOW (not when it was published) — a
 *    family that moved in after publication sees it in their feed and is a door to knock on;
 *    one that moved out is no longer there to tell;
 *  - readers: those of them who have opened it, wherever they lived when they did;
 *  - unread = residents − readers: exactly the people on the building's 未读住户 list.
 * The buildings themselves stay the ones the targets expanded to at publication.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */

export interface AwarenessInput {
  buildingId: string;
  buildingName: string;
  estateId: string;
  communityId: string;
  residents: number;
  readers: number;
  groupReads: number;
}

export interface Rate {
  residents: number;
  readers: number;
  /** readers ÷ residents, 0–1 with 4 decimals; 0 when nobody is bound. */
  rate: number;
  groupReads: number;
}

export interface BuildingAwareness extends Rate {
  id: string;
  name: string;
  unread: number;
}
export interface EstateAwareness extends Rate {
  id: string;
  name: string;
  buildings: BuildingAwareness[];
}
export interface CommunityAwareness extends Rate {
  id: string;
  name: string;
  estates: EstateAwareness[];
}
export interface AwarenessReport extends Rate {
  communities: CommunityAwareness[];
}

/** A reader's binding now (from `users`). */
export interface ReaderBinding {
  openid: string;
  buildingId?: string | null;
  binding?: string | null;
}

/** Readers per building: each reader counts once, for the building they are confirmed in now (when it is one of `buildings`). */
export function readersByBuilding(readers: Iterable<ReaderBinding>, buildings: ReadonlySet<string>): Map<string, number> {
  const seen = new Set<string>();
  const out = new Map<string, number>();
  for (const r of readers) {
    if (seen.has(r.openid) || r.binding !== 'confirmed' || !r.buildingId || !buildings.has(r.buildingId)) continue;
    seen.add(r.openid);
    out.set(r.buildingId, (out.get(r.buildingId) ?? 0) + 1);
  }
  return out;
}

export interface HouseholdResident {
  openid: string;
  room?: string | null;
  /** Already masked (users.displayName). */
  displayName?: string | null;
}

export interface UnreadHousehold {
  room: string;
  names: string[];
  residents: number;
}

/**
 * 未读住户 for 敲门: the building's confirmed residents grouped by room; a room where anybody
 * has read it is left out (the family can pass it on). `readers` are the residents who read it.
 */
export function unreadHouseholds(residents: readonly HouseholdResident[], readers: ReadonlySet<string>): UnreadHousehold[] {
  const rooms = new Map<string, UnreadHousehold & { read: boolean }>();
  for (const u of residents) {
    const room = u.room || '未填房号';
    const entry = rooms.get(room) ?? { room, names: [], residents: 0, read: false };
    entry.residents += 1;
    entry.names.push(u.displayName || '居民');
    if (readers.has(u.openid)) entry.read = true;
    rooms.set(room, entry);
  }
  return [...rooms.values()]
    .filter((h) => !h.read)
    .map(({ room, names, residents: n }) => ({ room, names, residents: n }))
    .sort((x, y) => x.room.localeCompare(y.room, 'zh-CN', { numeric: true }));
}

export const rateOf = (readers: number, residents: number): number =>
  residents > 0 ? Math.round((Math.min(readers, residents) / residents) * 10_000) / 10_000 : 0;

function sum(parts: readonly Rate[]): Rate {
  const residents = parts.reduce((n, p) => n + p.residents, 0);
  const readers = parts.reduce((n, p) => n + p.readers, 0);
  const groupReads = parts.reduce((n, p) => n + p.groupReads, 0);
  return { residents, readers, rate: rateOf(readers, residents), groupReads };
}

/**
 * Rolls building rows up into estates and communities. `names` gives estate and community names
 * (missing → the id); `order` sorts (lower first; missing → by name).
 */
export function rollUpAwareness(
  rows: readonly AwarenessInput[],
  names: ReadonlyMap<string, string> = new Map(),
  order: ReadonlyMap<string, number> = new Map(),
): AwarenessReport {
  const byCommunity = new Map<string, Map<string, BuildingAwareness[]>>();
  for (const r of rows) {
    const estates = byCommunity.get(r.communityId) ?? new Map<string, BuildingAwareness[]>();
    byCommunity.set(r.communityId, estates);
    const buildings = estates.get(r.estateId) ?? [];
    estates.set(r.estateId, buildings);
    const readers = Math.min(r.readers, r.residents);
    buildings.push({
      id: r.buildingId,
      name: r.buildingName,
      residents: r.residents,
      readers,
      rate: rateOf(readers, r.residents),
      groupReads: r.groupReads,
      unread: r.residents - readers,
    });
  }
  const rank = (a: { id: string; name: string }, b: { id: string; name: string }) =>
    (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER) ||
    a.name.localeCompare(b.name, 'zh-CN', { numeric: true }) ||
    a.id.localeCompare(b.id);
  const communities: CommunityAwareness[] = [...byCommunity].map(([communityId, estates]) => {
    const estateList: EstateAwareness[] = [...estates].map(([estateId, buildings]) => ({
      id: estateId,
      name: names.get(estateId) ?? estateId,
      ...sum(buildings),
      buildings: buildings.sort(rank),
    }));
    estateList.sort(rank);
    return { id: communityId, name: names.get(communityId) ?? communityId, ...sum(estateList), estates: estateList };
  });
  communities.sort(rank);
  return { ...sum(communities), communities };
}
