import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { UserProfile } from '../../src/domain/identity/role';
import type { Team } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
const teamA = seed.teams[0] as Team; // led by o-leader-01
const teamB = seed.teams[1] as Team; // led by o-leader-02
const outsider = seed.users.find(
  (u) => u._id.startsWith('o-volunteer-') && !teamA.memberOpenids.includes(u._id) && !teamB.memberOpenids.includes(u._id),
) as UserProfile;
const secondOutsider = seed.users.find(
  (u) =>
    u._id.startsWith('o-volunteer-') &&
    u._id !== outsider._id &&
    !teamA.memberOpenids.includes(u._id) &&
    !teamB.memberOpenids.includes(u._id),
) as UserProfile;

describe('team function: scope, forged identities, bad input, races and indexes', () => {
  const env = withTestCloud();

  const team = async (data: object, openid: string) => (await env.cloud.call('team', data, openid)).body.result;

  it('a leader of team A cannot list or decide team B’s requests', async () => {
    const asked = await team({ action: 'requestJoin', teamId: teamB._id }, outsider._id);
    expect(asked.ok).toBe(true);
    expect(await team({ action: 'listJoinRequests', teamId: teamB._id }, teamA.leaderOpenid)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await team({ action: 'decideJoin', requestId: asked.data.requestId, approve: true }, teamA.leaderOpenid)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    // A plain member of team B is not its leader.
    const memberOfB = teamB.memberOpenids.find((m) => m !== teamB.leaderOpenid) as string;
    expect(await team({ action: 'decideJoin', requestId: asked.data.requestId, approve: true }, memberOfB)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await team({ action: 'decideJoin', requestId: asked.data.requestId, approve: true }, 'o-resident-0001')).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(env.cloud.store.findById('team_join_requests', asked.data.requestId)).toMatchObject({ status: 'open' });
    expect(env.cloud.store.findById('teams', teamB._id)).toMatchObject({ memberOpenids: teamB.memberOpenids });
  });

  it('two concurrent decisions on one request: exactly one wins, the member is added once', async () => {
    const [req] = (await team({ action: 'listJoinRequests', teamId: teamB._id }, teamB.leaderOpenid)).data;
    const results = await Promise.all([
      team({ action: 'decideJoin', requestId: req.requestId, approve: true }, teamB.leaderOpenid),
      team({ action: 'decideJoin', requestId: req.requestId, approve: false }, 'o-institute-01'),
      team({ action: 'decideJoin', requestId: req.requestId, approve: true }, 'o-institute-02'),
    ]);
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r.code).toBe('STATE.CONFLICT');
    const stored = env.cloud.store.findById('team_join_requests', req.requestId) as { status: string };
    expect(stored.status).toBe(winners[0].data.status);
    const members = (env.cloud.store.findById('teams', teamB._id) as unknown as Team).memberOpenids;
    const roles = (env.cloud.store.findById('users', outsider._id) as unknown as UserProfile).roles;
    if (stored.status === 'approved') {
      expect(members.filter((m) => m === outsider._id)).toHaveLength(1);
      expect(roles.filter((g) => g.role === 'volunteer' && g.scopeId === teamB._id)).toHaveLength(1);
    } else {
      expect(members).not.toContain(outsider._id);
      expect(roles).not.toContainEqual({ role: 'volunteer', scopeId: teamB._id });
    }
  });

  it('two concurrent identical join requests make one open request', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => team({ action: 'requestJoin', teamId: teamA._id, note: '想加入' }, secondOutsider._id)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.data.requestId)).size).toBe(1);
    expect(env.cloud.store.count('team_join_requests', { teamId: teamA._id, openid: secondOutsider._id, status: 'open' })).toBe(1);
  });

  it('an openid in the body changes nothing: schemas are strict, the caller is the WeChat context', async () => {
    // The seeded volunteer's own approved registration, which no forged call may touch.
    const seededRegistration = env.cloud.store.findById('volunteer_profiles', 'o-volunteer-0001');
    const cases = [
      {
        action: 'registerVolunteer',
        realName: '假冒者',
        phone: '13900000000',
        skills: [],
        availability: '',
        openid: 'o-volunteer-0001',
      },
      { action: 'requestJoin', teamId: teamA._id, openid: secondOutsider._id },
      { action: 'leaveTeam', teamId: teamA._id, openid: teamA.memberOpenids[1] },
      { action: 'listJoinRequests', teamId: teamA._id, openid: teamA.leaderOpenid },
      { action: 'transferLeadership', teamId: teamA._id, toOpenid: 'o-forger', _openid: teamA.leaderOpenid },
    ];
    for (const data of cases) expect(await team(data, 'o-forger')).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(env.cloud.store.findById('volunteer_profiles', 'o-forger')).toBeNull();
    expect(env.cloud.store.findById('volunteer_profiles', 'o-volunteer-0001')).toEqual(seededRegistration);
    expect(env.cloud.store.findById('teams', teamA._id)).toMatchObject({
      leaderOpenid: teamA.leaderOpenid,
      memberOpenids: teamA.memberOpenids,
    });
    // Without a forged field, the forger acts only as themself.
    expect(await team({ action: 'leaveTeam', teamId: teamA._id }, 'o-forger')).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });
    expect(await team({ action: 'listJoinRequests', teamId: teamA._id }, 'o-forger')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('bad input gets a clear code and changes nothing', async () => {
    const counts = () => ['volunteer_profiles', 'teams', 'team_join_requests', 'users'].map((c) => env.cloud.store.count(c, {}));
    const before = counts();
    const reg = { action: 'registerVolunteer', realName: '张三', phone: '13912345678', skills: ['助餐'], availability: '周末' };
    const invalid: object[] = [
      { action: 'registerVolunteer' },
      { ...reg, realName: undefined },
      { ...reg, realName: '张' },
      { ...reg, realName: '张'.repeat(21) },
      { ...reg, phone: '12345678901' },
      { ...reg, phone: 13912345678 },
      { ...reg, skills: '助餐' },
      { ...reg, skills: Array.from({ length: 11 }, (_, i) => `技能${i}`) },
      { ...reg, skills: ['一二三四五六七八九十一'] },
      { ...reg, availability: '时'.repeat(51) },
      { action: 'createTeam', name: '新队', intro: '', leaderOpenid: 'o-volunteer-0001', skills: [], serviceArea: [] },
      { action: 'createTeam', name: '新', intro: '', leaderOpenid: 'o-volunteer-0001', skills: [], serviceArea: ['org-community-01'] },
      {
        action: 'createTeam',
        name: '新队',
        intro: '介'.repeat(61),
        leaderOpenid: 'o-volunteer-0001',
        skills: [],
        serviceArea: ['org-community-01'],
      },
      { action: 'createTeam', name: '新队', intro: '', skills: [], serviceArea: ['org-community-01'] },
      { action: 'teamDetail' },
      { action: 'teamDetail', teamId: 7 },
      { action: 'requestJoin', teamId: teamA._id, note: '留'.repeat(61) },
      { action: 'decideJoin', requestId: 'x', approve: 'yes' },
      { action: 'decideVolunteer', openid: 'o-volunteer-0001' },
      { action: 'transferLeadership', teamId: teamA._id },
      { action: 'listVolunteerApplications', extra: 1 },
    ];
    for (const data of invalid)
      expect([data, await team(data, 'o-institute-01')]).toMatchObject([data, { ok: false, code: 'INPUT.INVALID' }]);
    expect(await team({ action: 'noSuchAction' }, 'o-institute-01')).toMatchObject({ ok: false, code: 'INPUT.UNKNOWN_ACTION' });

    const unknown: Array<[object, string]> = [
      [{ action: 'teamDetail', teamId: 'team-99' }, 'o-resident-0001'],
      [{ action: 'requestJoin', teamId: 'team-99' }, 'o-volunteer-0001'],
      [{ action: 'leaveTeam', teamId: 'team-99' }, 'o-volunteer-0001'],
      [{ action: 'listJoinRequests', teamId: 'team-99' }, 'o-institute-01'],
      [{ action: 'decideJoin', requestId: 'no-such-request', approve: true }, 'o-institute-01'],
      [{ action: 'decideVolunteer', openid: 'o-nobody', approve: true }, 'o-institute-01'],
      [{ action: 'transferLeadership', teamId: 'team-99', toOpenid: 'o-volunteer-0001' }, 'o-institute-01'],
      [
        { action: 'createTeam', name: '新队', intro: '', leaderOpenid: 'o-nobody', skills: [], serviceArea: ['org-community-01'] },
        'o-institute-01',
      ],
      [
        { action: 'createTeam', name: '新队', intro: '', leaderOpenid: 'o-volunteer-0001', skills: [], serviceArea: ['org-nowhere'] },
        'o-institute-01',
      ],
      [{ ...reg, communityId: 'org-nowhere' }, 'o-newbie'],
    ];
    for (const [data, who] of unknown)
      expect([data, await team(data, who)]).toMatchObject([data, { ok: false, code: 'RESOURCE.NOT_FOUND' }]);
    expect(counts()).toEqual(before);
  });

  it('every list query is index-backed', async () => {
    await team({ action: 'registerVolunteer', realName: '钱多多', phone: '13600001234', skills: [], availability: '' }, 'o-indexed');
    env.cloud.store.clearUnindexedScans();
    const calls: Array<[object, string]> = [
      [{ action: 'listVolunteerApplications' }, 'o-institute-01'],
      [{ action: 'listVolunteerApplications' }, 'o-station-01'],
      [{ action: 'listJoinRequests', teamId: teamA._id }, teamA.leaderOpenid],
      [{ action: 'teamDetail', teamId: teamA._id }, 'o-resident-0001'],
      [{ action: 'listTeams' }, 'o-resident-0001'],
      [{ action: 'myJoinRequests' }, secondOutsider._id],
      [{ action: 'myVolunteer' }, 'o-indexed'],
    ];
    for (const [data, who] of calls) expect((await team(data, who)).ok).toBe(true);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('a registration without a community falls back to the one subdistrict; its institute sees it', async () => {
    const list = await team({ action: 'listVolunteerApplications' }, 'o-institute-01');
    expect(list.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ openid: 'o-indexed', communityId: null, phone: '13600001234' })]),
    );
    const station = await team({ action: 'listVolunteerApplications' }, 'o-station-01');
    expect(station.data.map((a: { openid: string }) => a.openid)).not.toContain('o-indexed');
  });

  it('teamDetail shows masked names to anyone and openids only to those who manage the team', async () => {
    const resident = await team({ action: 'teamDetail', teamId: teamA._id }, 'o-resident-0001');
    expect(resident.data).toMatchObject({ name: teamA.name, rating: teamA.rating, myRelation: 'none', canManage: false });
    expect(resident.data.members.every((m: { openid?: string; displayName: string }) => !m.openid && /\*$/.test(m.displayName))).toBe(true);
    expect(resident.data.serviceArea).toEqual([{ id: teamA.serviceArea[0], name: '桂溪街道' }]);
    const leader = await team({ action: 'teamDetail', teamId: teamA._id }, teamA.leaderOpenid);
    expect(leader.data).toMatchObject({ myRelation: 'leader', canManage: true, leader: { openid: teamA.leaderOpenid } });
    expect(leader.data.members).toHaveLength(teamA.memberOpenids.length);
  });
});
