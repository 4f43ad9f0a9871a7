import type { UserProfile } from '../../src/domain/identity/role';
import { withTestCloud } from '../support/local-cloud-harness';
import { orderClient, residentsOf, STATION_C1, teamById } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
const team02 = teamById.get('team-02');
const leader = team02?.leaderOpenid as string;
const [memberA, memberB] = (team02?.memberOpenids ?? []).filter((o) => o !== leader) as [string, string];

/** Guessing the resident's 6-digit 确认码 is limited per (volunteer, order) and per volunteer. */
describe('确认码 attempt limits at check-in / check-out', () => {
  const env = withTestCloud(orderClient);

  async function takenOrder(): Promise<{ orderId: string; code: string }> {
    const orderId = await env.api.place(resident._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    await env.api.must(orderId, 'take', leader);
    return { orderId, code: await codeOf(orderId) };
  }
  const codeOf = async (orderId: string) =>
    (await env.api.call({ action: 'detail', orderId }, resident._id)).data.order.serviceCode as string;
  const wrongFor = (code: string, i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

  it('5 wrong codes on one order lock that volunteer out of codes on it and give the resident a new code', async () => {
    const { orderId, code } = await takenOrder();
    for (let i = 0; i < 4; i++) {
      const wrong = await env.api.call({ action: 'checkIn', orderId, code: wrongFor(code, i) }, memberA);
      expect(wrong).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
      // Each refusal says how many tries are left before codes are paused on this order.
      expect(wrong.message).toBe(`确认码不正确，请向居民核对（再输错 ${4 - i} 次将暂停用确认码签到签退）`);
    }
    const fifth = await env.api.call({ action: 'checkIn', orderId, code: wrongFor(code, 4) }, memberA);
    expect(fifth).toMatchObject({ ok: false, code: 'AUTH.TOO_MANY_ATTEMPTS' });
    expect(fifth.message).toMatch(/确认码输错次数过多.*分钟后可再试/);
    const fresh = await codeOf(orderId);
    expect(fresh).toMatch(/^\d{6}$/);
    expect(fresh).not.toBe(code);
    // Locked: even the right code is not checked.
    expect(await env.api.call({ action: 'checkIn', orderId, code: fresh }, memberA)).toMatchObject({
      ok: false,
      code: 'AUTH.TOO_MANY_ATTEMPTS',
    });
    // Others are not locked, and the leader still confirms without a code.
    expect(await env.api.call({ action: 'checkIn', orderId, code: fresh }, memberB)).toMatchObject({ ok: true });
    expect(await env.api.call({ action: 'checkIn', orderId, volunteerOpenid: memberA }, leader)).toMatchObject({ ok: true });
  });

  it('10 wrong codes over several orders lock the volunteer out of codes everywhere for an hour', async () => {
    const orders = [await takenOrder(), await takenOrder(), await takenOrder()];
    const answers: string[] = [];
    for (const [n, { orderId, code }] of orders.entries()) {
      for (let i = 0; i < 4; i++) answers.push((await env.api.call({ action: 'checkIn', orderId, code: wrongFor(code, i) }, memberB)).code);
      if (n === 2) break;
    }
    // 4 + 4 wrong, then the 9th and 10th on the third order: the 10th locks.
    expect(answers.slice(0, 9).every((c) => c === 'INPUT.INVALID')).toBe(true);
    expect(answers[9]).toBe('AUTH.TOO_MANY_ATTEMPTS');
    const another = await takenOrder();
    expect(await env.api.call({ action: 'checkIn', orderId: another.orderId, code: another.code }, memberB)).toMatchObject({
      ok: false,
      code: 'AUTH.TOO_MANY_ATTEMPTS',
    });
    env.cloud.clock.advance(61 * 60_000);
    const now = await codeOf(another.orderId);
    expect(await env.api.call({ action: 'checkIn', orderId: another.orderId, code: now }, memberB)).toMatchObject({ ok: true });
  });
});
