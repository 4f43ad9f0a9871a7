import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { UserProfile } from '../../src/domain/identity/role';
import type { Team } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
const teams = seed.teams as unknown as Team[];
const users = seed.users as unknown as UserProfile[];
const teamsOf = (openid: string) => teams.filter((t) => t.memberOpenids.includes(openid));

/** The seed holds what the app itself would have created: every team member registered and was approved. */
describe('the demo seed is consistent with the app', () => {
  const env = withTestCloud();
  const team = async (data: object, openid: string) => (await env.cloud.call('team', data, openid)).body.result;

  it('a seed volunteer who leaves their only team can join another one', async () => {
    const loner = users.find((u) => u._id.startsWith('o-volunteer-') && teamsOf(u._id).length === 1) as UserProfile;
    const [own] = teamsOf(loner._id) as [Team];
    const other = teams.find((t) => t._id !== own._id) as Team;
    expect(await team({ action: 'leaveTeam', teamId: own._id }, loner._id)).toMatchObject({ ok: true });
    const asked = await team({ action: 'requestJoin', teamId: other._id, note: '换个队伍' }, loner._id);
    expect(asked).toMatchObject({ ok: true, data: { teamId: other._id, status: 'open' } });
    const decided = await team({ action: 'decideJoin', requestId: asked.data.requestId, approve: true }, other.leaderOpenid);
    expect(decided).toMatchObject({ ok: true, data: { status: 'approved' } });
  });

  it('every seeded team member has an approved registration with their masked name and sealed PII', async () => {
    const members = new Set(teams.flatMap((t) => t.memberOpenids));
    for (const openid of members) {
      const stored = env.cloud.store.findById('volunteer_profiles', openid) as Record<string, unknown> | null;
      const user = users.find((u) => u._id === openid) as UserProfile;
      expect(stored).toMatchObject({ status: 'approved', realNameMasked: user.displayName, phoneMasked: user.phoneMasked });
      expect(String(stored?.realNameSealed)).not.toBe('');
      expect(String(stored?.phoneSealed)).not.toContain(String(user.phoneMasked).slice(-4));
    }
    const mine = await team({ action: 'myVolunteer' }, 'o-leader-01');
    expect(mine).toMatchObject({ ok: true, data: { status: 'approved' } });
  });
});
