import { backoffMs } from '../../src/domain/shared/backoff';
import { DomainError } from '../../src/domain/shared/domain-error';
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

/** Outcome of a transaction body: a value, or a domain refusal decided inside it (nothing written). */
export type TxOutcome<T> = { value: T } | { refused: { code: string; message: string } };

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
 * PATIENT_BUDGET_MS. Each round re-runs the body from its reads, so a loser that has really lost
 * gets the body's own refusal. Domain refusals and other errors are never retried.
 */
export async function runTransactionPatiently<T>(body: (t: Tx) => Promise<T>, budgetMs = PATIENT_BUDGET_MS): Promise<T> {
  const started = Date.now();
  for (let round = 0; ; round++) {
    try {
      return (await database().runTransaction(body)) as T;
    } catch (err) {
      if (err instanceof DomainError || !isTransactionConflict(err)) throw err;
      const wait = Math.min(MAX_WAIT_MS, backoffMs(round));
      if (Date.now() - started + wait > budgetMs) throw err;
      await sleep(wait);
    }
  }
}
