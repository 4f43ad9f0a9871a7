import { followUpNotice } from '../../src/domain/notify/notify.rules';
import { RATING_WINDOW_DAYS } from '../../src/domain/order/order.rules';
import { decideTransition } from '../../src/domain/order/order.state-machine';
import type { OrderDoc } from '../../src/domain/order/order.types';
import { DomainError } from '../../src/domain/shared/domain-error';
import { readList } from '../kit/read-list';
import { txGet } from '../kit/tx';
import { database } from '../kit/wx-cloud';
import { rowOf } from '../notify/enqueue';
import { inOrderTransaction, NOTIFICATIONS, ORDERS } from '../order/order-store';
import { commitTransition } from '../order/transition-order';

const SWEEP_BATCH = 100;

export interface ClosingSweepResult {
  /** Completed orders whose rating window passed: closed by the system (auto_close). */
  autoClosed: number;
  /** Closed orders whose 回头看 date came: the requester was sent the prompt. */
  followUpsPrompted: number;
}

/**
 * The order timer's second half. (1) A completed order the resident did not rate within
 * RATING_WINDOW_DAYS (7 days) is closed by the system (`auto_close`, no rating, follow-up
 * scheduled). (2) A closed order whose `followUpAt` passed gets one 回头看 prompt to the
 * requester (a FOLLOW_UP subscribe message through the outbox), written in one transaction with
 * the order's `followUpPrompted` flag so it is asked exactly once.
 */
export async function sweepClosing(now: number): Promise<ClosingSweepResult> {
  const db = database();
  const _ = db.command;
  const unrated = await readList<OrderDoc>(
    db
      .collection(ORDERS)
      .where({ state: 'completed', rateBy: _.lt(now) })
      .orderBy('rateBy', 'asc')
      .limit(SWEEP_BATCH),
  );
  let autoClosed = 0;
  for (const order of unrated) {
    const decision = decideTransition(order.state, 'auto_close', ['system']);
    if (!decision.ok) continue;
    try {
      await commitTransition(order, decision.rule, decision.to, {
        now,
        note: `完成后 ${RATING_WINDOW_DAYS} 天未评价，系统自动完成`,
        byOpenid: '',
        byParty: 'system',
        actorLabel: '系统',
      });
      autoClosed += 1;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err; // rated meanwhile
    }
  }

  const due = await readList<OrderDoc>(
    db
      .collection(ORDERS)
      .where({ state: 'closed', followUpPrompted: false, followUpAt: _.lt(now) })
      .orderBy('followUpAt', 'asc')
      .limit(SWEEP_BATCH),
  );
  let followUpsPrompted = 0;
  for (const order of due) {
    const closedAt = order.updatedAt;
    const row = rowOf(order._id, order.version, 'follow_up_prompt', followUpNotice(order, closedAt), now);
    try {
      await inOrderTransaction(async (t) => {
        const current = await txGet<OrderDoc>(t, ORDERS, order._id);
        if (!current || current.version !== order.version || current.followUpPrompted !== false) {
          throw new DomainError('STATE.CONFLICT', 'changed meanwhile');
        }
        await t
          .collection(ORDERS)
          .doc(order._id)
          .update({ data: { followUpPrompted: true } });
        await t.collection(NOTIFICATIONS).add({ data: row });
      });
      followUpsPrompted += 1;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
  return { autoClosed, followUpsPrompted };
}
