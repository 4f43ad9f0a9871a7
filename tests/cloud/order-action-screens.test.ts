import type { UserProfile } from '../../src/domain/identity/role';
import type { QueuePage } from '../../src/domain/order/order.views';
import type { WithScreen } from '../../src/domain/order/screen.views';
import type { WishWallView } from '../../src/domain/order/wish-wall';
import { withTestCloud } from '../support/local-cloud-harness';
import { storedTimeline } from '../support/order-timeline';
import { orderClient, residentsOf, STATION_C1, STATION_C2, seed, teamById } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
const leader = teamById.get('team-02')?.leaderOpenid as string;
/** 微心愿：为困难老人圆一个小心愿 (kind `wish`). */
const WISH_ITEM = (seed.catalog_items.find((i) => i.kind === 'wish') as { _id: string })._id;
const approved = seed.volunteer_profiles.filter((p) => p.status === 'approved' && p.subdistrictId === 'org-subdistrict-01');
/** Two 在职党员 and one volunteer who is neither a party member nor names a 工作单位. */
const [partyA, partyB, plain] = approved.map((p) => p._id) as [string, string, string];

type Answer = { ok: true; data: WithScreen & { to: string; version: number } } | { ok: false; code: string; message: string };

/**
 * Issue #17, the two actions that still cost a second call: 认领 on the 心愿墙 answers the wall
 * (view `wishWall`), and an action in the desk-wide 派单台's panel answers both panes (view
 * `stationDesk`: the order and the queue beside it, as filtered and paged on screen).
 */
