import { randomBytes } from 'node:crypto';
import { DB_ERROR, DbError } from './db-error';
import type { Doc } from './ejson-codec';

/** One open transaction: its writes wait here (collection → row key → new doc or null) until commit. */
export interface Txn {
  readonly id: string;
  /** Commit sequence number when it started: later commits to the same documents conflict. */
  readonly startSeq: number;
  readonly expiresAt: number;
  readonly writes: Map<string, Map<string, Doc | null>>;
  /** Commit sequence at which it first read or wrote each document (`collection\0key`). */
  readonly touched: Map<string, number>;
}

/**
 * Book-keeping for open transactions and, while any is open, the commit sequence of each written
 * document (`collection\0key`), so a commit can tell whether someone else wrote the same document
 * after it started. Transactions live in memory: a restart aborts them, as a server restart would.
 */
export class TransactionBook {
  private readonly open = new Map<string, Txn>();
  private readonly lastWrite = new Map<string, number>();
  private seq = 0;

  constructor(private readonly lifetimeMs: number) {}

  start(now: Date): string {
    this.sweep(now);
    const id = randomBytes(12).toString('hex');
    this.open.set(id, { id, startSeq: this.seq, expiresAt: now.getTime() + this.lifetimeMs, writes: new Map(), touched: new Map() });
    return id;
  }

  /** The open transaction with this id; null when no id is given. Expired or unknown ids fail. */
  get(id: string | undefined, now: Date): Txn | null {
    if (id === undefined || id === null || id === '') return null;
    const txn = this.open.get(id);
    if (!txn) throw notFound(id);
    if (now.getTime() > txn.expiresAt) {
      this.open.delete(id);
      throw new DbError(DB_ERROR.TRANSACTION_FAIL, `transaction ${id} expired and was rolled back`);
    }
    return txn;
  }

  /** Removes the transaction (commit or abort) and returns it. */
  take(id: string, now: Date): Txn {
    const txn = this.get(id, now);
    if (!txn) throw notFound(String(id));
    this.open.delete(id);
    return txn;
  }

  /** Remembers the first time a transaction sees a document: later commits to it conflict. */
  touch(txn: Txn, docKey: string): void {
    if (!txn.touched.has(docKey)) txn.touched.set(docKey, this.seq);
  }

  /** Whether a document this transaction wrote was committed by someone else after it first saw it. */
  conflicts(txn: Txn, docKey: string): boolean {
    return this.changedSince(docKey, txn.touched.get(docKey) ?? txn.startSeq);
  }

  changedSince(docKey: string, seq: number): boolean {
    return (this.lastWrite.get(docKey) ?? -1) > seq;
  }

  /** Notes committed writes; only needed while some transaction is open. */
  recordCommitted(docKeys: string[]): void {
    this.seq += 1;
    if (this.open.size === 0) {
      this.lastWrite.clear();
      return;
    }
    for (const k of docKeys) this.lastWrite.set(k, this.seq);
  }

  openCount(now: Date): number {
    this.sweep(now);
    return this.open.size;
  }

  private sweep(now: Date): void {
    for (const [id, txn] of this.open) if (now.getTime() > txn.expiresAt) this.open.delete(id);
  }
}

function notFound(id: string): DbError {
  return new DbError(DB_ERROR.TRANSACTION_FAIL, `transaction ${id} does not exist (committed, aborted or expired)`);
}
