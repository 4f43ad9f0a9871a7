import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { UserProfile } from '../../src/domain/identity/role';
import type { Team } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
const teamB = seed.teams[1] as Team; // team-02, led by o-leader-02
const INSTITUTE = 'o-institute-01';
const STATION_01 = 'o-station-01'; // station staff of org-community-01

describe('volunteers and teams: register → approve → create team / join → decide → member sees team', () => {
  const env = withTestCloud();

  const team = async (data: object, openid: string) => (await env.cloud.call('team', data, openid)).body.result;
  const registration = (realName: string, phone: string) => ({
    action: 'registerVolunteer',
    realName,
    phone,
    skills: ['助餐送餐', '陪伴聊天'],
    availability: '周末上午',
    communityId: 'org-community-01',
  });
  let newTeamId = '';

  it('a newcomer registers; the same input again changes nothing; staff of the area see it in clear, others masked or not at all', async () => {
    const first = await team(registration('王小明', '13912345678'), 'o-new-leader');
    expect(first).toMatchObject({ ok: true, data: { status: 'pending', realNameMasked: '王*', phoneMasked: '139****5678' } });
    const stored = env.cloud.store.findById('volunteer_profiles', 'o-new-leader');
    const again = await team(registration('王小明', '13912345678'), 'o-new-leader');
    expect(again.data).toEqual(first.data);
    expect(env.cloud.store.findById('volunteer_profiles', 'o-new-leader')).toEqual(stored);

    env.cloud.store.clearUnindexedScans();
    const station = await team({ action: 'listVolunteerApplications' }, STATION_01);
    expect(station.ok).toBe(true);
    expect(station.data).toEqual([
      expect.objectContaining({ openid: 'o-new-leader', realName: '王小明', phone: '13912345678', communityId: 'org-community-01' }),
    ]);
    const institute = await team({ action: 'listVolunteerApplications' }, INSTITUTE);
    expect(institute.data.map((a: { openid: string }) => a.openid)).toContain('o-new-leader');
    // Staff of another community do not see it.
    const other = await team({ action: 'listVolunteerApplications' }, 'o-station-03');
    expect(other.ok).toBe(true);
    expect(other.data.map((a: { openid: string }) => a.openid)).not.toContain('o-new-leader');
    expect(await team({ action: 'listVolunteerApplications' }, 'o-resident-0001')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('re-registering while pending updates the application', async () => {
    const changed = await team({ ...registration('王小明', '13912345678'), skills: ['水电维修'] }, 'o-new-leader');
    expect(changed).toMatchObject({ ok: true, data: { status: 'pending', skills: ['水电维修'] } });
  });

  it('an unapproved volunteer can neither lead nor join', async () => {
    const create = await team(
      { action: 'createTeam', name: '新星服务队', intro: '', leaderOpenid: 'o-new-leader', skills: [], serviceArea: ['org-community-01'] },
      INSTITUTE,
    );
    expect(create).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    expect(await team({ action: 'requestJoin', teamId: teamB._id }, 'o-new-leader')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(env.cloud.store.count('team_join_requests', {})).toBe(0);
  });

  it('staff of another community may not decide; staff in scope approve exactly once', async () => {
    expect(await team({ action: 'decideVolunteer', openid: 'o-new-leader', approve: true }, 'o-station-03')).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await team({ action: 'decideVolunteer', openid: 'o-new-leader', approve: true }, 'o-leader-01')).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(env.cloud.store.findById('volunteer_profiles', 'o-new-leader')).toMatchObject({ status: 'pending' });
    const ok = await team({ action: 'decideVolunteer', openid: 'o-new-leader', approve: true }, STATION_01);
    expect(ok).toEqual({ ok: true, data: { openid: 'o-new-leader', status: 'approved' } });
    const twice = await team({ action: 'decideVolunteer', openid: 'o-new-leader', approve: false }, INSTITUTE);
    expect(twice).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    expect(await team({ action: 'myVolunteer' }, 'o-new-leader')).toMatchObject({ ok: true, data: { status: 'approved' } });
  });

  it('a rejection says why; registering again re-enters review', async () => {
    await team(registration('李四', '13700001111'), 'o-rejected');
    const no = await team({ action: 'decideVolunteer', openid: 'o-rejected', approve: false, note: '电话无法接通' }, INSTITUTE);
    expect(no.data).toEqual({ openid: 'o-rejected', status: 'rejected' });
    expect((await team({ action: 'myVolunteer' }, 'o-rejected')).data).toMatchObject({ status: 'rejected', decisionNote: '电话无法接通' });
    expect((await team(registration('李四', '13700001111'), 'o-rejected')).data).toMatchObject({ status: 'pending', decisionNote: '' });
  });

  it('a resident cannot create a team; a leader neither', async () => {
    const input = {
      action: 'createTeam',
      name: '新星服务队',
      intro: '',
      leaderOpenid: 'o-new-leader',
      skills: [],
      serviceArea: ['org-community-01'],
    };
    expect(await team(input, 'o-resident-0001')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await team(input, 'o-leader-01')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await team(input, STATION_01)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(env.cloud.store.count('teams', {})).toBe(seed.teams.length);
  });

  it('the institute creates a team; its leader holds team_leader and volunteer grants on it', async () => {
    const created = await team(
      {
        action: 'createTeam',
        name: '新星服务队',
        intro: '新成立的综合服务队',
        leaderOpenid: 'o-new-leader',
        skills: ['水电维修', '水电维修', '助餐送餐'],
        serviceArea: ['org-community-01', 'org-estate-01'],
      },
      INSTITUTE,
    );
    expect(created).toMatchObject({
      ok: true,
      data: {
        name: '新星服务队',
        skills: ['水电维修', '助餐送餐'],
        rating: 0,
        memberCount: 1,
        leader: { displayName: '王*', openid: 'o-new-leader' },
        canManage: true,
      },
    });
    expect(created.data.serviceArea.map((a: { name: string }) => a.name).every(Boolean)).toBe(true);
    newTeamId = created.data.teamId;
    const leader = env.cloud.store.findById('users', 'o-new-leader') as unknown as UserProfile;
    expect(leader.roles).toEqual(
      expect.arrayContaining([
        { role: 'team_leader', scopeId: newTeamId },
        { role: 'volunteer', scopeId: newTeamId },
      ]),
    );
    const dup = await team(
      { action: 'createTeam', name: '新星服务队', intro: '', leaderOpenid: 'o-new-leader', skills: [], serviceArea: ['org-community-01'] },
      INSTITUTE,
    );
    expect(dup).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    expect(env.cloud.store.count('teams', {})).toBe(seed.teams.length + 1);
  });

  it('an approved volunteer asks to join (idempotent); the new leader decides; the member sees the team', async () => {
    await team(registration('赵敏', '13811112222'), 'o-joiner');
    await team({ action: 'decideVolunteer', openid: 'o-joiner', approve: true }, STATION_01);
    const asked = await team({ action: 'requestJoin', teamId: newTeamId, note: '周末有空' }, 'o-joiner');
    expect(asked).toMatchObject({ ok: true, data: { teamId: newTeamId, status: 'open', note: '周末有空' } });
    const again = await team({ action: 'requestJoin', teamId: newTeamId }, 'o-joiner');
    expect(again.data.requestId).toBe(asked.data.requestId);
    expect(env.cloud.store.count('team_join_requests', { teamId: newTeamId })).toBe(1);
    expect((await team({ action: 'teamDetail', teamId: newTeamId }, 'o-joiner')).data.myRelation).toBe('requested');
    expect((await team({ action: 'myJoinRequests' }, 'o-joiner')).data).toEqual([
      expect.objectContaining({ requestId: asked.data.requestId }),
    ]);

    env.cloud.store.clearUnindexedScans();
    const list = await team({ action: 'listJoinRequests', teamId: newTeamId }, 'o-new-leader');
    expect(list.data).toEqual([
      expect.objectContaining({ requestId: asked.data.requestId, openid: 'o-joiner', displayName: '赵*', phoneMasked: '138****2222' }),
    ]);
    expect(env.cloud.store.unindexedScans()).toEqual([]);

    const decided = await team({ action: 'decideJoin', requestId: asked.data.requestId, approve: true }, 'o-new-leader');
    expect(decided).toEqual({ ok: true, data: { requestId: asked.data.requestId, teamId: newTeamId, status: 'approved' } });
    const seen = await team({ action: 'teamDetail', teamId: newTeamId }, 'o-joiner');
    expect(seen.data).toMatchObject({ myRelation: 'member', memberCount: 2, canManage: false });
    expect(seen.data.members).toEqual([
      { displayName: '王*', isLeader: true },
      { displayName: '赵*', isLeader: false },
    ]);
    const me = await env.cloud.call('identity', { action: 'whoami' }, 'o-joiner');
    expect(me.body.result.data.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'volunteer', scopeId: newTeamId })]));
    expect(await team({ action: 'requestJoin', teamId: newTeamId }, 'o-joiner')).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    const teams = await team({ action: 'listTeams' }, 'o-joiner');
    expect(teams.data.find((t: { teamId: string }) => t.teamId === newTeamId)).toMatchObject({ mine: true, memberCount: 2 });
  });

  it('the leader must hand over before leaving; leadership moves with the grants', async () => {
    expect(await team({ action: 'leaveTeam', teamId: newTeamId }, 'o-new-leader')).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    expect(await team({ action: 'transferLeadership', teamId: newTeamId, toOpenid: 'o-resident-0001' }, 'o-new-leader')).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
    });
    expect(await team({ action: 'transferLeadership', teamId: newTeamId, toOpenid: 'o-joiner' }, 'o-joiner')).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await team({ action: 'transferLeadership', teamId: newTeamId, toOpenid: 'o-joiner' }, 'o-leader-01')).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    const moved = await team({ action: 'transferLeadership', teamId: newTeamId, toOpenid: 'o-joiner' }, 'o-new-leader');
    expect(moved).toEqual({ ok: true, data: { teamId: newTeamId, leaderOpenid: 'o-joiner' } });
    const oldLeader = env.cloud.store.findById('users', 'o-new-leader') as unknown as UserProfile;
    const newLeader = env.cloud.store.findById('users', 'o-joiner') as unknown as UserProfile;
    expect(oldLeader.roles).not.toContainEqual({ role: 'team_leader', scopeId: newTeamId });
    expect(oldLeader.roles).toContainEqual({ role: 'volunteer', scopeId: newTeamId });
    expect(newLeader.roles).toContainEqual({ role: 'team_leader', scopeId: newTeamId });
    expect(env.cloud.store.findById('teams', newTeamId)).toMatchObject({ leaderOpenid: 'o-joiner' });
    // The former leader lost the leader's powers with the grant.
    expect(await team({ action: 'listJoinRequests', teamId: newTeamId }, 'o-new-leader')).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect((await team({ action: 'teamDetail', teamId: newTeamId }, 'o-joiner')).data).toMatchObject({
      myRelation: 'leader',
      canManage: true,
    });

    const left = await team({ action: 'leaveTeam', teamId: newTeamId }, 'o-new-leader');
    expect(left).toEqual({ ok: true, data: { teamId: newTeamId, left: true } });
    expect(env.cloud.store.findById('teams', newTeamId)).toMatchObject({ memberOpenids: ['o-joiner'] });
    expect((env.cloud.store.findById('users', 'o-new-leader') as unknown as UserProfile).roles).not.toContainEqual({
      role: 'volunteer',
      scopeId: newTeamId,
    });
    expect(await team({ action: 'leaveTeam', teamId: newTeamId }, 'o-new-leader')).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });
    // The institute steps in for a team of its subdistrict.
    await team({ action: 'requestJoin', teamId: newTeamId }, 'o-new-leader');
    const [req] = (await team({ action: 'listJoinRequests', teamId: newTeamId }, INSTITUTE)).data;
    expect((await team({ action: 'decideJoin', requestId: req.requestId, approve: true }, INSTITUTE)).ok).toBe(true);
    expect(await team({ action: 'transferLeadership', teamId: newTeamId, toOpenid: 'o-new-leader' }, INSTITUTE)).toMatchObject({
      ok: true,
    });
  });

  it('a seed team member (volunteer grant, no profile) may join another team; a seed leader is a valid new leader', async () => {
    const volunteer = seed.users.find((u) => u._id.startsWith('o-volunteer-') && !teamB.memberOpenids.includes(u._id)) as UserProfile;
    const asked = await team({ action: 'requestJoin', teamId: teamB._id }, volunteer._id);
    expect(asked).toMatchObject({ ok: true, data: { status: 'open' } });
  });

  it('keeps volunteers’ phone numbers and real names encrypted at rest', async () => {
    const dbDir = path.join(env.cloud.dataDir, 'database');
    const raw = Buffer.concat(readdirSync(dbDir).map((f) => readFileSync(path.join(dbDir, f)))).toString('utf8');
    expect(raw).toContain('139****5678');
    for (const clear of ['13912345678', '王小明', '13811112222', '赵敏', '13700001111', '李四']) expect(raw).not.toContain(clear);
  });
  it('新建队伍 retried with its request id answers the team already made, even when the retry races the first', async () => {
    const input = {
      action: 'createTeam',
      name: '重试服务队',
      intro: '',
      leaderOpenid: 'o-new-leader',
      skills: [],
      serviceArea: ['org-community-01'],
      requestId: 'team-create-0001',
    };
    const [first, twin] = await Promise.all([team(input, INSTITUTE), team(input, INSTITUTE)]);
    expect(first).toMatchObject({ ok: true, data: { name: '重试服务队' } });
    expect(twin).toEqual(first);
    expect(await team(input, INSTITUTE)).toEqual(first);
    expect(env.cloud.store.count('teams', { name: '重试服务队' })).toBe(1);
  });
});
