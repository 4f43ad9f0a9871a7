import type { HoursEntry } from '../../src/domain/hours/hours.rules';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrderDoc, OrderEventDoc } from '../../src/domain/order/order.types';
import { pointsForHours } from '../../src/domain/points/points.rules';
import type { ServiceSessionDoc } from '../../src/domain/service/service.rules';
import { withTestCloud } from '../support/local-cloud-harness';
import { storedTimeline } from '../support/order-timeline';
import { uploadPhotoAs } from '../support/uploads';
import { orderClient, residentsOf, STATION_C1, teamById } from './order-support';

const [resident, neighbour] = residentsOf('org-community-01') as [UserProfile, UserProfile];
const team02 = teamById.get('team-02');
const leader = team02?.leaderOpenid as string;
const [memberA, memberB] = (team02?.memberOpenids ?? []).filter((o) => o !== leader) as [string, string];
const outsider = teamById
  .get('team-01')
  ?.memberOpenids.find((o) => o.startsWith('o-volunteer-') && !team02?.memberOpenids.includes(o)) as string;
const MIN = 60 * 1000;

describe('service: check-in / check-out with the resident code, leader corrections, hours and points', () => {
  const env = withTestCloud(orderClient);

  const stored = (orderId: string) => env.cloud.store.findById('orders', orderId) as unknown as OrderDoc;
  const events = (orderId: string): OrderEventDoc[] => storedTimeline(env.cloud.store, orderId);
  // An order's credits: its rows in the one hours ledger, points by the one published rule.
  const ledger = (orderId: string) =>
    // Read through indexed fields (sessions by order, entries by session), as the functions do.
    (env.cloud.store.find('service_sessions', { orderId }) as unknown as ServiceSessionDoc[])
      .flatMap((session) => env.cloud.store.find('hours_ledger', { sessionId: session._id }) as unknown as HoursEntry[])
      .map((r) => ({
        openid: r.openid,
        hours: r.hours,
        points: pointsForHours(r.hours),
      }));

  /** An order of `who`, taken by team-02. */
  async function takenOrder(who: string): Promise<string> {
    const orderId = await env.api.place(who);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    await env.api.must(orderId, 'take', leader);
    return orderId;
  }

  it('the code: only the requester sees it; a wrong code is refused, the right one accepted; the leader confirms without it', async () => {
    env.cloud.store.clearUnindexedScans();
    const orderId = await takenOrder(resident._id);
    const mine = await env.api.call({ action: 'detail', orderId }, resident._id);
    const code = mine.data.order.serviceCode as string;
    expect(code).toMatch(/^\d{6}$/);
    expect((await env.api.call({ action: 'detail', orderId }, leader)).data.order.serviceCode).toBeNull();
    expect((await env.api.call({ action: 'detail', orderId }, STATION_C1)).data.order.serviceCode).toBeNull();
    const buttons = (await env.api.call({ action: 'detail', orderId }, memberA)).data.actions;
    expect(buttons).toEqual([expect.objectContaining({ event: 'check_in', viaAction: 'checkIn' })]);

    const wrong = code === '000000' ? '111111' : '000000';
    expect(await env.api.call({ action: 'checkIn', orderId, code: wrong }, memberA)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await env.api.call({ action: 'checkIn', orderId }, memberA)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await env.api.call({ action: 'checkIn', orderId, code: '12' }, memberA)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await env.api.call({ action: 'checkIn', orderId, code }, outsider)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    // A member cannot check somebody else in.
    expect(await env.api.call({ action: 'checkIn', orderId, code, volunteerOpenid: memberB }, memberA)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(stored(orderId)).toMatchObject({ state: 'taken', version: 4 });

    const inA = await env.api.call({ action: 'checkIn', orderId, code }, memberA);
    expect(inA).toMatchObject({ ok: true, data: { to: 'in_service', version: 5 } });
    expect(await env.api.call({ action: 'checkIn', orderId, code }, memberA)).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    const inB = await env.api.call({ action: 'checkIn', orderId, volunteerOpenid: memberB }, leader);
    expect(inB).toMatchObject({ ok: true, data: { to: 'in_service', version: 6 } });
    const sessions = env.cloud.store.find('service_sessions', { orderId }) as unknown as ServiceSessionDoc[];
    expect(sessions.map((s) => [s.openid, s.checkInBy]).sort()).toEqual(
      [
        [memberA, 'resident_code'],
        [memberB, 'leader'],
      ].sort(),
    );
    expect(
      events(orderId)
        .slice(-2)
        .map((e) => e.note),
    ).toEqual([expect.stringContaining('签到（居民确认码确认）'), expect.stringContaining('签到（队长确认）')]);

    // 95 minutes later A checks out with the code: 1.5 h (nearest quarter).
    env.cloud.clock.advance(95 * MIN);
    expect(await env.api.call({ action: 'checkOut', orderId, code: wrong }, memberA)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const outA = await env.api.call({ action: 'checkOut', orderId, code }, memberA);
    expect(outA).toMatchObject({ ok: true, data: { to: 'in_service' } });
    expect(env.cloud.store.findById('service_sessions', `${orderId}-r4-${memberA}`)).toMatchObject({
      hours: 1.5,
      checkOutBy: 'resident_code',
    });

    // B forgot; the leader corrects it to 60 minutes after the check-in, with a reason.
    const b = env.cloud.store.findById('service_sessions', `${orderId}-r4-${memberB}`) as unknown as ServiceSessionDoc;
    expect(
      await env.api.call({ action: 'correctCheckOut', orderId, volunteerOpenid: memberB, at: b.checkInAt + 60 * MIN, note: ' ' }, leader),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(
      await env.api.call(
        { action: 'correctCheckOut', orderId, volunteerOpenid: memberB, at: b.checkInAt + 60 * MIN, note: '忘记签退' },
        memberA,
      ),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const fixed = await env.api.call(
      {
        action: 'correctCheckOut',
        orderId,
        volunteerOpenid: memberB,
        at: b.checkInAt + 60 * MIN,
        note: '队员忘记签退，按实际离开时间更正',
      },
      leader,
    );
    expect(fixed).toMatchObject({ ok: true, data: { event: 'correct_check_out' } });
    expect(env.cloud.store.findById('service_sessions', b._id)).toMatchObject({
      hours: 1,
      checkOutBy: 'leader_correction',
      correction: { byOpenid: leader, note: '队员忘记签退，按实际离开时间更正', previousCheckOutAt: null },
    });
    const timeline = (await env.api.call({ action: 'detail', orderId }, resident._id)).data.timeline;
    const last = timeline[timeline.length - 1];
    expect(last).toMatchObject({ label: '更正签退', actorLabel: '队长' });
    expect(last.note).toMatch(/未签退 → .*计 1 小时。原因：队员忘记签退/);

    // Completion: report, hours confirmed, points credited by the rule (10 per hour, rounded down).
    const done = await env.api.call(
      {
        action: 'complete',
        orderId,
        summary: '已送餐上门，老人状态良好',
        photos: [await uploadPhotoAs(env.cloud, leader, `reports/${orderId}`)],
      },
      leader,
    );
    expect(done).toMatchObject({ ok: true, data: { to: 'completed', serviceHours: 2.5 } });
    expect(
      done.data.volunteers.map((v: { openid: string; hours: number; points: number }) => [v.openid, v.hours, v.points]).sort(),
    ).toEqual(
      [
        [memberA, 1.5, 15],
        [memberB, 1, 10],
      ].sort(),
    );
    expect(stored(orderId)).toMatchObject({ state: 'completed', serviceHours: 2.5, report: { summary: '已送餐上门，老人状态良好' } });
    expect((env.cloud.store.find('service_sessions', { orderId }) as unknown as ServiceSessionDoc[]).every((s) => s.confirmed)).toBe(true);
    expect(
      ledger(orderId)
        .map((r) => r.points)
        .sort(),
    ).toEqual([10, 15]);

    // Retries never credit twice.
    expect(await env.api.call({ action: 'complete', orderId, summary: '重复提交' }, leader)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    expect(ledger(orderId)).toHaveLength(2);

    const points = await env.api.call({ action: 'pointsMine' }, memberA);
    expect(points).toMatchObject({ ok: true, data: { balance: 15, totalHours: 1.5, nextCursor: null } });
    expect(points.data.items).toEqual([
      expect.objectContaining({ orderId, source: 'order', points: 15, hours: 1.5, reasonLabel: '百姓点单', itemName: '助餐送餐' }),
    ]);
    expect(points.data.rule).toMatch(/10 分/);

    const view = (await env.api.call({ action: 'detail', orderId }, resident._id)).data;
    expect(view.order).toMatchObject({ serviceCode: null, serviceHours: 2.5, report: { summary: '已送餐上门，老人状态良好' } });
    expect(view.order.rateBy).toBeGreaterThan(Date.now());
    expect(view.sessions).toHaveLength(2);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('completing with a volunteer still checked in checks them out then, and says so; concurrent completions credit once', async () => {
    const orderId = await takenOrder(neighbour._id);
    await env.api.mustAct('checkIn', orderId, leader); // no code: the leader confirms, checks themself in
    await env.api.call({ action: 'checkIn', orderId, volunteerOpenid: memberA }, leader);
    env.cloud.clock.advance(40 * MIN);
    const results = await Promise.all([
      env.api.call({ action: 'complete', orderId, summary: '完成' }, leader),
      env.api.call({ action: 'complete', orderId, summary: '完成' }, leader),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(['STATE.CONFLICT', 'STATE.INVALID_TRANSITION']).toContain(r.code);
    const rows = ledger(orderId);
    expect(rows.map((r) => [r.openid, r.hours, r.points]).sort()).toEqual(
      [
        [leader, 0.75, 7],
        [memberA, 0.75, 7],
      ].sort(),
    );
    const complete = events(orderId).find((e) => e.event === 'complete');
    expect(complete?.note).toMatch(/按完成时间自动签退/);
    expect(env.cloud.store.find('service_sessions', { orderId }).every((s) => s.checkOutBy === 'completion')).toBe(true);
  });

  it('rating averages into the team rating, atomically with the closing', async () => {
    const before = env.cloud.store.findById('teams', 'team-02') as { ratingCount?: number; ratingSum?: number };
    const count0 = before.ratingCount ?? 0;
    const sum0 = before.ratingSum ?? 0;
    const rated: string[] = [];
    for (const [who, stars] of [
      [resident._id, 5],
      [neighbour._id, 4],
    ] as const) {
      const [orderId] = (env.cloud.store.find('orders', { requesterOpenid: who, state: 'completed' }) as unknown as OrderDoc[]).map(
        (o) => o._id,
      );
      expect(orderId).toBeDefined();
      expect(await env.api.call({ action: 'rate', orderId, stars }, who)).toMatchObject({ ok: true, data: { to: 'closed' } });
      rated.push(orderId as string);
    }
    const team = env.cloud.store.findById('teams', 'team-02') as { rating: number; ratingCount: number; ratingSum: number };
    expect(team).toMatchObject({ ratingCount: count0 + 2, ratingSum: sum0 + 9 });
    expect(team.rating).toBe(Math.round(((sum0 + 9) / (count0 + 2)) * 10) / 10);
    expect(rated).toHaveLength(2);
  });
});
