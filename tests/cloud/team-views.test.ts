import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { UserProfile } from '../../src/domain/identity/role';
import type { CommunityUnit, OrgUnit, Team } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
const teamB = seed.teams[1] as Team; // 豆花帮帮团, led by o-leader-02, serves two communities
const units = seed.org_units as unknown as OrgUnit[];
const communities = units.filter((u): u is CommunityUnit => u.kind === 'community').sort((a, b) => a.order - b.order);
const users = seed.users as unknown as UserProfile[];
const member = teamB.memberOpenids.find((m) => m !== teamB.leaderOpenid) as string;
const outsider = users.find((u) => u._id.startsWith('o-volunteer-') && !teamB.memberOpenids.includes(u._id)) as UserProfile;
const INSTITUTE = 'o-institute-01';

interface Summary {
  teamId: string;
  leaderName: string;
  serviceArea: { id: string; name: string }[];
  myRelation: string;
  mine: boolean;
}

/** The answers the volunteer screens read: team list with relations, my registration, communities. */
describe('team function views for the volunteer screens', () => {
  const env = withTestCloud();

  const team = async (data: object, openid: string) => (await env.cloud.call('team', data, openid)).body.result;
  const summaryOf = async (openid: string): Promise<Summary> =>
    (await team({ action: 'listTeams' }, openid)).data.find((t: Summary) => t.teamId === teamB._id);

  it('listTeams names the leader (masked) and the service area, and tells each caller their relation', async () => {
    const leaderUser = users.find((u) => u._id === teamB.leaderOpenid) as UserProfile;
    const asLeader = await summaryOf(teamB.leaderOpenid);
    expect(asLeader).toMatchObject({ leaderName: leaderUser.displayName, myRelation: 'leader', mine: true });
    expect(asLeader.leaderName).toMatch(/\*$/);
    expect(asLeader.serviceArea).toEqual(teamB.serviceArea.map((id) => ({ id, name: units.find((u) => u._id === id)?.name })));
    expect(asLeader.serviceArea.every((a) => a.name)).toBe(true);
    expect(await summaryOf(member)).toMatchObject({ myRelation: 'member', mine: true });
    expect(await summaryOf('o-resident-0001')).toMatchObject({ myRelation: 'none', mine: false });

    expect((await team({ action: 'requestJoin', teamId: teamB._id }, outsider._id)).ok).toBe(true);
    expect(await summaryOf(outsider._id)).toMatchObject({ myRelation: 'requested', mine: false });
    // Only the team asked for reads 申请中.
    const others = (await team({ action: 'listTeams' }, outsider._id)).data.filter((t: Summary) => t.teamId !== teamB._id);
    expect(others.some((t: Summary) => t.myRelation === 'requested')).toBe(false);
  });

  it('myVolunteer says who may ask to join: approved registrations and serving volunteers, not newcomers or pending ones', async () => {
    expect((await team({ action: 'myVolunteer' }, 'o-views-newcomer')).data).toMatchObject({ status: 'none', canJoinTeams: false });
    // A volunteer serving since before registrations existed (the seed registers everyone it puts in a team).
    env.cloud.store.remove('volunteer_profiles', { _id: outsider._id });
    expect((await team({ action: 'myVolunteer' }, outsider._id)).data).toMatchObject({ status: 'none', canJoinTeams: true });
    const registration = {
      action: 'registerVolunteer',
      realName: '周芳',
      phone: '13512345678',
      skills: ['陪伴聊天'],
      availability: '工作日晚上',
    };
    const pending = await team(registration, 'o-views-newcomer');
    expect(pending.data).toMatchObject({ status: 'pending', canJoinTeams: false });
    expect((await team({ action: 'decideVolunteer', openid: 'o-views-newcomer', approve: true }, INSTITUTE)).ok).toBe(true);
    expect((await team({ action: 'myVolunteer' }, 'o-views-newcomer')).data).toMatchObject({ status: 'approved', canJoinTeams: true });
    const updated = await team({ ...registration, availability: '周末全天' }, 'o-views-newcomer');
    expect(updated.data).toMatchObject({ status: 'approved', availability: '周末全天', canJoinTeams: true });
  });

  it('listCommunities lists every community in order, to anyone signed in, index-backed and strict', async () => {
    env.cloud.store.clearUnindexedScans();
    const list = await team({ action: 'listCommunities' }, 'o-resident-0001');
    expect(list).toEqual({
      ok: true,
      data: communities.map((c) => ({ id: c._id, name: c.name, stationName: c.stationName })),
    });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
    expect(await team({ action: 'listCommunities', kind: 'estate' }, 'o-resident-0001')).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });

  it('a registration names the community it picked; its station sees it', async () => {
    const picked = communities[1] as CommunityUnit;
    const reg = await team(
      { action: 'registerVolunteer', realName: '吴桐', phone: '13600006666', skills: [], availability: '', communityId: picked._id },
      'o-views-picker',
    );
    expect(reg.data).toMatchObject({ status: 'pending', communityId: picked._id });
    const station = users.find((u) => u.roles.some((g) => g.role === 'station_staff' && g.scopeId === picked._id)) as UserProfile;
    const seen = await team({ action: 'listVolunteerApplications' }, station._id);
    expect(seen.data.map((a: { openid: string }) => a.openid)).toContain('o-views-picker');
  });

  it('a resident who registered shows in the team by the registered name (as on the join request), not the old display name', async () => {
    const resident = users.find((u) => u._id === 'o-resident-0002') as UserProfile;
    expect(resident.displayName).not.toBe('闻*');
    await team({ action: 'registerVolunteer', realName: '闻晓燕', phone: '13966668888', skills: [], availability: '' }, resident._id);
    await team({ action: 'decideVolunteer', openid: resident._id, approve: true }, INSTITUTE);
    const asked = await team({ action: 'requestJoin', teamId: teamB._id }, resident._id);
    const [row] = (await team({ action: 'listJoinRequests', teamId: teamB._id }, teamB.leaderOpenid)).data.filter(
      (r: { openid: string }) => r.openid === resident._id,
    );
    expect(row.displayName).toBe('闻*');
    env.cloud.store.clearUnindexedScans();
    expect((await team({ action: 'decideJoin', requestId: asked.data.requestId, approve: true }, teamB.leaderOpenid)).ok).toBe(true);
    const detail = await team({ action: 'teamDetail', teamId: teamB._id }, resident._id);
    expect(detail.data.myRelation).toBe('member');
    expect(detail.data.members).toContainEqual({ displayName: '闻*', isLeader: false });
    expect(detail.data.members).not.toContainEqual({ displayName: resident.displayName, isLeader: false });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });
});
