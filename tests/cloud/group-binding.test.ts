import { mintGroupEnterCloudId } from '../../local-cloud/openapi/cloud-id';
import { withTestCloud } from '../support/local-cloud-harness';
import { announceClient, buildingsOf, confirmedIn, STATION_C1, seed } from './announce-support';

/**
 * A group is bound to a building only from a share card issued for that building (its token,
 * checked server-side) and only when the opener lives there; staff can unbind it.
 */
describe('binding groups from share cards', () => {
  const env = withTestCloud(announceClient);
  const c1 = buildingsOf('org-community-01');
  const unbound = c1.filter(
    (b) =>
      seed.wechat_groups.some((g) => g.buildingId === b && g.opengid === null) &&
      confirmedIn([b]).some((u) => u._id.startsWith('o-resident-')),
  );
  const [victim, home] = unbound as [string, string];
  const victimGroup = seed.wechat_groups.find((g) => g.buildingId === victim && g.opengid === null) as { _id: string };
  const residentOf = (b: string) => confirmedIn([b]).find((u) => u._id.startsWith('o-resident-'))?._id as string;
  const attacker = residentOf(home);
  const resident = residentOf(victim);
  const headOf = (b: string) => (seed.org_units.find((u) => u._id === b) as unknown as { buildingHeadOpenid: string }).buildingHeadOpenid;
  const groupOf = () => env.cloud.store.findById('wechat_groups', victimGroup._id) as { opengid: string | null; boundBy?: string | null };

  it('refuses to bind a group to a building the card was not issued for, or for an opener from elsewhere', async () => {
    const { id } = await env.api.publishNew(STATION_C1, { targets: ['org-community-01'] });
    await env.api.drain();
    const tokenFor = async (b: string) =>
      (await env.api.must({ action: 'shareTasks' }, headOf(b))).items.find(
        (t: { announcementId: string; buildingId: string }) => t.announcementId === id && t.buildingId === b,
      )?.shareToken as string;
    const open = (who: string, gid: string, buildingId: string, shareToken?: string) =>
      env.api.must(
        {
          action: 'detail',
          id,
          buildingId,
          groupCloudId: mintGroupEnterCloudId({ opengid: gid, openid: who }),
          ...(shareToken ? { shareToken } : {}),
        },
        who,
      );

    // The attacker's own group, the victim building named by the client: no token, another building's token, a forged one.
    const homeToken = await tokenFor(home);
    for (const token of [undefined, homeToken, 'A'.repeat(22)]) {
      expect((await open(attacker, 'gid-attacker', victim, token)).group).toMatchObject({ bound: false });
    }
    // The right token, but the opener does not live in that building.
    const victimToken = await tokenFor(victim);
    expect((await open(attacker, 'gid-attacker', victim, victimToken)).group).toMatchObject({ bound: false });
    expect(groupOf().opengid).toBeNull();
    expect(env.cloud.store.count('wechat_groups', { opengid: 'gid-attacker' })).toBe(0);

    // A resident of the building opens the building head's card in their group: bound, and who bound it is recorded.
    expect((await open(resident, 'gid-victim-real', victim, victimToken)).group).toMatchObject({ bound: true, buildingId: victim });
    expect(groupOf()).toMatchObject({ opengid: 'gid-victim-real', boundBy: resident });

    // Staff unbind it; it can be bound again later from a proper card.
    const org = async (data: object, who: string) => (await env.cloud.call('org', data, who)).body.result;
    expect(await org({ action: 'updateGroup', groupId: victimGroup._id, unbind: true }, resident)).toMatchObject({ ok: false });
    expect(await org({ action: 'updateGroup', groupId: victimGroup._id, unbind: true }, STATION_C1)).toMatchObject({
      ok: true,
      data: { bound: false },
    });
    expect(groupOf()).toMatchObject({ opengid: null, boundBy: null });
  });
});
