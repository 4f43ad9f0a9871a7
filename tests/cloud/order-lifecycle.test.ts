import type { UserProfile } from '../../src/domain/identity/role';
import type { OrderDoc, OrderEventDoc } from '../../src/domain/order/order.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { storedTimeline } from '../support/order-timeline';
import { uploadPhotoAs } from '../support/uploads';
import { CLINIC_ITEM, headOf, INSTITUTE, orderClient, orderInput, residentsOf, STATION_C1, teamById } from './order-support';

const [resident, neighbour, elder] = residentsOf('org-community-01') as [UserProfile, UserProfile, UserProfile];
const leader02 = teamById.get('team-02')?.leaderOpenid as string;
const leader04 = teamById.get('team-04')?.leaderOpenid as string;

describe('order lifecycle through the local cloud: 点单 → 派单 → 接单 → 服务 → 评价', () => {
  const env = withTestCloud(orderClient);

  const events = (orderId: string): OrderEventDoc[] => storedTimeline(env.cloud.store, orderId);
  const stored = (orderId: string) => env.cloud.store.findById('orders', orderId) as unknown as OrderDoc;

  it('the whole happy path to closed, with one timeline event per step', async () => {
    // A photo the resident really uploaded (only their own uploads are accepted).
    const photo = await uploadPhotoAs(env.cloud, resident._id, 'orders/req-lifecycle');
    const created = await env.api.call({ action: 'create', ...orderInput({ photos: [photo] }) }, resident._id);
    expect(created).toMatchObject({ ok: true, data: { state: 'submitted', stateLabel: '待受理', version: 1, duplicate: false } });
    const orderId = created.data.orderId as string;
    const doc = stored(orderId);
    expect(doc).toMatchObject({
      requesterOpenid: resident._id,
      placedByOpenid: resident._id,
      buildingId: resident.buildingId,
      communityId: 'org-community-01',
      level: 'station',
      contactPhoneMasked: '138****5678',
      itemName: '助餐送餐',
    });
    expect(doc.contactPhoneSealed).not.toContain('13812345678');
    expect(JSON.stringify(doc)).not.toContain('13812345678');
    expect(doc.addressText).toContain(resident.room as string);

    // The resident sees a masked phone and may only cancel.
    const mine = await env.api.call({ action: 'detail', orderId }, resident._id);
    expect(mine.data.order.contactPhone).toBe('138****5678');
    expect(mine.data.actions.map((a: { event: string }) => a.event)).toEqual(['cancel']);
    // The detail says who the caller is to the order, so no screen guesses it from the buttons.
    expect(mine.data.caller).toMatchObject({
      parties: ['requester'],
      resident: true,
      placer: false,
      station: false,
      teamLeader: false,
      label: '居民',
    });

    // The station sees the clear phone and its buttons.
    const staffView = await env.api.call({ action: 'detail', orderId }, STATION_C1);
    expect(staffView.data.order.contactPhone).toBe('13812345678');
    expect(staffView.data.actions.map((a: { event: string }) => a.event).sort()).toEqual(['accept', 'escalate', 'reject']);
    expect(staffView.data.caller).toMatchObject({
      station: true,
      stationAfterEscalation: false,
      institute: false,
      resident: false,
      label: '社区实践站',
    });

    await env.api.must(orderId, 'accept', STATION_C1);
    const rec = await env.api.call({ action: 'recommendTeams', orderId }, STATION_C1);
    expect(rec.ok).toBe(true);
    const eligible = rec.data.items.filter((t: { eligible: boolean }) => t.eligible).map((t: { teamId: string }) => t.teamId);
    expect(eligible.sort()).toEqual(['team-02', 'team-04']);
    expect(rec.data.items[0].reason).toMatch(/技能匹配/);

    const dispatched = await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    expect(dispatched).toMatchObject({ to: 'dispatched', teamId: 'team-02', teamName: '豆花帮帮团', version: 3 });

    // The leader finds it in the inbox, sees the masked phone (the clear one only per call, logged), takes it.
    const inbox = await env.api.call({ action: 'inbox' }, leader02);
    expect(inbox.data.items.map((o: { orderId: string }) => o.orderId)).toContain(orderId);
    const leaderView = await env.api.call({ action: 'detail', orderId }, leader02);
    expect(leaderView.data.order.contactPhone).toBe('138****5678');
    expect(leaderView.data.order.contactPhoneMasked).toBe(true);
    expect(leaderView.data.actions.map((a: { event: string }) => a.event).sort()).toEqual(['decline', 'take']);
    expect(leaderView.data.caller).toMatchObject({ teamLeader: true, teamMember: true, assigned: true, station: false, label: '队长' });
    await env.api.must(orderId, 'take', leader02);
    await env.api.mustAct('checkIn', orderId, leader02);
    await env.api.mustAct('complete', orderId, leader02);

    const toRate = await env.api.call({ action: 'mine', tab: 'to_rate' }, resident._id);
    expect(toRate.data.items.map((o: { orderId: string }) => o.orderId)).toContain(orderId);
    const rated = await env.api.call(
      { action: 'rate', orderId, stars: 5, tags: ['准时', '热情'], comment: '饭菜热乎，谢谢志愿者' },
      resident._id,
    );
    expect(rated).toMatchObject({ ok: true, data: { to: 'closed', stateLabel: '已完成', version: 7 } });
    expect(stored(orderId)).toMatchObject({ state: 'closed', rating: { stars: 5, tags: ['准时', '热情'] }, version: 7 });

    const detail = await env.api.call({ action: 'detail', orderId }, resident._id);
    expect(detail.data.timeline.map((e: { label: string }) => e.label)).toEqual([
      '点单',
      '受理',
      '派单',
      '接单',
      '签到',
      '完成服务',
      '评价',
    ]);
    expect(detail.data.timeline.map((e: { to: string }) => e.to)).toEqual([
      'submitted',
      'accepted',
      'dispatched',
      'taken',
      'in_service',
      'completed',
      'closed',
    ]);
    expect(events(orderId).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(detail.data.actions.map((a: { event: string }) => a.event)).toEqual(['reopen']);
    const done = await env.api.call({ action: 'mine', tab: 'done' }, resident._id);
    expect(done.data.items[0]).toMatchObject({ orderId, state: 'closed', rated: true });
  });

  it('the timeline is append-only: later steps never change earlier events', async () => {
    const orderId = await env.api.place(neighbour._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    const before = events(orderId);
    await env.api.must(orderId, 'escalate', STATION_C1, { note: '本站无合适队伍，上报实践所' });
    await env.api.must(orderId, 'publish', INSTITUTE);
    await env.api.must(orderId, 'withdraw', INSTITUTE);
    const after = events(orderId);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((e) => [e.event, e.from, e.to])).toEqual([
      ['create', null, 'submitted'],
      ['accept', 'submitted', 'accepted'],
      ['escalate', 'accepted', 'accepted'],
      ['publish', 'accepted', 'pooled'],
      ['withdraw', 'pooled', 'accepted'],
    ]);
    expect(after[2]).toMatchObject({ note: '本站无合适队伍，上报实践所', actorLabel: '社区实践站', byOpenid: STATION_C1 });
    expect(stored(orderId)).toMatchObject({ level: 'institute', version: after.length });
    // Once escalated the station no longer acts on it; the institute queue lists it first.
    expect(await env.api.fire(orderId, 'publish', STATION_C1)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const stationView = await env.api.call({ action: 'detail', orderId }, STATION_C1);
    expect(stationView.data).toMatchObject({ actions: [], caller: { station: true, stationAfterEscalation: true, institute: false } });
    const instituteView = await env.api.call({ action: 'detail', orderId }, INSTITUTE);
    expect(instituteView.data.caller).toMatchObject({ institute: true, stationAfterEscalation: false, label: '街道实践所' });
    const queue = await env.api.call({ action: 'queue' }, INSTITUTE);
    expect(queue.data.items[0]).toMatchObject({ orderId, level: 'institute' });
    const stationQueue = await env.api.call({ action: 'queue' }, STATION_C1);
    expect(stationQueue.data.items.map((o: { orderId: string }) => o.orderId)).not.toContain(orderId);
  });

  it('same requestId twice, and concurrently, makes one order', async () => {
    const input = orderInput();
    const first = await env.api.call({ action: 'create', ...input }, elder._id);
    const again = await env.api.call({ action: 'create', ...input }, elder._id);
    expect(again).toMatchObject({ ok: true, data: { orderId: first.data.orderId, duplicate: true } });

    const racing = orderInput();
    const results = await Promise.all(Array.from({ length: 5 }, () => env.api.call({ action: 'create', ...racing }, elder._id)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.data.orderId)).size).toBe(1);
    expect(env.cloud.store.count('orders', { requesterOpenid: elder._id })).toBe(2);
    expect(env.cloud.store.count('request_ledger', {})).toBeGreaterThanOrEqual(2);
    const orderId = results[0].data.orderId as string;
    expect(events(orderId)).toHaveLength(1);
  });

  it('代点单: the building head orders for a resident of their building; both are recorded', async () => {
    const head = headOf(elder);
    const res = await env.api.call({ action: 'proxyCreate', ...orderInput({ itemId: CLINIC_ITEM }), residentOpenid: elder._id }, head);
    expect(res).toMatchObject({ ok: true, data: { state: 'submitted' } });
    const orderId = res.data.orderId as string;
    expect(stored(orderId)).toMatchObject({ requesterOpenid: elder._id, placedByOpenid: head, proxy: true, buildingId: elder.buildingId });
    expect(events(orderId)[0]).toMatchObject({ byOpenid: head, byParty: 'requester_proxy', actorLabel: '楼栋长（代点单）' });
    // Both see it: the resident in their orders, the head in the orders they placed.
    const residentList = await env.api.call({ action: 'mine', tab: 'active' }, elder._id);
    expect(residentList.data.items.map((o: { orderId: string }) => o.orderId)).toContain(orderId);
    const headList = await env.api.call({ action: 'mine', placed: true }, head);
    expect(headList.data.items.map((o: { orderId: string }) => o.orderId)).toEqual([orderId]);
    const timeline = (await env.api.call({ action: 'detail', orderId }, elder._id)).data.timeline;
    expect(timeline[0].label).toBe('代点单');
    // Either of them may cancel it.
    expect((await env.api.fire(orderId, 'cancel', head)).ok).toBe(true);
  });

  it('two leaders grab one pooled order at once: exactly one wins', async () => {
    const orderId = await env.api.place(neighbour._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'publish', STATION_C1);
    for (const leader of [leader02, leader04]) {
      const pool = await env.api.call({ action: 'pool' }, leader);
      expect(pool.data.items.map((o: { orderId: string }) => o.orderId)).toContain(orderId);
    }
    const results = await Promise.all([env.api.fire(orderId, 'grab', leader02), env.api.fire(orderId, 'grab', leader04)]);
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser.code).toBe('STATE.CONFLICT');
    expect(loser.message).toMatch(/抢走/);
    const doc = stored(orderId);
    expect(doc).toMatchObject({ state: 'taken', teamId: winners[0].data.teamId });
    expect(events(orderId).filter((e) => e.event === 'grab')).toHaveLength(1);
    const after = await env.api.call({ action: 'pool' }, leader04);
    expect(after.data.items.map((o: { orderId: string }) => o.orderId)).not.toContain(orderId);
  });

  it('mine paginates with a cursor, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await env.api.place(resident._id));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await env.api.call({ action: 'mine', pageSize: 2, ...(cursor ? { cursor } : {}) }, resident._id);
      seen.push(...page.data.items.map((o: { orderId: string }) => o.orderId));
      cursor = page.data.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 3)).toEqual([...ids].reverse());
    expect(seen.length).toBe(env.cloud.store.count('orders', { requesterOpenid: resident._id }));
  });

  it('every list query is index-backed', async () => {
    env.cloud.store.clearUnindexedScans();
    const orderId = await env.api.place(resident._id);
    await env.api.call({ action: 'mine' }, resident._id);
    await env.api.call({ action: 'mine', tab: 'active' }, resident._id);
    await env.api.call({ action: 'mine', placed: true }, headOf(elder));
    await env.api.call({ action: 'detail', orderId }, resident._id);
    await env.api.call({ action: 'queue' }, STATION_C1);
    await env.api.call({ action: 'queue', overdueOnly: true, categoryId: 'cat-01' }, STATION_C1);
    await env.api.call({ action: 'queue', status: 'taken' }, INSTITUTE);
    await env.api.call({ action: 'recommendTeams', orderId }, STATION_C1);
    await env.api.call({ action: 'pool' }, leader02);
    await env.api.call({ action: 'inbox' }, leader02);
    await env.api.must(orderId, 'accept', STATION_C1);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });
});