describe('actions answer the screen they were taken on: 心愿墙 认领 and the desk-wide 派单台', () => {
  const env = withTestCloud(orderClient, { maxInstancesPerFunction: 4 });
  const send = (data: object, openid: string): Promise<Answer> => env.api.call(data, openid);
  beforeAll(() => {
    const store = env.cloud.store;
    store.updateMany('volunteer_profiles', { _id: partyA }, { $set: { partyMember: true, partyReportIn: true, workUnit: '区税务局' } });
    store.updateMany('volunteer_profiles', { _id: partyB }, { $set: { partyMember: true, partyReportIn: true, workUnit: '' } });
    store.updateMany('volunteer_profiles', { _id: plain }, { $set: { partyMember: false, workUnit: '' } });
  });
  beforeEach(() => env.cloud.store.clearUnindexedScans());
  const stateOf = (orderId: string) => (env.cloud.store.findById('orders', orderId) as { state: string; version: number }).state;

  const wishOnWall = async () => {
    const orderId = await env.api.place(resident._id, {
      itemId: WISH_ITEM,
      description: '想要一台收音机听戏曲',
      answers: { wish: '一台收音机' },
    });
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'post_wall', STATION_C1);
    return orderId;
  };

  it('认领 asked with view wishWall: the winner of a race is answered the wall with the wish under 我认领的; refusals change nothing', async () => {
    const orderId = await wishOnWall();
    const posted = (await env.api.call({ action: 'wishWall' }, partyA)).data as WishWallView;
    const card = posted.open.find((c) => c.orderId === orderId);
    expect(card).toMatchObject({ state: 'on_wall', mine: false, adopter: '' });

    // Neither a party member nor a 工作单位: refused, the wish stays on the wall.
    expect(await send({ action: 'transition', orderId, event: 'adopt', view: 'wishWall' }, plain)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    // A version the caller never saw: refused as stale.
    expect(
      await send({ action: 'transition', orderId, event: 'adopt', view: 'wishWall', expectedVersion: (card?.version ?? 1) - 1 }, partyA),
    ).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    expect(stateOf(orderId)).toBe('on_wall');

    // Two party members race, twice each: one wins and is answered the wall as it is now.
    const racers = [partyA, partyB, partyA, partyB];
    const race = await Promise.all(racers.map((who) => send({ action: 'transition', orderId, event: 'adopt', view: 'wishWall' }, who)));
    const won = race.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    const winner = racers[race.findIndex((r) => r.ok)] as string;
    const loser = winner === partyA ? partyB : partyA;
    const answer = (won[0] as Extract<Answer, { ok: true }>).data;
    expect(answer).toMatchObject({ to: 'adopted' });
    expect(answer.wall?.mine).toEqual([expect.objectContaining({ orderId, mine: true, state: 'adopted', adopter: expect.any(String) })]);
    expect(answer.wall?.mine[0]?.adopter).not.toBe('');
    expect(answer.wall?.mine[0]?.place.split(' ').length).toBeGreaterThan(2);
    expect(answer.wall?.open.map((c) => c.orderId)).not.toContain(orderId);
    // The answer is exactly what opening the wall answers now.
    expect(answer.wall).toEqual((await env.api.call({ action: 'wishWall' }, winner)).data);
    // The other racer lost with 手慢了 (the page takes the card off and says so, without another call).
    const lost = race.filter((r, i) => !r.ok && racers[i] === loser);
    expect(lost).toHaveLength(2);
    for (const l of lost) expect(l).toMatchObject({ ok: false, code: 'STATE.CONFLICT', message: expect.stringContaining('手慢了') });
    expect(storedTimeline(env.cloud.store, orderId).filter((e) => e.event === 'adopt')).toHaveLength(1);
    const loserWall = (await env.api.call({ action: 'wishWall' }, loser)).data as WishWallView;
    expect([...loserWall.open, ...loserWall.mine].map((c) => c.orderId)).not.toContain(orderId);

    // The wall asked by someone who has none (staff 撤下 a wish): the action is done, answered without a wall.
    const other = await wishOnWall();
    const takenDown = await send({ action: 'transition', orderId: other, event: 'take_down', view: 'wishWall' }, STATION_C1);
    expect(takenDown).toMatchObject({ ok: true, data: { to: 'accepted' } });
    expect((takenDown as Extract<Answer, { ok: true }>).data.wall).toBeUndefined();
    expect(stateOf(other)).toBe('accepted');
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  }, 60_000);

  it('an action in the desk panel asked with view stationDesk answers the order and the queue as filtered and paged', async () => {
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await env.api.place(resident._id, { description: `派单台桌面测试：第${i + 1}份午餐送上门` }));
    const [first, second] = ids as [string, string];
    const filter = { status: 'submitted' as const, pageSize: 2 };
    const before = (await env.api.call({ action: 'queue', ...filter, board: true }, STATION_C1)).data as QueuePage;
    const version = (env.cloud.store.findById('orders', first) as { version: number }).version;

    // 受理 beside the 待受理 queue: the order is now 待派单 (with 派单推荐), the queue no longer lists it.
    const accepted = await send(
      { action: 'transition', orderId: first, event: 'accept', expectedVersion: version, view: 'stationDesk', queue: filter },
      STATION_C1,
    );
    expect(accepted.ok).toBe(true);
    const desk = (accepted as Extract<Answer, { ok: true }>).data;
    expect(desk.stationOrder?.detail.order).toMatchObject({ orderId: first, state: 'accepted' });
    expect(desk.stationOrder?.recommendations?.length).toBeGreaterThan(0);
    expect(desk.queue?.items.map((o) => o.orderId)).not.toContain(first);
    expect(desk.queue?.items.every((o) => o.state === 'submitted')).toBe(true);
    // Paged as asked (2 rows, more to come) and the same as the queue answers with those filters now.
    expect(desk.queue?.items).toHaveLength(2);
    expect(desk.queue?.nextCursor).toEqual(expect.any(String));
    const now = (await env.api.call({ action: 'queue', ...filter, board: true }, STATION_C1)).data as QueuePage;
    expect(desk.queue).toEqual(now);
    // The board's work counts moved with it: one fewer 待受理, one more 待派单.
    expect(desk.queue?.board?.counts.submitted).toBe((before.board?.counts.submitted ?? 0) - 1);
    expect(desk.queue?.board?.counts.accepted).toBe((before.board?.counts.accepted ?? 0) + 1);

    // A search is kept too: the order number finds just the one order, in its new state.
    const dispatched = await send(
      { action: 'transition', orderId: first, event: 'dispatch', teamId: 'team-02', view: 'stationDesk', queue: { q: first } },
      STATION_C1,
    );
    const searched = (dispatched as Extract<Answer, { ok: true }>).data.queue;
    expect(searched).toMatchObject({ searchedAs: 'orderId', items: [expect.objectContaining({ orderId: first, state: 'dispatched' })] });

    // Refusals change nothing: a stale version, the wrong role, another community's station.
    const ask = { action: 'transition', orderId: second, event: 'accept', view: 'stationDesk', queue: filter };
    expect(await send({ ...ask, expectedVersion: 99 }, STATION_C1)).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    expect(await send(ask, leader)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await send(ask, STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await send({ ...ask, queue: { ...filter, sort: 'x' } }, STATION_C1)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(stateOf(second)).toBe('submitted');

    // Four 受理 at the version on screen at once: exactly one goes through, with both panes answered.
    const v2 = (env.cloud.store.findById('orders', second) as { version: number }).version;
    const race = await Promise.all([1, 2, 3, 4].map(() => send({ ...ask, expectedVersion: v2 }, STATION_C1)));
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    for (const r of race.filter((x) => !x.ok)) expect(r).toMatchObject({ code: 'STATE.CONFLICT' });
    expect((race.find((r) => r.ok) as Extract<Answer, { ok: true }>).data.queue?.items.map((o) => o.orderId)).not.toContain(second);
    expect(storedTimeline(env.cloud.store, second).filter((e) => e.event === 'accept')).toHaveLength(1);

    // Someone who is not staff asking for the desk (the resident cancels): done, answered without the queue.
    const cancelled = await send(
      { action: 'transition', orderId: ids[2], event: 'cancel', view: 'stationDesk', queue: filter },
      resident._id,
    );
    expect(cancelled).toMatchObject({ ok: true, data: { to: 'cancelled' } });
    expect((cancelled as Extract<Answer, { ok: true }>).data.queue).toBeUndefined();
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  }, 60_000);
});
