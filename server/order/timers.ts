import { followUpNotice } from '../../src/domain/notify/notify.rules';
import { queueKeyOf, RATING_WINDOW_DAYS } from '../../src/domain/order/order.rules';
import { OFFERED_STATES, WITH_STAFF_STATES } from '../../src/domain/order/order.states';
import type { OrderDoc } from '../../src/domain/order/order.types';
import { DomainError } from '../../src/domain/shared/domain-error';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { rowOf } from '../notify/enqueue';
import { fire } from './fire';
import { applyEffects, sweepEffects } from './order-effects';
import { ORDERS, type OrderEffect } from './order-store';

/** Orders handled per sweep and timer run; the next run picks up the rest. */
const SWEEP_BATCH = 100;

export interface SweepResult {
  /** Dispatched / pooled orders nobody took in time: back to 待派单 at the institute (expire). */
  expired: number;
  /** Orders still waiting for staff past their deadline: flagged for 催办. */
  flagged: number;
  /** Completed orders whose rating window passed: closed by the system (auto_close). */
  autoClosed: number;
  /** Closed orders whose 回头看 date came: the requester was sent the prompt. */
  followUpsPrompted: number;
  /** Orders whose step effects a lost instance may have left, applied again and cleared. */
  effectsSettled: number;
}

type Command = ReturnType<typeof database>['command'];

/** One sweep: which orders are due (oldest due first), and what is done to each; true when it was done. */
interface Sweep {
  counts: Exclude<keyof SweepResult, 'effectsSettled'>;
  due: (_: Command, now: number) => Record<string, unknown>;
  dueField: keyof OrderDoc;
  run: (order: OrderDoc, now: number) => Promise<boolean>;
}

const SWEEPS: readonly Sweep[] = [
  {
    // Offered but not taken by the response deadline: falls back and escalates (the table's `expire`).
    counts: 'expired',
    due: (_, now) => ({ state: _.in([...OFFERED_STATES]), responseDeadline: _.lt(now) }),
    dueField: 'responseDeadline',
    run: async (order, now) => {
      await fire(
        'system',
        { event: 'expire', orderId: order._id, expectedVersion: order.version, note: '超过响应时限未接单，退回并上报街道实践所' },
        now,
      );
      return true;
    },
  },
  {
    // Still waiting for staff past the deadline: flagged so the queue puts it first (催办). Not a
    // state change, so no timeline event; the write lands only on the version read, and only while
    // not yet flagged (`updated` counts matched documents, so a concurrent sweep that flagged it
    // first must not match here: each order is counted once).
    counts: 'flagged',
    due: (_, now) => ({ state: _.in([...WITH_STAFF_STATES]), responseDeadline: _.lt(now) }),
    dueField: 'responseDeadline',
    run: async (order) => {
      if (order.overdue) return false;
      const _ = database().command;
      const res = (await database()
        .collection(ORDERS)
        .where({ _id: order._id, version: order.version, state: order.state, overdue: _.neq(true) })
        .update({ data: { overdue: true, queueKey: queueKeyOf({ ...order, overdue: true }) } })) as { stats: { updated: number } };
      return res.stats.updated > 0;
    },
  },
  {
    // Not rated within RATING_WINDOW_DAYS: closed by the system (`auto_close`, no rating, follow-up scheduled).
    counts: 'autoClosed',
    due: (_, now) => ({ state: 'completed', rateBy: _.lt(now) }),
    dueField: 'rateBy',
    run: async (order, now) => {
      await fire(
        'system',
        {
          event: 'auto_close',
          orderId: order._id,
          expectedVersion: order.version,
          note: `完成后 ${RATING_WINDOW_DAYS} 天未评价，系统自动完成`,
        },
        now,
      );
      return true;
    },
  },
  {
    // 回头看 date passed: one FOLLOW_UP prompt to the requester through the outbox, written in one
    // transaction with the order's `followUpPrompted` flag so it is asked exactly once.
    counts: 'followUpsPrompted',
    due: (_, now) => ({ state: 'closed', followUpPrompted: false, followUpAt: _.lt(now) }),
    dueField: 'followUpAt',
    run: async (order, now) => {
      const row = rowOf(order._id, order.version, 'follow_up_prompt', followUpNotice(order, order.updatedAt), now);
      // The flag and the notice (an effect of this write) in one conditional update on the version read.
      const effect: OrderEffect = { kind: 'notices', rows: [row] };
      const res = (await database()
        .collection(ORDERS)
        .where({ _id: order._id, version: order.version, followUpPrompted: false })
        .update({
          data: { followUpPrompted: true, effects: database().command.push({ each: [effect] }), effectsDue: true, effectsAt: now },
        })) as {
        stats: { updated: number };
      };
      if (res.stats.updated === 0) return false;
      await applyEffects([effect]);
      return true;
    },
  },
];

/**
 * THE order timer (config.json trigger `deadlines`): every sweep in turn, each reading its due
 * orders (at most SWEEP_BATCH, oldest due first) and handling them one by one. An order someone
 * acted on meanwhile is refused by its compare-and-set and left alone.
 */
export async function sweepOrders(now: number): Promise<SweepResult> {
  const db = database();
  const result: SweepResult = { expired: 0, flagged: 0, autoClosed: 0, followUpsPrompted: 0, effectsSettled: 0 };
  for (const sweep of SWEEPS) {
    const due = await readList<OrderDoc>(
      db.collection(ORDERS).where(sweep.due(db.command, now)).orderBy(sweep.dueField, 'asc').limit(SWEEP_BATCH),
    );
    for (const order of due) {
      try {
        if (await sweep.run(order, now)) result[sweep.counts] += 1;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err; // someone acted on it meanwhile: nothing to do
      }
    }
  }
  result.effectsSettled = await sweepEffects(now);
  return result;
}
