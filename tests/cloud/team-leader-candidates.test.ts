import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { UserProfile } from '../../src/domain/identity/role';
import type { Team } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
const INSTITUTE = 'o-institute-01';
const STATION_01 = 'o-station-01';
const seedVolunteer = (seed.users as UserProfile[]).find((u) => u._id === 'o-volunteer-0001') as UserProfile;
const teamOf = (openid: string) => (seed.teams as Team[]).filter((t) => t.memberOpenids.includes(openid)).map((t) => t.name);

interface Candidate {
  openid: string;
  displayName: string;
  phoneMasked: string;
  communityName: string;
  teams: string[];
}

describe('队长候选 (listLeaderCandidates): approved volunteers the institute may pick as a leader', () => {
  const env = withTestCloud();

  const team = async (data: object, openid: string) => (await env.cloud.call('team', data, openid)).body.result;
  const register = (openid: string, realName: string, phone: string) =>
    team(
      { action: 'registerVolunteer', realName, phone, skills: ['助餐送餐'], availability: '周末', communityId: 'org-community-01' },
      openid,
    );
  const candidates = async (openid = INSTITUTE): Promise<Candidate[]> => {
    const res = await team({ action: 'listLeaderCandidates' }, openid);
    expect(res.ok).toBe(true);
    return res.data;
  };

  it('lists team members and approved registrations, masked, through indexes; pending ones are left out', async () => {
    await register('o-cand-approved', '周晓东', '13900001234');
    await register('o-cand-pending', '吴一凡', '13900005678');
    await team({ action: 'decideVolunteer', openid: 'o-cand-approved', approve: true }, STATION_01);

    env.cloud.store.clearUnindexedScans();
    const list = await candidates();
    expect(env.cloud.store.unindexedScans()).toEqual([]);
    const byId = new Map(list.map((c) => [c.openid, c]));
    expect(byId.get('o-cand-approved')).toEqual({
      openid: 'o-cand-approved',
      displayName: '周*',
      phoneMasked: '139****1234',
      communityName: '和平社区',
      teams: [],
    });
    expect(byId.has('o-cand-pending')).toBe(false);
    expect(byId.get(seedVolunteer._id)).toMatchObject({
      displayName: seedVolunteer.displayName,
      phoneMasked: seedVolunteer.phoneMasked,
      teams: teamOf(seedVolunteer._id),
    });
    // Every seeded team member is a candidate; no clear phone number is ever answered.
    const members = new Set((seed.teams as Team[]).flatMap((t) => t.memberOpenids));
    for (const m of members) expect(byId.has(m)).toBe(true);
    expect(JSON.stringify(list)).not.toContain('13900001234');
    expect(JSON.stringify(list)).not.toContain('周晓东');
  });

  it('a candidate from the list can lead a new team', async () => {
    const pick = (await candidates()).find((c) => c.openid === 'o-cand-approved') as Candidate;
    const created = await team(
      { action: 'createTeam', name: '候选测试队', intro: '', leaderOpenid: pick.openid, skills: [], serviceArea: ['org-community-01'] },
      INSTITUTE,
    );
    expect(created).toMatchObject({ ok: true, data: { name: '候选测试队', leader: { openid: 'o-cand-approved' } } });
    expect((await candidates()).find((c) => c.openid === 'o-cand-approved')?.teams).toEqual(['候选测试队']);
  });

  it('only those who may create teams ask; the input is strict', async () => {
    for (const who of [STATION_01, 'o-leader-01', 'o-resident-0001']) {
      expect(await team({ action: 'listLeaderCandidates' }, who)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    }
    expect(await team({ action: 'listLeaderCandidates', subdistrictId: 'org-subdistrict-01' }, INSTITUTE)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect((await candidates('o-admin-01')).length).toBeGreaterThan(0);
  });
});
