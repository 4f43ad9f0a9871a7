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

/**
 * True for the CloudBase errors a concurrent transaction produces. At commit they arrive with
 * `code: DATABASE_TRANSACTION_CONFLICT`; from a read or write inside the transaction (a write
 * conflict found at update time, after which the server has aborted the transaction) wx-server-sdk
 * reports only `errCode: -501001` and the server's text, `[ResourceUnavailable.TransactionConflict]
 * …` or `[ResourceUnavailable.TransactionNotExist] …`.
 */
export function isTransactionConflict(err: unknown): boolean {
  const e = err as { code?: string; errCode?: string; message?: string; errMsg?: string } | undefined;
  const text = `${e?.code ?? ''} ${e?.errCode ?? ''} ${e?.message ?? ''} ${e?.errMsg ?? ''}`;
  return /TRANSACTION_CONFLICT|TRANSACTION_FAIL|TransactionConflict|TransactionNotExist|write ?conflict/i.test(text);
}

/**
 * How long conflicts are retried, from the first attempt. wx-server-sdk's runTransaction retries
 * by itself only a conflict met at commit; one met at update time (CloudBase detects most there)
 * comes straight back, so these rounds are the retries that matter. A time budget rather than a
 * count: under load an attempt takes longer, and so does waiting for a hot document's writers to
 * get through. Every function's timeout is at least 5 s.
 */
const PATIENT_BUDGET_MS = 2_500;
/** Longest single wait. */
const MAX_WAIT_MS = 320;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction and, when writers of one hot document (a team's rating, a pooled order)
 * collide, runs it again after a random wait so they stop colliding in lock-step, for up to
 * PATIENT_BUDGET_MS. A duplicate key is a collision too: two first-time writers both read "no
 * such document" and both add it (a double-tapped redeem by a user with no `users` record yet);
 * the loser's next round reads the winner's document and takes the update path. Each round
 * re-runs the body from its reads, so a loser that has really lost gets the body's own refusal.
 * Domain refusals and other errors are never retried.
 */
export async function runTransactionPatiently<T>(body: (t: Tx) => Promise<T>, budgetMs = PATIENT_BUDGET_MS): Promise<T> {
  const started = Date.now();
  let duplicateRetried = false;
  for (let round = 0; ; round++) {
    try {
      return (await database().runTransaction(body)) as T;
    } catch (err) {
      // One more round settles a duplicate (the winner has committed); a body that adds blindly
      // would only hit it again, so a duplicate is retried once and the other rounds are for
      // write conflicts alone.
      const duplicate = !duplicateRetried && isDuplicateKey(err);
      if (err instanceof DomainError || !(isTransactionConflict(err) || duplicate)) throw err;
      if (duplicate) duplicateRetried = true;
      const wait = Math.min(MAX_WAIT_MS, backoffMs(round));
      if (Date.now() - started + wait > budgetMs) throw err;
      await sleep(wait);
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
