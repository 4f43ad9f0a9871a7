import type { ProblemDoc } from '../../src/domain/problem/problem.types';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { fireSystem } from './problem-step';
import { PROBLEMS } from './problem-store';

/** Problems one sweep handles per kind; the next sweep takes the rest. */
const SWEEP_BATCH = 200;

export interface SuperviseCounts {
  supervised: number;
  escalated: number;
}

/**
 * 督办, the problem function's timer: dispatched problems past their deadline are flagged 超期
 * (催办), those past twice the deadline are escalated to the 实践所 (shown red). Each step is the
 * table's `supervise` / `escalate` through one compare-and-set with its timeline event, so two
 * sweeps never flag a problem twice. Notices (催办 to the unit's staff and the station) are not
 * sent yet: the problem function has no subscribe-message outbox of its own.
 */
export async function superviseSweep(now: number): Promise<SuperviseCounts> {
  const _ = database().command;
  const due = (level: number, field: 'deadlineAt' | 'escalateAt') =>
    readList<ProblemDoc>(
      database()
        .collection(PROBLEMS)
        .where({ state: 'dispatched', overdueLevel: level, [field]: _.lt(now) })
        .orderBy(field, 'asc')
        .limit(SWEEP_BATCH),
    );
  const counts: SuperviseCounts = { supervised: 0, escalated: 0 };
  for (const p of await due(0, 'deadlineAt')) {
    if (await fireSystem(p._id, 'supervise', '已超过处置期限，请尽快处置', now)) counts.supervised++;
  }
  const toEscalate = [...(await due(1, 'escalateAt')), ...(await due(0, 'escalateAt'))];
  for (const p of toEscalate) {
    if (await fireSystem(p._id, 'escalate', '超期一倍仍未处置，已上报街道实践所督办', now)) counts.escalated++;
  }
  return counts;
}
