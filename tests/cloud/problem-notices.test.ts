import type { NotificationDoc } from '../../src/domain/notify/notify.rules';
import { withTestCloud } from '../support/local-cloud-harness';
import { PROPERTY_C1, photo, problemClient, STATION_C1, tianfuResidents, UNIT_STAFF_C1, UNIT_STAFF_C2 } from './problem-support';

const [resident] = tianfuResidents;
if (!resident) throw new Error('no resident in 天府花园');
const DAY = 24 * 60 * 60 * 1000;

// A cold function instance on a busy machine takes seconds; the steps themselves are quick.
jest.setTimeout(60_000);

describe('grid problem notices go through the one notification outbox', () => {
  const env = withTestCloud(problemClient);
  const rows = (problemId: string) =>
    (env.cloud.store.find('notifications', { orderId: problemId }) as unknown as NotificationDoc[]).sort(
      (a, b) => a.version - b.version || a.recipient.localeCompare(b.recipient),
    );
  const subscribe = async (openid: string) => (await env.cloud.call('notify', { action: 'subscribeAlerts', on: true }, openid)).body.result;

  it('reporter, unit staff and station are told at each step; the notify worker sends each once, within the field limits', async () => {
    expect(await subscribe(STATION_C1)).toMatchObject({ ok: true, data: { scopes: ['org-community-01'] } });
    expect(await subscribe(UNIT_STAFF_C1)).toMatchObject({ ok: true, data: { scopes: [PROPERTY_C1] } });
    // Another unit's staff subscribed too, but the problem is not theirs.
    expect(await subscribe(UNIT_STAFF_C2)).toMatchObject({ ok: true });

    const id = await env.api.report(resident._id);
    expect(rows(id)).toEqual([]);
    await env.api.transition(id, 'register', STATION_C1);
    await env.api.transition(id, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1] });
    const deadline = (env.cloud.store.findById('problems', id) as { deadlineAt: number }).deadlineAt;
    const day = new Date(deadline + 3 * DAY + 8 * 3600 * 1000).toISOString().slice(0, 10);
    await env.api.must('requestExtension', UNIT_STAFF_C1, { problemId: id, reason: '需要从厂家调货', deadlineDay: day });
    await env.api.must('decideExtension', STATION_C1, { problemId: id, approve: true });
    await env.api.must('fix', UNIT_STAFF_C1, { problemId: id, photos: [photo('after')], note: '已更换' });
    await env.api.must('verify', STATION_C1, { problemId: id, pass: false, note: '井盖还在晃' });
    await env.api.must('fix', UNIT_STAFF_C1, { problemId: id, photos: [photo('after-2')] });
    await env.api.must('verify', STATION_C1, { problemId: id, pass: true });

    expect(rows(id).map((r) => [r.version, r.cause, r.recipient, r.templateKey, r.data.phrase2?.value])).toEqual([
      [2, 'problem.register', resident._id, 'ORDER_STATUS', '已立案'],
      [3, 'problem.dispatch', UNIT_STAFF_C1, 'ORDER_ALERT', '新派遣'],
      [4, 'problem.request_extension', STATION_C1, 'ORDER_ALERT', '延期申请'],
      [5, 'problem.approve_extension', UNIT_STAFF_C1, 'ORDER_ALERT', '同意延期'],
      [6, 'problem.fix', STATION_C1, 'ORDER_ALERT', '处置上报'],
      [7, 'problem.verify_fail', resident._id, 'ORDER_STATUS', '返工'],
      [7, 'problem.verify_fail', UNIT_STAFF_C1, 'ORDER_ALERT', '返工'],
      [8, 'problem.fix', STATION_C1, 'ORDER_ALERT', '处置上报'],
      [9, 'problem.verify_pass', resident._id, 'ORDER_STATUS', '已销号'],
    ]);
    expect(rows(id)[1]).toMatchObject({ page: `pages/problem/detail/index?problemId=${id}`, state: 'planned' });

    const sentBefore = env.cloud.outbox.list('subscribeMessage.send').length;
    const drained = (await env.cloud.runtime.invoke('notify', { Type: 'Timer', TriggerName: 'drain' }, { source: 'timer' })) as {
      ok: boolean;
    };
    expect(drained.ok).toBe(true);
    const sent = env.cloud.outbox.list('subscribeMessage.send').slice(sentBefore);
    const ours = sent.filter((m) => m.page === `pages/problem/detail/index?problemId=${id}`);
    expect(ours.map((m) => m.openid).sort()).toEqual(
      rows(id)
        .map((r) => r.recipient)
        .sort(),
    );
    for (const m of ours) {
      for (const [key, { value }] of Object.entries(m.data as Record<string, { value: string }>)) {
        if (key.startsWith('thing')) expect(Array.from(value).length).toBeLessThanOrEqual(20);
        if (key.startsWith('phrase')) expect(Array.from(value).length).toBeLessThanOrEqual(5);
      }
    }
    expect(rows(id).every((r) => r.state === 'sent')).toBe(true);
  });

  it('不予立案 tells the reporter why; 催办 on a moved clock tells the unit', async () => {
    const dismissed = await env.api.report(resident._id);
    await env.api.transition(dismissed, 'dismiss', STATION_C1, { note: '经核实不属于本社区管理范围' });
    expect(rows(dismissed).map((r) => [r.recipient, r.data.phrase2?.value, r.data.thing3?.value])).toEqual([
      [resident._id, '不予立案', '原因：经核实不属于本社区管理范围'],
    ]);

    const late = await env.api.report(resident._id, { categoryId: 'pc-garbage' });
    await env.api.transition(late, 'register', STATION_C1);
    await env.api.transition(late, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1] });
    env.cloud.clock.advance(1 * DAY + 60_000);
    await env.cloud.timers.tick();
    const urged = rows(late).filter((r) => r.cause === 'problem.supervise');
    expect(urged.map((r) => [r.recipient, r.templateKey, r.data.phrase2?.value])).toEqual([[UNIT_STAFF_C1, 'ORDER_ALERT', '超期催办']]);
  });
});
