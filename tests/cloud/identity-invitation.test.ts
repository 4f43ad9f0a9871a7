import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';

const units = buildDemoSeed().org_units as unknown as OrgUnit[];
const communities = units.filter((u) => u.kind === 'community');
const subdistrict = units.find((u) => u.kind === 'subdistrict') as OrgUnit;
const buildingOf = (communityId: string) => units.find((u) => u.kind === 'building' && u.path[1] === communityId)?._id as string;

describe('staff invitations: one-time, expiring, scoped', () => {
  let cloud: TestCloud;
  let stationOf: (communityId: string) => string;

  beforeAll(async () => {
    cloud = await startTestCloud();
    const staff = cloud.store.find('users', { 'roles.role': 'station_staff' }) as {
      _id: string;
      roles: { role: string; scopeId: string }[];
    }[];
    stationOf = (communityId) =>
      staff.find((u) => u.roles.some((g) => g.role === 'station_staff' && g.scopeId === communityId))?._id as string;
  });
  afterAll(() => cloud?.dispose());

  const identity = async (data: object, openid: string) => (await cloud.call('identity', data, openid)).body.result;
  const c1 = () => communities[0] as OrgUnit;
  const c2 = () => communities[1] as OrgUnit;

  it('station staff invite a colleague for their own community; the code works once', async () => {
    const issued = await identity({ action: 'issueInvitation', role: 'station_staff', scopeId: c1()._id }, stationOf(c1()._id));
    expect(issued).toMatchObject({ ok: true, data: { role: 'station_staff', scopeName: c1().name } });
    expect(issued.data.code).toMatch(/^[2-9A-HJ-KM-NP-Z]{8}$/);

    const [first, second] = await Promise.all([
      identity({ action: 'redeemInvitation', code: issued.data.code }, 'o-new-staff-a'),
      identity({ action: 'redeemInvitation', code: issued.data.code.toLowerCase() }, 'o-new-staff-b'),
    ]);
    const winners = [first, second].filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(winners[0].data).toMatchObject({ role: 'station_staff', scopeId: c1()._id, label: '社区实践站' });
    expect([first, second].find((r) => !r.ok)).toMatchObject({ code: 'RESOURCE.NOT_FOUND' });

    const winner = first.ok ? 'o-new-staff-a' : 'o-new-staff-b';
    const me = await identity({ action: 'whoami' }, winner);
    expect(me.data.roles).toEqual([expect.objectContaining({ role: 'station_staff', scopeId: c1()._id })]);
    const loser = first.ok ? 'o-new-staff-b' : 'o-new-staff-a';
    expect(cloud.store.findById('users', loser)).toBeNull();
  });

  it('生成 retried with its request id answers the code already issued; other issuers and requests get their own', async () => {
    const station = stationOf(c1()._id);
    const input = { action: 'issueInvitation', role: 'building_head', scopeId: buildingOf(c1()._id), requestId: 'invite-retry-0001' };
    const [first, twin] = await Promise.all([identity(input, station), identity(input, station)]);
    expect(first).toMatchObject({ ok: true, data: { role: 'building_head' } });
    expect(first.data.code).toMatch(/^[2-9A-HJ-KM-NP-Z]{8}$/);
    expect(twin).toEqual(first);
    expect(await identity(input, station)).toEqual(first);
    expect(cloud.store.count('invitations', { issuedBy: station, role: 'building_head' })).toBe(1);

    const next = await identity({ ...input, requestId: 'invite-retry-0002' }, station);
    expect(next.data.code).not.toBe(first.data.code);
    const colleague = await identity(input, 'o-institute-01');
    expect(colleague.ok).toBe(true);
    expect(colleague.data.code).not.toBe(first.data.code);
  });

  it('refuses invitations out of scope or above the issuer', async () => {
    const station = stationOf(c1()._id);
    expect(await identity({ action: 'issueInvitation', role: 'station_staff', scopeId: c2()._id }, station)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await identity({ action: 'issueInvitation', role: 'institute_staff', scopeId: subdistrict._id }, station)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await identity({ action: 'issueInvitation', role: 'admin', scopeId: subdistrict._id }, 'o-institute-01')).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await identity({ action: 'issueInvitation', role: 'station_staff', scopeId: c1()._id }, 'o-resident-0001')).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    // A station role must sit on a community, not on a building.
    const building = units.find((u) => u.kind === 'building') as OrgUnit;
    expect(await identity({ action: 'issueInvitation', role: 'station_staff', scopeId: building._id }, 'o-institute-01')).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(cloud.store.count('invitations', { issuedBy: station, scopeId: c2()._id })).toBe(0);
  });

  it('an expired code does nothing', async () => {
    const issued = await identity(
      { action: 'issueInvitation', role: 'building_head', scopeId: units.find((u) => u.kind === 'building')?._id },
      'o-institute-01',
    );
    expect(issued.ok).toBe(true);
    await fetch(`${cloud.url}/_dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 8 * 24 * 3600 * 1000 }) });
    expect(await identity({ action: 'redeemInvitation', code: issued.data.code }, 'o-late')).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(cloud.store.findById('users', 'o-late')).toBeNull();
  });

  it('rejects malformed codes before touching the database', async () => {
    for (const code of ['', 'short', 'WAY-TOO-LONG-CODE', '中文中文中文中文']) {
      expect(await identity({ action: 'redeemInvitation', code }, 'o-typo')).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    }
  });
});
