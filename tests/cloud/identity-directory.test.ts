import { buildDemoPii } from '../../local-cloud/seed/demo-pii';
import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit, OrgUnit } from '../../src/domain/org/org.types';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
const users = seed.users as unknown as UserProfile[];
const units = seed.org_units as unknown as OrgUnit[];
const demoPii = buildDemoPii(users);
const buildings = units.filter((u): u is BuildingUnit => u.kind === 'building');
const headed = buildings.find((b) => b.buildingHeadOpenid && users.some((u) => u.buildingId === b._id && u.binding === 'pending'));
if (!headed?.buildingHeadOpenid) throw new Error('the demo seed has no building with a head and a pending resident');
const head = headed.buildingHeadOpenid;
const otherBuilding =
  buildings.find((b) => b.path[1] !== headed.path[1]) ?? buildings.find((b) => b._id !== headed._id && b.buildingHeadOpenid !== head);
const plainResident = users.find((u) => u.binding === 'confirmed' && u.roles.every((g) => g.role === 'resident')) as UserProfile;
const stationOfHeaded = users.find((u) => u.roles.some((g) => g.role === 'station_staff' && g.scopeId === headed.path[1]));

describe('identity: public building directory and a building’s residents for 代点单', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(() => cloud?.dispose());
  beforeEach(() => cloud.store.clearUnindexedScans());

  const identity = async (data: object, openid: string) => (await cloud.call('identity', data, openid)).body.result;

  it('listBuildings answers every building with its estate and community, names only, through indexes', async () => {
    const res = await identity({ action: 'listBuildings' }, 'o-someone-new');
    expect(res.ok).toBe(true);
    const list = res.data as { _id: string; name: string; estateName: string; communityName: string }[];
    expect(list).toHaveLength(buildings.length);
    const sample = list.find((b) => b._id === headed._id);
    const estate = units.find((u) => u._id === headed.parentId);
    const community = units.find((u) => u._id === headed.path[1]);
    expect(sample).toEqual({ _id: headed._id, name: headed.name, estateName: estate?.name, communityName: community?.name });
    for (const entry of list) expect(Object.keys(entry).sort()).toEqual(['_id', 'communityName', 'estateName', 'name']);
    expect(cloud.store.unindexedScans()).toEqual([]);
  });

  it('listBuildings takes no input', async () => {
    const res = await identity({ action: 'listBuildings', buildingId: headed._id }, 'o-someone-new');
    expect(res).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });

  it('the building head lists the confirmed residents of their building: full names, rooms and address, not pending ones, not themself', async () => {
    const res = await identity({ action: 'listBuildingResidents', buildingId: headed._id }, head);
    expect(res.ok).toBe(true);
    const list = res.data as { openid: string; displayName: string; name: string; room: string; addressText: string }[];
    const expected = users.filter((u) => u.buildingId === headed._id && u.binding === 'confirmed' && u._id !== head);
    expect(list.map((r) => r.openid).sort()).toEqual(expected.map((u) => u._id).sort());
    expect(list.some((r) => r.openid === head)).toBe(false);
    for (const r of list) {
      expect(Object.keys(r).sort()).toEqual(['addressText', 'displayName', 'name', 'openid', 'room']);
      const u = users.find((x) => x._id === r.openid);
      expect(r.displayName).toBe(u?.displayName);
      expect(r.name).toBe(demoPii.get(r.openid)?.realName);
      expect(r.room).toBe(u?.room ?? '');
      expect(r.addressText).toContain(`${headed.name} ${r.room}`);
    }
    expect(JSON.stringify(res.data)).not.toMatch(/1[3-9]\d{9}/);
    expect(cloud.store.unindexedScans()).toEqual([]);
  });

  it('station staff in scope may list them too', async () => {
    if (!stationOfHeaded) return;
    const res = await identity({ action: 'listBuildingResidents', buildingId: headed._id }, stationOfHeaded._id);
    expect(res.ok).toBe(true);
  });

  it('a plain resident may not; another building’s head is out of scope; unknown buildings are not found', async () => {
    const byResident = await identity({ action: 'listBuildingResidents', buildingId: headed._id }, plainResident._id);
    expect(byResident).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    if (otherBuilding) {
      const byOtherHead = await identity({ action: 'listBuildingResidents', buildingId: otherBuilding._id }, head);
      expect(byOtherHead.ok).toBe(false);
      expect(['AUTH.OUT_OF_SCOPE', 'AUTH.FORBIDDEN']).toContain(byOtherHead.code);
    }
    const unknown = await identity({ action: 'listBuildingResidents', buildingId: 'no-such-building' }, head);
    expect(unknown).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });
  });
});
