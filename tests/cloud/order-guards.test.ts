import type { UserProfile } from '../../src/domain/identity/role';
import type { OrderDoc } from '../../src/domain/order/order.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { storedTimeline } from '../support/order-timeline';
import {
  CLINIC_ITEM,
  headOf,
  INSTITUTE,
  orderClient,
  orderInput,
  pendingResident,
  residentsOf,
  STATION_C1,
  STATION_C2,
  teamById,
} from './order-support';

const [resident, other] = residentsOf('org-community-01') as [UserProfile, UserProfile];
const [residentC2] = residentsOf('org-community-02') as [UserProfile];
const leader02 = teamById.get('team-02')?.leaderOpenid as string;
const leader04 = teamById.get('team-04')?.leaderOpenid as string;
/** 红袖标巡防队: no 助餐送餐 skill. */
const leader03 = teamById.get('team-03')?.leaderOpenid as string;
const volunteerOf02 = teamById.get('team-02')?.memberOpenids.find((m) => m !== leader02) as string;

describe('order function: who may do what, invalid moves, bad input', () => {
  const env = withTestCloud(orderClient);

  const stored = (orderId: string) => env.cloud.store.findById('orders', orderId) as unknown as OrderDoc;
  const counts = () => ['orders', 'order_events', 'request_ledger'].map((c) => env.cloud.store.count(c, {}));

  it('an unbound or pending resident cannot order, with a clear code', async () => {
    const before = counts();
    expect(await env.api.call({ action: 'create', ...orderInput() }, pendingResident._id)).toMatchObject({
      ok: false,
      code: 'AUTH.BINDING_REQUIRED',
      message: expect.stringContaining('等待确认'),
    });
    expect(await env.api.call({ action: 'create', ...orderInput() }, 'o-stranger')).toMatchObject({
      ok: false,
      code: 'AUTH.BINDING_REQUIRED',
    });
    // Staff without a building are not residents either.
    expect(await env.api.call({ action: 'create', ...orderInput() }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'AUTH.BINDING_REQUIRED',
    });
    expect(counts()).toEqual(before);
  });

  it('代点单 only by the head of that resident’s building', async () => {
    const before = counts();
    const otherHead = [headOf(residentC2)].find((h) => h !== headOf(resident)) as string;
    const data = { action: 'proxyCreate', ...orderInput(), residentOpenid: resident._id };
    expect(await env.api.call(data, otherHead)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call(data, other._id === headOf(resident) ? 'o-resident-0199' : other._id)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await env.api.call({ ...data, residentOpenid: 'o-nobody' }, headOf(resident))).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(await env.api.call({ ...data, residentOpenid: pendingResident._id }, headOf(pendingResident))).toMatchObject({
      ok: false,
      code: 'AUTH.BINDING_REQUIRED',
    });
    expect(counts()).toEqual(before);
  });

  it('bad input gets INPUT.INVALID (or NOT_FOUND for unknown ids) and writes nothing', async () => {
    const before = counts();
    const base = orderInput();
    const now = Date.now();
    const invalid: object[] = [
      {},
      { ...base, itemId: undefined },
      { ...base, itemId: 42 },
      { ...base, description: '短' },
      { ...base, description: '长'.repeat(301) },
      { ...base, description: ['数组不是文字'] },
      { ...base, contactPhone: '12345' },
      { ...base, contactPhone: 13812345678 },
      { ...base, photos: ['https://example.com/a.jpg'] },
      { ...base, photos: Array.from({ length: 7 }, (_, i) => `cloud://env.b/p${i}.jpg`) },
      { ...base, requestId: 'short' },
      { ...base, requestId: 'x'.repeat(65) },
      { ...base, requestId: 'has spaces in it' },
      { ...base, preferredWindow: { start: now + 3_600_000 } },
      { ...base, preferredWindow: { start: now + 7_200_000, end: now + 3_600_000 } },
      { ...base, preferredWindow: { start: now - 7_200_000, end: now - 3_600_000 } },
      { ...base, preferredWindow: { start: now + 3_600_000, end: now + 31 * 86_400_000 } },
      { ...base, preferredWindow: { start: 'tomorrow', end: 'later' } },
      { ...base, room: '房'.repeat(40) },
      { ...base, requesterOpenid: other._id },
      { ...base, openid: other._id },
    ];
    for (const data of invalid) {
      const res = await env.api.call({ action: 'create', ...data }, resident._id);
      expect({ data, res }).toMatchObject({ res: { ok: false, code: 'INPUT.INVALID' } });
    }
    expect(await env.api.call({ action: 'create', ...orderInput({ itemId: 'item-999' }) }, resident._id)).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(await env.api.call({ action: 'detail', orderId: 'ord-missing' }, resident._id)).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(await env.api.call({ action: 'transition', orderId: 'ord-missing', event: 'cancel' }, resident._id)).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(await env.api.call({ action: 'transition', orderId: 'x', event: 'explode' }, resident._id)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    // System events and rate are not fired through `transition`.
    for (const event of ['expire', 'auto_close', 'rate']) {
      expect(await env.api.call({ action: 'transition', orderId: 'x', event }, resident._id)).toMatchObject({
        ok: false,
        code: 'INPUT.INVALID',
      });
    }
    // Each event has one action: 签到, 签退 and 完成服务 only through checkIn, checkOut and complete.
    for (const event of ['check_in', 'check_out', 'complete']) {
      expect(await env.api.call({ action: 'transition', orderId: 'x', event }, resident._id)).toMatchObject({
        ok: false,
        code: 'INPUT.INVALID',
      });
    }
    expect(await env.api.call({ action: 'rate', orderId: 'x', stars: 6 }, resident._id)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await env.api.call({ action: 'rate', orderId: 'x', stars: 4.5 }, resident._id)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await env.api.call({ action: 'mine', pageSize: 500 }, resident._id)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await env.api.call({ action: 'queue', status: 'nonsense' }, STATION_C1)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await env.api.call({ action: 'teleport' }, resident._id)).toMatchObject({ ok: false, code: 'INPUT.UNKNOWN_ACTION' });
    expect(counts()).toEqual(before);
  });

  it('a resident cannot see or cancel someone else’s order', async () => {
    const orderId = await env.api.place(resident._id);
    expect(await env.api.fire(orderId, 'cancel', other._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await env.api.call({ action: 'detail', orderId }, other._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(stored(orderId)).toMatchObject({ state: 'submitted', version: 1 });
    expect((await env.api.fire(orderId, 'cancel', resident._id)).ok).toBe(true);
  });

  it('staff of another community are out of scope; the institute is not', async () => {
    const orderId = await env.api.place(resident._id);
    expect(await env.api.fire(orderId, 'accept', STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call({ action: 'detail', orderId }, STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call({ action: 'recommendTeams', orderId }, STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    const queueC2 = await env.api.call({ action: 'queue' }, STATION_C2);
    expect(queueC2.data.items.map((o: { orderId: string }) => o.orderId)).not.toContain(orderId);
    // Residents and leaders have no staff queue.
    expect(await env.api.call({ action: 'queue' }, resident._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await env.api.fire(orderId, 'accept', resident._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await env.api.fire(orderId, 'accept', INSTITUTE)).toMatchObject({ ok: true, data: { to: 'accepted' } });
  });

  it('leader of team A cannot take or decline team B’s order; members cannot take', async () => {
    const orderId = await env.api.place(resident._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    expect(await env.api.fire(orderId, 'take', leader04)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.fire(orderId, 'decline', leader04, { note: '不是我们的' })).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await env.api.call({ action: 'detail', orderId }, leader04)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await env.api.fire(orderId, 'take', volunteerOf02)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await env.api.fire(orderId, 'take', resident._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const leader04Inbox = await env.api.call({ action: 'inbox' }, leader04);
    expect(leader04Inbox.data.items.map((o: { orderId: string }) => o.orderId)).not.toContain(orderId);
    expect(stored(orderId)).toMatchObject({ state: 'dispatched', teamId: 'team-02', version: 3 });

    // Decline needs a reason, then the order is back with the station, without a team.
    expect(await env.api.fire(orderId, 'decline', leader02)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    await env.api.must(orderId, 'decline', leader02, { note: '本周人手不足' });
    expect(stored(orderId)).toMatchObject({ state: 'accepted', teamId: null, version: 4 });
  });

  it('dispatching to a team that cannot serve, and grabbing without the skills, are refused', async () => {
    const orderId = await env.api.place(resident._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    expect(await env.api.fire(orderId, 'dispatch', STATION_C1)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await env.api.fire(orderId, 'dispatch', STATION_C1, { teamId: 'team-03' })).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await env.api.fire(orderId, 'dispatch', STATION_C1, { teamId: 'team-nope' })).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    await env.api.must(orderId, 'publish', STATION_C1);
    expect(await env.api.fire(orderId, 'grab', leader03)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    const pool03 = await env.api.call({ action: 'pool' }, leader03);
    expect(pool03.data.items.map((o: { orderId: string }) => o.orderId)).not.toContain(orderId);
    expect(await env.api.fire(orderId, 'grab', leader02, { teamId: 'team-04' })).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call({ action: 'pool' }, resident._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(stored(orderId)).toMatchObject({ state: 'pooled', teamId: null });
  });

  it('invalid transitions answer STATE.INVALID_TRANSITION and change nothing', async () => {
    const orderId = await env.api.place(resident._id);
    const cases: [string, string, Record<string, unknown>?][] = [
      ['dispatch', STATION_C1, { teamId: 'team-02' }],
      ['take', leader02],
      ['reopen', resident._id, { note: '还没好' }],
    ];
    for (const [event, who, extra] of cases) {
      expect(await env.api.fire(orderId, event, who, extra)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    }
    expect(await env.api.call({ action: 'complete', orderId }, leader02)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    expect(await env.api.call({ action: 'rate', orderId, stars: 5 }, resident._id)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    // A reject needs a reason.
    expect(await env.api.fire(orderId, 'reject', STATION_C1)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    await env.api.must(orderId, 'reject', STATION_C1, { note: '不属于志愿服务范围' });
    expect(await env.api.fire(orderId, 'cancel', resident._id)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    expect(await env.api.fire(orderId, 'accept', STATION_C1)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    expect(stored(orderId)).toMatchObject({ state: 'rejected', version: 2 });
    expect(storedTimeline(env.cloud.store, orderId)).toHaveLength(2);

    // Non-poolable items cannot go to the pool.
    const clinic = await env.api.place(resident._id, { itemId: CLINIC_ITEM });
    await env.api.must(clinic, 'accept', STATION_C1);
    expect(await env.api.fire(clinic, 'publish', STATION_C1)).toMatchObject({ ok: false, code: 'STATE.INVALID_TRANSITION' });
    const actions = (await env.api.call({ action: 'detail', orderId: clinic }, STATION_C1)).data.actions.map(
      (a: { event: string }) => a.event,
    );
    expect(actions).not.toContain('publish');
    expect(actions).toContain('dispatch');
  });

  it('a stale expectedVersion is a conflict; concurrent staff actions land once', async () => {
    const orderId = await env.api.place(resident._id);
    expect(await env.api.fire(orderId, 'accept', STATION_C1, { expectedVersion: 7 })).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    const results = await Promise.all([
      env.api.fire(orderId, 'accept', STATION_C1, { expectedVersion: 1 }),
      env.api.fire(orderId, 'reject', 'o-station-02', { expectedVersion: 1, note: '重复订单' }),
      env.api.fire(orderId, 'cancel', resident._id, { expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(['STATE.CONFLICT', 'STATE.INVALID_TRANSITION']).toContain(r.code);
    expect(stored(orderId).version).toBe(2);
    expect(storedTimeline(env.cloud.store, orderId)).toHaveLength(2);
  });
});
