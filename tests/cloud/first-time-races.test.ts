import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { OrgUnit, Team } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
const units = seed.org_units as unknown as OrgUnit[];
const teams = seed.teams as unknown as Team[];
const community = units.find((u) => u.kind === 'community') as OrgUnit;
const buildings = units.filter((u) => u.kind === 'building' && u.path[1] === community._id).slice(0, 2);

/**
 * Two writes at once by a user with no `users` record yet both read "no user" and both add one:
 * the loser must see the winner's record (or a clear refusal), never SYS.INTERNAL.
 */
describe('first-time users racing', () => {
  const env = withTestCloud();
  const call = async (fn: string, data: object, openid: string) => (await env.cloud.call(fn, data, openid)).body.result;
  const stationOf = () =>
    (
      env.cloud.store.find('users', { 'roles.role': 'station_staff' }) as { _id: string; roles: { role: string; scopeId: string }[] }[]
    ).find((u) => u.roles.some((g) => g.role === 'station_staff' && g.scopeId === community._id))?._id as string;

  it('redeeming two codes at once grants both roles', async () => {
    const station = stationOf();
    for (let round = 0; round < 4; round++) {
      const codes = [];
      for (const b of buildings) {
        const issued = await call('identity', { action: 'issueInvitation', role: 'building_head', scopeId: b._id }, station);
        codes.push(issued.data.code as string);
      }
      const newcomer = `o-first-timer-${round}`;
      const answers = await Promise.all(codes.map((code) => call('identity', { action: 'redeemInvitation', code }, newcomer)));
      expect(answers.map((a) => a.code ?? 'ok')).toEqual(['ok', 'ok']);
      const me = await call('identity', { action: 'whoami' }, newcomer);
      expect(me.data.roles.map((g: { scopeId: string }) => g.scopeId).sort()).toEqual(buildings.map((b) => b._id).sort());
    }
  });

  it('a double-tapped redeem answers the same grant twice', async () => {
    const issued = await call('identity', { action: 'issueInvitation', role: 'building_head', scopeId: buildings[0]?._id }, stationOf());
    const twice = await Promise.all(
      [1, 2].map(() => call('identity', { action: 'redeemInvitation', code: issued.data.code }, 'o-double-tap')),
    );
    expect(twice.map((a) => a.ok)).toEqual([true, true]);
    expect(twice[1].data).toEqual(twice[0].data);
  });

  it('two leaders admitting the same new volunteer at once both succeed', async () => {
    const [a, b] = teams as [Team, Team];
    for (let round = 0; round < 3; round++) {
      const volunteer = `o-new-volunteer-${round}`;
      const registered = await call(
        'team',
        {
          action: 'registerVolunteer',
          realName: '赵新',
          phone: `1391234560${round}`,
          skills: ['陪伴聊天'],
          availability: '周末',
          communityId: community._id,
        },
        volunteer,
      );
      expect(registered.ok).toBe(true);
      expect(await call('team', { action: 'decideVolunteer', openid: volunteer, approve: true }, stationOf())).toMatchObject({ ok: true });
      const asks = await Promise.all([a, b].map((t) => call('team', { action: 'requestJoin', teamId: t._id }, volunteer)));
      expect(asks.map((x) => x.code ?? 'ok')).toEqual(['ok', 'ok']);
      expect(env.cloud.store.findById('users', volunteer)).toBeNull();
      const decided = await Promise.all(
        [a, b].map((t, i) => call('team', { action: 'decideJoin', requestId: asks[i].data.requestId, approve: true }, t.leaderOpenid)),
      );
      expect(decided.map((x) => x.code ?? 'ok')).toEqual(['ok', 'ok']);
      const roles = (env.cloud.store.findById('users', volunteer) as { roles: { role: string; scopeId: string }[] }).roles;
      expect(
        roles
          .filter((g) => g.role === 'volunteer')
          .map((g) => g.scopeId)
          .sort(),
      ).toEqual([a._id, b._id].sort());
    }
  });
});
