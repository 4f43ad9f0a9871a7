import { NOTIFICATIONS, NOTIFY_SUBSCRIPTIONS } from '../../database/collections';
import { type NotificationDoc, notificationKeyOf } from '../../src/domain/notify/notify.rules';
import { PROBLEM_NOTICES, planProblemNotices } from '../../src/domain/problem/problem.notices';
import type { ProblemEvent } from '../../src/domain/problem/problem.state-machine';
import type { ProblemDoc } from '../../src/domain/problem/problem.types';
import { plannedRow } from '../../src/domain/shared/outbox';
import { readList } from '../kit/read-list';
import type { Tx } from '../kit/tx';
import { database } from '../kit/wx-cloud';

export { NOTIFICATIONS };

/** Openids subscribed to alerts (工单提醒) for any of these scopes: a unit's id, a community, a subdistrict. */
async function subscribers(scopeIds: readonly string[]): Promise<string[]> {
  if (scopeIds.length === 0) return [];
  const _ = database().command;
  const rows = await readList<{ openid: string }>(
    database()
      .collection(NOTIFY_SUBSCRIPTIONS)
      .where({ scopeId: scopeIds.length === 1 ? scopeIds[0] : _.in([...scopeIds]), templateKey: 'ORDER_ALERT' })
      .limit(200),
  );
  return [...new Set(rows.map((r) => r.openid))];
}

/**
 * Queues the messages of a landed step (src/domain/problem/problem.notices.ts) in the step's own
 * transaction, as rows of the one `notifications` outbox the notify function drains. A row's
 * `_id` is (problem, version, recipient, template): a retried step cannot queue it twice.
 * `orderId` carries the problem's id (the outbox row's subject).
 */
export async function queueProblemNotices(
  t: Tx,
  p: ProblemDoc,
  event: ProblemEvent,
  ctx: { actorOpenid: string; note: string; now: number },
): Promise<number> {
  const spec = PROBLEM_NOTICES[event];
  if (!spec) return 0;
  const stationScopes = event === 'escalate' ? [p.communityId, p.subdistrictId] : [p.communityId];
  const [unitStaff, stationStaff] = await Promise.all([
    spec.to.includes('unit') ? subscribers(p.unitIds) : [],
    spec.to.includes('station') ? subscribers(stationScopes) : [],
  ]);
  const drafts = planProblemNotices({
    event,
    problem: p,
    note: ctx.note,
    now: ctx.now,
    unitStaff,
    stationStaff,
    actorOpenid: ctx.actorOpenid,
  });
  for (const d of drafts) {
    const key = notificationKeyOf(p._id, p.version, d.recipient, d.templateKey);
    const row: NotificationDoc = {
      _id: key,
      key,
      orderId: p._id,
      version: p.version,
      recipient: d.recipient,
      templateKey: d.templateKey,
      cause: `problem.${event}`,
      page: d.page,
      data: d.data,
      ...plannedRow(ctx.now),
    };
    await t.collection(NOTIFICATIONS).add({ data: row });
  }
  return drafts.length;
}
