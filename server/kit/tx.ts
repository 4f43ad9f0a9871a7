import { backoffMs } from '../../src/domain/shared/backoff';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { database } from './wx-cloud';

/** A running transaction as the SDK exposes it (typed `any` by wx-server-sdk). */
export type Tx = Pick<ReturnType<typeof database>, 'collection'>;

/**
 * Reads one document inside a transaction by `_id` (the only read CloudBase transactions offer);
 * null when it does not exist.
 */
export async function txGet<T extends { _id: string }>(t: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = (await t.collection(collection).doc(id).get()) as unknown as { data: T | null | undefined };
    return res.data && typeof res.data === 'object' && res.data._id === id ? res.data : null;
  } catch (err) {
    // wx-server-sdk answers a missing document with `document.get:fail document with _id … does not exist`.
    const e = err as { errMsg?: string; message?: string } | undefined;
    if (/document with _id .* does not exist/.test(`${e?.errMsg ?? ''} ${e?.message ?? ''}`)) return null;
    throw err;
  }
}

/** True for the CloudBase errors a concurrent transaction produces (conflict after retries). */
export function isTransactionConflict(err: unknown): boolean {
  const e = err as { code?: string; errCode?: string; message?: string } | undefined;
  const text = `${e?.code ?? ''} ${e?.errCode ?? ''} ${e?.message ?? ''}`;
  return /TRANSACTION_CONFLICT|TRANSACTION_FAIL|write ?conflict/i.test(text);
}

/** Rounds run after the SDK's own (immediate) retries have given up on a conflict. */
const PATIENT_ROUNDS = 3;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction and, when writers of one hot document (a team's rating, a pooled order)
 * still collide after the SDK's immediate retries, runs it again after a random wait so they
 * stop colliding in lock-step. A duplicate key is a collision too: two first-time writers both
 * read "no such document" and both add it (a double-tapped redeem by a user with no `users`
 * record yet); the loser's next round reads the winner's document and takes the update path.
 * Each round re-runs the body from its reads, so a loser that has really lost gets the body's
 * own refusal. Domain refusals and other errors are never retried;
 * the waits add up to at most 140 ms, far inside a function's 3 s timeout.
 */
export async function runTransactionPatiently<T>(body: (t: Tx) => Promise<T>): Promise<T> {
  for (let round = 0; ; round++) {
    try {
      return (await database().runTransaction(body)) as T;
    } catch (err) {
      // One more round settles a duplicate (the winner has committed); a body that adds blindly
      // would only hit it again, so later rounds are for write conflicts alone.
      const retryable = isTransactionConflict(err) || (round === 0 && isDuplicateKey(err));
      if (err instanceof DomainError || round >= PATIENT_ROUNDS || !retryable) throw err;
      await sleep(backoffMs(round));
    }
  }
}

/** True for a write that hit a unique key (a fixed `_id` or a unique index) another writer took first. */
export const isDuplicateKey = (err: unknown): boolean => {
  const e = err as { code?: string; errCode?: string; message?: string; errMsg?: string } | undefined;
  return /duplicate/i.test(`${e?.code ?? ''} ${e?.errCode ?? ''} ${e?.message ?? ''} ${e?.errMsg ?? ''}`);
};

/**
 * THE way a use case runs a transaction: patiently (runTransactionPatiently), with a conflict
 * that outlived every retry answered as STATE.CONFLICT (`conflict`, or a generic message). A
 * write that still hits a unique key after the retries is answered STATE.CONFLICT too, with
 * `duplicate` when given (a concurrent writer appended the same fixed-id row first, or a name is
 * taken): a duplicate key inside a transaction is never an internal error.
 */
export async function inTransaction<T>(body: (t: Tx) => Promise<T>, messages: { conflict?: string; duplicate?: string } = {}): Promise<T> {
  try {
    return await runTransactionPatiently(body);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (isTransactionConflict(err)) throw new DomainError(ErrorCode.Conflict, messages.conflict ?? '操作冲突，请刷新后重试');
    if (isDuplicateKey(err)) throw new DomainError(ErrorCode.Conflict, messages.duplicate ?? messages.conflict ?? '操作冲突，请刷新后重试');
    throw err;
  }
}
