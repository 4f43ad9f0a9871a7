import { USERS } from '../../database/collections';
import { authorize } from '../../src/domain/identity/authorize';
import type { BuildingResident, DirectoryBuilding } from '../../src/domain/identity/identity.views';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit, OrgUnitKind } from '../../src/domain/org/org.types';
import { openPii } from '../kit/pii-cipher';
import type { LoadedPrincipal } from '../kit/principal';
import { requirePermission } from '../kit/principal';
import { READ_PAGE, readAll } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { allOrgUnits, findOrgUnits, getOrgUnit, orgPathOf } from '../org/org-units';

/** CloudBase answers at most 1000 documents per read: longer lists are read page by page. */

/**
 * 楼栋目录: every building with its estate and community names, for the resident's binding picker.
 * Public (names of places only): the whole tree in one read (a page per 1000 units), then
 * community → estate → building kept only under parents that exist, as a walk level by level would.
 */
export async function listBuildings(): Promise<DirectoryBuilding[]> {
  const all = await allOrgUnits();
  const under = (kind: OrgUnitKind, parents: readonly OrgUnit[]) => {
    const ids = new Set(parents.map((p) => p._id));
    return all.filter((u) => u.kind === kind && ids.has(u.parentId ?? ''));
  };
  const subdistricts = all.filter((u) => u.kind === 'subdistrict');
  const communities = under('community', subdistricts);
  const estates = under('estate', communities);
  const buildings = under('building', estates);
  const names = new Map<string, string>([...communities, ...estates].map((u) => [u._id, u.name]));
  const communityOrder = new Map(communities.map((c, i) => [c._id, i]));
  const estateOrder = new Map(estates.map((e, i) => [e._id, i]));
  const rank = (b: OrgUnit) => [communityOrder.get(b.path[1] ?? '') ?? 0, estateOrder.get(b.parentId ?? '') ?? 0, b.order] as const;
  return [...buildings]
    .sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
    })
    .map((b) => ({
      _id: b._id,
      name: b.name,
      estateName: names.get(b.parentId ?? '') ?? '',
      communityName: names.get(b.path[1] ?? '') ?? '',
    }));
}

/**
 * Confirmed residents of one building, for 代点单: the building head of that building, or staff in
 * scope (`resident.contact`). Full names (`resident.fullName`: two 张* in one building must be told
 * apart), rooms and the address the order will carry; the caller is left out (no 代点单 for oneself).
 */
export async function listBuildingResidents(principal: LoadedPrincipal, input: { buildingId: string }): Promise<BuildingResident[]> {
  const building = await getOrgUnit(input.buildingId, 'building');
  requirePermission(principal, 'resident.contact', { orgPath: orgPathOf(building) });
  const full = authorize(principal, 'resident.fullName', { orgPath: orgPathOf(building) }).allowed;
  const [residents, above] = await Promise.all([
    readAll<UserProfile>((skip) =>
      database()
        .collection(USERS)
        .where({ binding: 'confirmed', buildingId: building._id })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(READ_PAGE),
    ),
    findOrgUnits(building.path.slice(1)),
  ]);
  // 社区 小区 楼栋, as the order's address reads (the subdistrict is left out, as on orders).
  const place = [...building.path.slice(1).map((id) => above.find((u) => u._id === id)?.name ?? ''), building.name]
    .filter(Boolean)
    .join(' ');
  const out: BuildingResident[] = residents
    .filter((u) => u._id !== principal.openid)
    .map((u) => {
      const masked = u.displayName || '居民';
      const name = full && u.realNameSealed ? openPii(u.realNameSealed) : masked;
      return { openid: u._id, displayName: masked, name, room: u.room ?? '', addressText: `${place} ${u.room ?? ''}`.trim() };
    });
  return out.sort((a, b) => a.room.localeCompare(b.room, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
}
