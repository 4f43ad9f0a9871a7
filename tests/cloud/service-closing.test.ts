import type { UserProfile } from '../../src/domain/identity/role';
import type { NotificationDoc } from '../../src/domain/notify/notify.rules';
import type { OrderDoc, OrderEventDoc } from '../../src/domain/order/order.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { storedTimeline } from '../support/order-timeline';
import { orderClient, residentsOf, STATION_C1, teamById } from './order-support';

const [resident, neighbour] = residentsOf('org-community-01') as [UserProfile, UserProfile];
const leader = teamById.get('team-02')?.leaderOpenid as string;
const DAY = 24 * 60 * 60 * 1000;

describe('closing: auto_close after the rating window, the 回头看 prompt and answer', () => {
  const env = withTestCloud(orderClient);

  const stored = (orderId: string) => env.cloud.store.findById('orders', orderId) as unknown as OrderDoc;
  const events = (orderId: string): OrderEventDoc[] => storedTimeline(env.cloud.store, orderId);
  const notices = (orderId: string) => env.cloud.store.find('notifications', { orderId }) as unknown as NotificationDoc[];

  async function completedOrder(who: string): Promise<string> {
    const start = Date.now() + env.cloud.clock.offset + 2 * 60 * 60 * 1000;
    const orderId = await env.api.place(who, { preferredWindow: { start, end: start + 60 * 60 * 1000 } });
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    await env.api.must(orderId, 'take', leader);
    await env.api.mustAct('checkIn', orderId, leader);
    const done = await env.api.call({ action: 'complete', orderId, summary: '已完成' }, leader);
    if (!done.ok) throw new Error(JSON.stringify(done));
    return orderId;
  }

  it('an unrated completed order closes itself after 7 days; the resident is asked 7 days later; "no" reopens it', async () => {
    const orderId = await completedOrder(resident._id);
    env.cloud.clock.advance(6 * DAY);
    await env.cloud.timers.tick();
    expect(stored(orderId).state).toBe('completed');

    env.cloud.clock.advance(1 * DAY + 60_000);
    env.cloud.store.clearUnindexedScans();
    await env.cloud.timers.tick();
    expect(env.cloud.store.unindexedScans()).toEqual([]);
    const closed = stored(orderId);
    expect(closed).toMatchObject({ state: 'closed', rating: null, followUpPrompted: false });
    expect(events(orderId).at(-1)).toMatchObject({ event: 'auto_close', byParty: 'system', actorLabel: '系统' });
    expect(closed.followUpAt).toBeGreaterThan(Date.now() + env.cloud.clock.offset + 6 * DAY);

    // Too early for 回头看.
    expect(await env.api.call({ action: 'followUp', orderId, solved: false }, resident._id)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    const early = (await env.api.call({ action: 'detail', orderId }, resident._id)).data;
    expect(early.order.followUpOpen).toBe(false);
    expect(early.actions.map((a: { event: string }) => a.event)).toEqual(['reopen']);

    env.cloud.clock.advance(7 * DAY + 60_000);
    await env.cloud.timers.tick();
    await env.cloud.timers.tick();
    const prompts = notices(orderId).filter((n) => n.templateKey === 'FOLLOW_UP');
    expect(prompts).toEqual([expect.objectContaining({ recipient: resident._id, cause: 'follow_up_prompt' })]);
    expect(stored(orderId).followUpPrompted).toBe(true);

    const due = (await env.api.call({ action: 'detail', orderId }, resident._id)).data;
    expect(due.order.followUpOpen).toBe(true);
    expect(due.actions).toContainEqual(expect.objectContaining({ event: 'follow_up', viaAction: 'followUp' }));
    expect(await env.api.call({ action: 'followUp', orderId, solved: false }, leader)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });

    const reopened = await env.api.call({ action: 'followUp', orderId, solved: false, note: '水管又开始漏了' }, resident._id);
    expect(reopened).toMatchObject({ ok: true, data: { event: 'reopen', to: 'accepted', teamId: null } });
    expect(stored(orderId)).toMatchObject({ state: 'accepted', followUp: { solved: false, note: '水管又开始漏了' }, serviceCode: null });
    expect(events(orderId).at(-1)).toMatchObject({ event: 'reopen', note: '水管又开始漏了', actorLabel: '居民' });
  });

  it('"still solved" is recorded on the timeline, the order stays closed, and it is answered once', async () => {
    const orderId = await completedOrder(neighbour._id);
    await env.api.call({ action: 'rate', orderId, stars: 4 }, neighbour._id);
    env.cloud.clock.advance(7 * DAY + 60_000);
    const ok = await env.api.call({ action: 'followUp', orderId, solved: true }, neighbour._id);
    expect(ok).toMatchObject({ ok: true, data: { event: 'follow_up', to: 'closed' } });
    expect(stored(orderId)).toMatchObject({ state: 'closed', followUp: { solved: true } });
    expect(events(orderId).at(-1)).toMatchObject({ event: 'follow_up', from: 'closed', to: 'closed' });
    expect(await env.api.call({ action: 'followUp', orderId, solved: false }, neighbour._id)).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
    });
    expect(stored(orderId).state).toBe('closed');
  });
});
