import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildDemoPii } from '../../local-cloud/seed/demo-pii';
import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit } from '../../src/domain/org/org.types';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
const users = seed.users as unknown as UserProfile[];
const buildings = (seed.org_units as unknown as BuildingUnit[]).filter((u) => u.kind === 'building');
const pendingResident = users.find((u) => u.binding === 'pending') as UserProfile;
const itsBuilding = buildings.find((b) => b._id === pendingResident.buildingId) as BuildingUnit;
const otherBuilding = buildings.find(
  (b) => b._id !== itsBuilding._id && b.buildingHeadOpenid !== itsBuilding.buildingHeadOpenid,
) as BuildingUnit;

describe('binding a resident to a building, with roles and scopes enforced', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(() => cloud?.dispose());

  const identity = async (data: object, openid: string) => (await cloud.call('identity', data, openid)).body.result;

  it('a stranger asks to bind; until confirmed they hold no resident role', async () => {
    const asked = await identity({ action: 'requestBinding', buildingId: otherBuilding._id, room: '3单元502' }, 'o-newcomer');
    expect(asked).toMatchObject({ ok: true, data: { buildingId: otherBuilding._id, room: '3单元502', binding: 'pending' } });
    const me = await identity({ action: 'whoami' }, 'o-newcomer');
    expect(me.data).toMatchObject({ registered: true, binding: 'pending', roles: [] });

    // Asking again after a timeout changes nothing.
    const before = cloud.store.findById('users', 'o-newcomer');
    const again = await identity({ action: 'requestBinding', buildingId: otherBuilding._id, room: '3单元502' }, 'o-newcomer');
    expect(again.data.binding).toBe('pending');
    expect(cloud.store.findById('users', 'o-newcomer')).toEqual(before);
  });

  it('an openid in the request body changes nothing: the caller comes from the WeChat context', async () => {
    const forged = await identity(
      { action: 'requestBinding', buildingId: itsBuilding._id, room: '1', openid: 'o-resident-0001' },
      'o-forger',
    );
    expect(forged).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(cloud.store.findById('users', 'o-forger')).toBeNull();
    const victim = cloud.store.findById('users', 'o-resident-0001');
    expect(victim).toMatchObject({ binding: 'confirmed' });
  });

  it('only the building head or staff in scope may decide, exactly once', async () => {
    const byResident = await identity({ action: 'decideBinding', openid: pendingResident._id, approve: true }, 'o-resident-0001');
    expect(byResident).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const byOtherHead = await identity(
      { action: 'decideBinding', openid: pendingResident._id, approve: true },
      otherBuilding.buildingHeadOpenid as string,
    );
    expect(byOtherHead).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(cloud.store.findById('users', pendingResident._id)).toMatchObject({ binding: 'pending' });

    const byHead = await identity(
      { action: 'decideBinding', openid: pendingResident._id, approve: true },
      itsBuilding.buildingHeadOpenid as string,
    );
    expect(byHead).toEqual({ ok: true, data: { openid: pendingResident._id, binding: 'confirmed' } });
    const twice = await identity(
      { action: 'decideBinding', openid: pendingResident._id, approve: false },
      itsBuilding.buildingHeadOpenid as string,
    );
    expect(twice).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });
    const me = await identity({ action: 'whoami' }, pendingResident._id);
    expect(me.data.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'resident', scopeId: itsBuilding._id })]));
  });

  it('a rejected request takes the resident grant away and says why', async () => {
    const head = otherBuilding.buildingHeadOpenid as string;
    const rejected = await identity({ action: 'decideBinding', openid: 'o-newcomer', approve: false, note: '查无此房号' }, head);
    expect(rejected.data).toEqual({ openid: 'o-newcomer', binding: 'rejected' });
    const state = await identity({ action: 'myBinding' }, 'o-newcomer');
    expect(state.data).toMatchObject({ binding: 'rejected', note: '查无此房号' });
    // The address reads 社区 小区 楼栋, as orders are addressed.
    expect(state.data.addressText).toMatch(new RegExp(`社区 .+ ${otherBuilding.name}$`));
    expect((cloud.store.findById('users', 'o-newcomer') as unknown as UserProfile).roles).toEqual([]);
  });

  it('staff see pending requests of their area with clear phone numbers; others may not look', async () => {
    await identity({ action: 'requestBinding', buildingId: itsBuilding._id, room: '9单元909' }, 'o-another-newcomer');
    const head = await identity({ action: 'listBindingRequests' }, itsBuilding.buildingHeadOpenid as string);
    expect(head.ok).toBe(true);
    const mine = head.data.filter((r: { openid: string }) => r.openid === 'o-another-newcomer');
    expect(mine).toEqual([expect.objectContaining({ buildingId: itsBuilding._id, room: '9单元909' })]);
    const stillPending = users.filter((u) => u.binding === 'pending' && u._id !== pendingResident._id && u.buildingId === itsBuilding._id);
    for (const u of stillPending) {
      const row = head.data.find((r: { openid: string }) => r.openid === u._id);
      expect(row.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    const volunteer = await identity({ action: 'listBindingRequests' }, 'o-volunteer-0001');
    expect(volunteer).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('bad input gets a clear code and changes nothing', async () => {
    const count = cloud.store.count('users', {});
    const cases = [
      { action: 'requestBinding', buildingId: itsBuilding._id },
      { action: 'requestBinding', buildingId: itsBuilding._id, room: '' },
      { action: 'requestBinding', buildingId: itsBuilding._id, room: '房'.repeat(21) },
      { action: 'requestBinding', buildingId: 42, room: '101' },
    ];
    for (const data of cases) expect(await identity(data, 'o-bad-input')).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await identity({ action: 'requestBinding', buildingId: 'bld-9999', room: '101' }, 'o-bad-input')).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    // A community is not a building.
    expect(await identity({ action: 'requestBinding', buildingId: itsBuilding.parentId, room: '101' }, 'o-bad-input')).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(cloud.store.count('users', {})).toBe(count);
  });

  it('keeps phone numbers and real names encrypted at rest', async () => {
    const dbDir = path.join(cloud.dataDir, 'database');
    const raw = Buffer.concat(readdirSync(dbDir).map((f) => readFileSync(path.join(dbDir, f)))).toString('utf8');
    const pii = [...buildDemoPii(users).values()];
    expect(pii.length).toBeGreaterThan(200);
    const sample = users.find((u) => u.phoneMasked) as UserProfile;
    expect(raw).toContain(sample.phoneMasked); // the data is there …
    for (const { phone, realName } of pii) {
      expect(raw).not.toContain(phone); // … but never in clear text
      expect(raw).not.toContain(realName);
    }
  });
});
