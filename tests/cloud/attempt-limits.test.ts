import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';

const units = buildDemoSeed().org_units as unknown as OrgUnit[];
const community = units.find((u) => u.kind === 'community') as OrgUnit;
const building = units.find((u) => u.kind === 'building' && u.path[1] === community._id) as OrgUnit;

/** Guessing a secret is limited: a few wrong tries, then a lock with a clear message, logged. */
describe('attempt limits on codes', () => {
  const env = withTestCloud();
  const identity = async (data: object, openid: string) => (await env.cloud.call('identity', data, openid)).body.result;
  const station = () =>
    (
      env.cloud.store.find('users', { 'roles.role': 'station_staff' }) as { _id: string; roles: { role: string; scopeId: string }[] }[]
    ).find((u) => u.roles.some((g) => g.role === 'station_staff' && g.scopeId === community._id))?._id as string;

  it('locks a caller out of invitation codes after 5 wrong ones, even for a valid code; others are unaffected', async () => {
    const issued = await identity({ action: 'issueInvitation', role: 'building_head', scopeId: building._id }, station());
    expect(issued.ok).toBe(true);
    for (let i = 0; i < 4; i++) {
      expect(await identity({ action: 'redeemInvitation', code: `WRONG00${i}` }, 'o-guesser')).toMatchObject({
        ok: false,
        code: 'RESOURCE.NOT_FOUND',
      });
    }
    const fifth = await identity({ action: 'redeemInvitation', code: 'WRONG009' }, 'o-guesser');
    expect(fifth).toMatchObject({ ok: false, code: 'AUTH.TOO_MANY_ATTEMPTS' });
    expect(fifth.message).toMatch(/邀请码输错次数过多.*分钟后可再试/);
    // Locked: even the right code is not looked up, and it stays unused.
    expect(await identity({ action: 'redeemInvitation', code: issued.data.code }, 'o-guesser')).toMatchObject({
      ok: false,
      code: 'AUTH.TOO_MANY_ATTEMPTS',
    });
    expect(env.cloud.store.findById('invitations', issued.data.code)).toMatchObject({ usedBy: null });
    // Someone else still redeems it.
    expect(await identity({ action: 'redeemInvitation', code: issued.data.code }, 'o-honest')).toMatchObject({ ok: true });
  });

  it('the lock ends after an hour', async () => {
    await fetch(`${env.cloud.url}/_dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 61 * 60_000 }) });
    expect(await identity({ action: 'redeemInvitation', code: 'WRONG010' }, 'o-guesser')).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
  });
});
