import { queueKeyOf } from '../../src/domain/order/order.rules';
import { decideTransition } from '../../src/domain/order/order.state-machine';
import type { OrderDoc } from '../../src/domain/order/order.types';
import { DomainError } from '../../src/domain/shared/domain-error';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { ORDERS } from './order-store';
import { commitTransition } from './transition-order';

/** Orders handled per timer run; the next run picks up the rest. */
const SWEEP_BATCH = 100;

export interface SweepResult {
  /** Dispatched / pooled orders nobody took in time: back to 待派单 at the institute (expire). */
  expired: number;
  /** Orders still waiting for staff past their deadline: flagged for 催办. */
  flagged: number;
}

/**
 * The deadline timer (config.json trigger). An order dispatched or pooled but not taken by its
 * response deadline falls back and escalates (the table's `expire`, fired as `system`); one still
 * waiting for the station past its deadline is flagged overdue so the queue puts it first.
 */
export async function sweepDeadlines(now: number): Promise<SweepResult> {
  const db = database();
  const _ = db.command;
  const late = await readList<OrderDoc>(
    db
      .collection(ORDERS)
      .where({ state: _.in(['dispatched', 'pooled']), responseDeadline: _.lt(now) })
      .orderBy('responseDeadline', 'asc')
      .limit(SWEEP_BATCH),
  );
  let expired = 0;
  for (const order of late) {
    const decision = decideTransition(order.state, 'expire', ['system']);
    if (!decision.ok) continue;
    try {
      await commitTransition(order, decision.rule, decision.to, {
        now,
        note: '超过响应时限未接单，退回并上报街道实践所',
        byOpenid: '',
        byParty: 'system',
        actorLabel: '系统',
      });
      expired += 1;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err; // someone acted on it meanwhile: nothing to do
    }
  }
  const waiting = await readList<OrderDoc>(
    db
      .collection(ORDERS)
      .where({ state: _.in(['submitted', 'accepted']), responseDeadline: _.lt(now) })
      .orderBy('responseDeadline', 'asc')
      .limit(SWEEP_BATCH),
  );
  let flagged = 0;
  for (const order of waiting.filter((o) => !o.overdue)) {
    // Not a state change, so no timeline event; the write lands only on the version we read, and
    // only while not yet flagged (`updated` counts matched documents, so a concurrent sweep that
    // flagged it first must not match here: each order is counted once).
    const res = (await db
      .collection(ORDERS)
      .where({ _id: order._id, version: order.version, state: order.state, overdue: _.neq(true) })
      .update({ data: { overdue: true, queueKey: queueKeyOf({ ...order, overdue: true }) } })) as { stats: { updated: number } };
    flagged += res.stats.updated;
  }
  return { expired, flagged };
}
