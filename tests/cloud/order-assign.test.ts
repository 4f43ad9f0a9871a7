import type { UserProfile } from '../../src/domain/identity/role';
import { withTestCloud } from '../support/local-cloud-harness';
import { orderClient, residentsOf, STATION_C1, teamById } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
const team02 = teamById.get('team-02');
const leader = team02?.leaderOpenid as string;
const [first, second] = (team02?.memberOpenids ?? []).filter((o) => o !== leader) as [string, string];
const outsider = teamById.get('team-01')?.memberOpenids.find((o) => !team02?.memberOpenids.includes(o)) as string;

describe('指派队员: the leader names who serves an order', () => {
  const env = withTestCloud(orderClient);

  async function takenOrder(): Promise<{ orderId: string; code: string }> {
    const orderId = await env.api.place(resident._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    await env.api.must(orderId, 'take', leader);
    const detail = await env.api.call({ action: 'detail', orderId }, resident._id);
    return { orderId, code: detail.data.order.serviceCode as string };
  }

  it('offers 指派队员 to the leader, records it on the order and the timeline, and only assignees check in', async () => {
    const { orderId, code } = await takenOrder();
    const before = await env.api.call({ action: 'detail', orderId }, leader);
    expect(before.data.actions.map((a: { event: string; viaAction: string }) => [a.event, a.viaAction])).toContainEqual([
      'assign',
      'assign',
    ]);
    expect(before.data.order.assignees).toEqual([]);

    const assigned = await env.api.call({ action: 'assign', orderId, memberOpenids: [first] }, leader);
    expect(assigned).toMatchObject({ ok: true, data: { event: 'assign', from: 'taken', to: 'taken' } });

    const after = await env.api.call({ action: 'detail', orderId }, leader);
    expect(after.data.order.assignees.map((a: { openid: string }) => a.openid)).toEqual([first]);
    expect(after.data.order.assignees[0].name).toMatch(/\*/);
    const step = after.data.timeline.at(-1);
    expect(step).toMatchObject({ event: 'assign', label: '指派队员', actorLabel: '队长' });
    expect(step.note).toContain(after.data.order.assignees[0].name);

    // Not assigned: refused, nothing written; assigned: checks in with the resident's code.
    expect(await env.api.call({ action: 'checkIn', orderId, code }, second)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect((await env.api.call({ action: 'detail', orderId }, leader)).data.sessions).toEqual([]);
    expect(await env.api.call({ action: 'checkIn', orderId, code }, first)).toMatchObject({ ok: true, data: { to: 'in_service' } });
    // The leader may still stand anyone of the team in.
    expect(await env.api.call({ action: 'checkIn', orderId, volunteerOpenid: second }, leader)).toMatchObject({ ok: true });
    const sessions = (await env.api.call({ action: 'detail', orderId }, leader)).data.sessions.map((s: { openid: string }) => s.openid);
    expect(sessions.sort()).toEqual([first, second].sort());
  });

  it('refuses members, outsiders, strangers and bad input, changing nothing', async () => {
    const { orderId } = await takenOrder();
    const version = (await env.api.call({ action: 'detail', orderId }, leader)).data.order.version;
    expect(await env.api.call({ action: 'assign', orderId, memberOpenids: [first] }, first)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(
      await env.api.call({ action: 'assign', orderId, memberOpenids: [first] }, teamById.get('team-01')?.leaderOpenid as string),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await env.api.call({ action: 'assign', orderId, memberOpenids: [outsider] }, leader)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '只能指派本队的队员',
    });
    expect(await env.api.call({ action: 'assign', orderId, memberOpenids: [] }, leader)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await env.api.call({ action: 'assign', orderId, memberOpenids: 'x' }, leader)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await env.api.call({ action: 'assign', orderId, memberOpenids: [first], extra: 1 }, leader)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await env.api.call({ action: 'assign', orderId, memberOpenids: [first], expectedVersion: version - 1 }, leader)).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
    });
    const after = (await env.api.call({ action: 'detail', orderId }, leader)).data.order;
    expect(after.version).toBe(version);
    expect(after.assignees).toEqual([]);
  });

  it('is not possible before the team takes the order', async () => {
    const orderId = await env.api.place(resident._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    expect(await env.api.call({ action: 'assign', orderId, memberOpenids: [first] }, leader)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
  });
});
