import { buildDemoPii } from '../../local-cloud/seed/demo-pii';
import type { UserProfile } from '../../src/domain/identity/role';
import type { ContactRevealDoc } from '../../src/domain/order/contact.rules';
import { withTestCloud } from '../support/local-cloud-harness';
import { orderClient, residentsOf, STATION_C1, seed, teamById } from './order-support';

/**
 * PIPL minimum necessary, one rule per test: who sees a full name or the resident's phone, when,
 * and that every phone reveal is logged.
 */
const users = seed.users as UserProfile[];
const pii = buildDemoPii(users);
const [resident] = residentsOf('org-community-01') as [UserProfile];
const team02 = teamById.get('team-02');
const leader = team02?.leaderOpenid as string;
const [assigned, other] = (team02?.memberOpenids ?? []).filter((o) => o !== leader) as [string, string];
const otherLeader = teamById.get('team-04')?.leaderOpenid as string;
const PHONE = '13812345678';

describe('disclosure: full names and phones to whom the job needs them, only while it needs them', () => {
  const env = withTestCloud((cloud) => ({
    ...orderClient(cloud),
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
    team: async (data: object, openid: string): Promise<any> => (await cloud.call('team', data, openid)).body.result,
  }));
  const reveals = (orderId: string) => env.cloud.store.find('contact_reveals', { orderId }) as unknown as ContactRevealDoc[];
  const reveal = (orderId: string, openid: string) => env.api.call({ action: 'revealContact', orderId }, openid);

  async function dispatchedOrder(): Promise<string> {
    const orderId = await env.api.place(resident._id, { contactPhone: PHONE });
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    return orderId;
  }

  it('a leader sees the full names of their own team’s members; members and other leaders see masked names', async () => {
    const byLeader = await env.api.team({ action: 'teamDetail', teamId: 'team-02' }, leader);
    expect(byLeader.ok).toBe(true);
    for (const m of byLeader.data.members as { openid: string; fullName?: string; displayName: string }[]) {
      expect(m.fullName).toBe(pii.get(m.openid)?.realName);
      expect(m.displayName).toMatch(/\*$/);
    }
    for (const who of [assigned, otherLeader]) {
      const seen = await env.api.team({ action: 'teamDetail', teamId: 'team-02' }, who);
      expect(seen.ok).toBe(true);
      for (const m of seen.data.members as { fullName?: string }[]) expect(m.fullName).toBeUndefined();
      const fullNames = (team02?.memberOpenids ?? []).map((o) => pii.get(o)?.realName ?? '').filter(Boolean);
      for (const name of fullNames) expect(JSON.stringify(seen.data)).not.toContain(name);
    }
  });

  it('whoever decides a binding sees the applicant’s full name (two 金* are two people)', async () => {
    const pending = users.find((u) => u.binding === 'pending' && u.buildingId) as UserProfile;
    const building = seed.org_units.find((b) => b._id === pending.buildingId) as { buildingHeadOpenid?: string };
    const list = (await env.cloud.call('identity', { action: 'listBindingRequests' }, building.buildingHeadOpenid as string)).body.result;
    expect(list.ok).toBe(true);
    const row = list.data.find((r: { openid: string }) => r.openid === pending._id);
    expect(row.displayName).toBe(pii.get(pending._id)?.realName);
  });

  it('the detail never carries the clear phone to the team; staff in scope read it as before', async () => {
    const orderId = await dispatchedOrder();
    await env.api.must(orderId, 'take', leader);
    await env.api.mustAct('assign', orderId, leader, { memberOpenids: [assigned] });
    for (const who of [leader, assigned]) {
      const view = await env.api.call({ action: 'detail', orderId }, who);
      expect(view.data.order).toMatchObject({ contactPhone: '138****5678', contactPhoneMasked: true });
      expect(JSON.stringify(view.data)).not.toContain(PHONE);
    }
    const staff = await env.api.call({ action: 'detail', orderId }, STATION_C1);
    expect(staff.data.order.contactPhone).toBe(PHONE);
  });

  it('before 已接单 nobody on the team may reveal the phone, and nothing is logged', async () => {
    const orderId = await dispatchedOrder();
    expect(await reveal(orderId, leader)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    expect(reveals(orderId)).toEqual([]);
  });

  it('from 已接单: the leader and the assigned volunteer reveal it, each reveal logged; an unassigned member may not', async () => {
    const orderId = await dispatchedOrder();
    await env.api.must(orderId, 'take', leader);
    // Nobody assigned yet: the leader only.
    expect(await reveal(orderId, assigned)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await reveal(orderId, leader)).toEqual({ ok: true, data: { phone: PHONE } });
    await env.api.mustAct('assign', orderId, leader, { memberOpenids: [assigned] });
    expect(await reveal(orderId, assigned)).toEqual({ ok: true, data: { phone: PHONE } });
    expect(await reveal(orderId, assigned)).toEqual({ ok: true, data: { phone: PHONE } });
    expect(await reveal(orderId, other)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });

    const log = reveals(orderId).sort((a, b) => a.at - b.at);
    expect(log.map((r) => [r.openid, r.capacity, r.state, r.teamId])).toEqual([
      [leader, 'leader', 'taken', 'team-02'],
      [assigned, 'volunteer', 'taken', 'team-02'],
      [assigned, 'volunteer', 'taken', 'team-02'],
    ]);
    for (const r of log) expect(JSON.stringify(r)).not.toContain(PHONE);
  });

  it('other teams, the resident and strangers may not reveal it', async () => {
    const orderId = await dispatchedOrder();
    await env.api.must(orderId, 'take', leader);
    expect(await reveal(orderId, otherLeader)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await reveal(orderId, resident._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await reveal(orderId, 'o-stranger')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await reveal('no-such-order', leader)).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });
    expect(reveals(orderId)).toEqual([]);
  });

  it('through 服务中 and 待评价 it may be revealed; once 已完成 (rated) it may not', async () => {
    const orderId = await dispatchedOrder();
    await env.api.must(orderId, 'take', leader);
    await env.api.mustAct('assign', orderId, leader, { memberOpenids: [assigned] });
    await env.api.mustAct('checkIn', orderId, leader, { volunteerOpenid: assigned });
    expect(await reveal(orderId, assigned)).toMatchObject({ ok: true });
    await env.api.mustAct('checkOut', orderId, leader, { volunteerOpenid: assigned });
    await env.api.mustAct('complete', orderId, leader);
    expect(await reveal(orderId, assigned)).toMatchObject({ ok: true });
    await env.api.mustAct('rate', orderId, resident._id, { stars: 5 });
    expect(await reveal(orderId, assigned)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    expect(await reveal(orderId, leader)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    expect(reveals(orderId).map((r) => r.state)).toEqual(['in_service', 'completed']);
  });

  it('the resident sees who is coming: the assigned volunteers’ masked names (surname) and the team, never their phone', async () => {
    const orderId = await dispatchedOrder();
    await env.api.must(orderId, 'take', leader);
    await env.api.mustAct('assign', orderId, leader, { memberOpenids: [assigned] });
    const view = await env.api.call({ action: 'detail', orderId }, resident._id);
    expect(view.data.order.teamName).toBe(team02?.name);
    const names = view.data.order.assignees.map((a: { name: string }) => a.name);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^.\*$/);
    expect(names[0][0]).toBe(pii.get(assigned)?.realName[0]);
    expect(JSON.stringify(view.data)).not.toContain(pii.get(assigned)?.realName as string);
  });
});
