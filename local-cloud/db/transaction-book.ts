import { randomBytes } from 'node:crypto';
import { DB_ERROR, DbError } from './db-error';
import type { Doc } from './ejson-codec';

/** One open transaction: its writes wait here (collection → row key → new doc or null) until commit. */
export interface Txn {
  readonly id: string;
  readonly expiresAt: number;
  /**
   * Commit sequence number its reads see: set by its first read or write (as MongoDB takes a
   * transaction's snapshot at its first operation), null before that.
   */
  snapshotSeq: number | null;
  readonly writes: Map<string, Map<string, Doc | null>>;
  /** Documents (`collection\0key`) it has written, hence locked until it ends. */
  readonly locked: Set<string>;
}

/** One committed change kept for open snapshots: the document as it was before commit `seq`. */
interface Version {
  readonly seq: number;
  readonly before: Doc | null;
}

/** CloudBase's own texts (the SDK's tests compare them). */
export const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';
export const NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';

/** A plain (non-transactional) write met a document an open transaction has written: it must wait. */
export class DocumentLocked extends Error {
  constructor(readonly holder: string) {
    super(`document locked by transaction ${holder}`);
    this.name = 'DocumentLocked';
  }
}

export const docKeyOf = (collection: string, key: string): string => `${collection}\u0000${key}`;

/**
 * Open transactions and what snapshot isolation needs, as CloudBase (MongoDB) has it:
 *  - each transaction reads a snapshot: the committed state at its first operation, plus its own
 *    writes. Committed changes made while some snapshot is open keep their before-image here
 *    (`history`), so a later read in an older snapshot sees the old version;
 *  - a transaction's write locks the document until it ends. Another transaction writing a locked
 *    document, or writing a document committed after its snapshot, is a write conflict: it is
 *    aborted at once and answered `DATABASE_TRANSACTION_CONFLICT` (first writer wins);
 *  - a plain write on a locked document waits until the transaction ends (`DocumentLocked`).
 * Transactions live in memory: a restart aborts them, as a server restart would.
 */
export class TransactionBook {
  private readonly open = new Map<string, Txn>();
  /** Document (`collection\0key`) → the transaction holding its write lock. */
  private readonly locks = new Map<string, string>();
  /** collection → row key → versions replaced since the oldest open snapshot, oldest first. */
  private readonly history = new Map<string, Map<string, Version[]>>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private seq = 0;

  constructor(private readonly lifetimeMs: number) {}

  start(now: Date): string {
    this.sweep(now);
    const id = randomBytes(12).toString('hex');
    this.open.set(id, { id, snapshotSeq: null, expiresAt: now.getTime() + this.lifetimeMs, writes: new Map(), locked: new Set() });
    return id;
  }

  /** The open transaction with this id; null when no id is given. Expired or unknown ids fail. */
  get(id: string | undefined, now: Date): Txn | null {
    if (id === undefined || id === null || id === '') return null;
    const txn = this.open.get(id);
    if (!txn) throw notFound(id);
    if (now.getTime() > txn.expiresAt) {
      this.end(txn);
      throw notFound(id);
    }
    return txn;
  }

  /** Removes the transaction (commit or abort), releasing its locks, and returns it. */
  take(id: string, now: Date): Txn {
    const txn = this.get(id, now);
    if (!txn) throw notFound(String(id));
    this.end(txn);
    return txn;
  }

  /** Takes the transaction's snapshot if it has none yet (its first operation). */
  snapshot(txn: Txn): number {
    if (txn.snapshotSeq === null) txn.snapshotSeq = this.seq;
    return txn.snapshotSeq;
  }

  /**
   * Rows of a collection committed after `seq`, each as it was at `seq` (null: it did not exist).
   * A snapshot read replaces the current row by that version.
   */
  versionsAt(collection: string, seq: number): Map<string, Doc | null> | null {
    const byKey = this.history.get(collection);
    if (!byKey || byKey.size === 0) return null;
    let out: Map<string, Doc | null> | null = null;
    for (const [key, versions] of byKey) {
      const v = versions.find((x) => x.seq > seq);
      if (!v) continue;
      out ??= new Map();
      out.set(key, v.before);
    }
    return out;
  }

  /**
   * Checks that `txn` may write these documents: none locked by another open transaction, none
   * committed by anyone after its snapshot. On a conflict the transaction is aborted (as MongoDB
   * aborts it) and `DATABASE_TRANSACTION_CONFLICT` is thrown; otherwise it now holds their locks.
   */
  lockForWrite(txn: Txn, docKeys: readonly string[], now: Date): void {
    const snapshot = this.snapshot(txn);
    for (const k of docKeys) {
      if (this.lockedByOther(k, txn.id, now) || this.changedSince(k, snapshot)) {
        this.end(txn);
        throw new DbError(DB_ERROR.TRANSACTION_CONFLICT, CONFLICT_MESSAGE);
      }
    }
    for (const k of docKeys) {
      this.locks.set(k, txn.id);
      txn.locked.add(k);
    }
  }

  /** Throws `DocumentLocked` when an open transaction holds one of these documents (a plain write must wait). */
  assertUnlocked(docKeys: readonly string[], now: Date): void {
    for (const k of docKeys) {
      const holder = this.locks.get(k);
      if (holder !== undefined && this.lockedByOther(k, '', now)) throw new DocumentLocked(holder);
    }
  }

  /** Resolves when that transaction ends, or after `maxMs` (so a caller can re-check expiry). */
  waitFor(id: string, maxMs: number): Promise<void> {
    if (!this.open.has(id)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, maxMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      const list = this.waiters.get(id) ?? [];
      list.push(done);
      this.waiters.set(id, list);
    });
  }

  /** Aborts a transaction that has blocked others for too long (as the server's lifetime limit would). */
  abort(id: string): void {
    const txn = this.open.get(id);
    if (txn) this.end(txn);
  }

  /** Aborts every open transaction (a reset of the data), releasing their locks and waiters. */
  abortAll(): void {
    for (const txn of [...this.open.values()]) this.end(txn);
  }

  /** Whether committing now must keep before-images (some open transaction has a snapshot). */
  needsHistory(): boolean {
    for (const txn of this.open.values()) if (txn.snapshotSeq !== null) return true;
    return false;
  }

  /**
   * Notes one commit (plain or transactional). `changes` holds each written row's before-image;
   * pass it only when `needsHistory()` said so.
   */
  recordCommitted(changes: ReadonlyArray<{ collection: string; key: string; before: Doc | null }> | null): void {
    this.seq += 1;
    if (!changes) return;
    for (const c of changes) {
      let byKey = this.history.get(c.collection);
      if (!byKey) {
        byKey = new Map();
        this.history.set(c.collection, byKey);
      }
      const versions = byKey.get(c.key) ?? [];
      versions.push({ seq: this.seq, before: c.before });
      byKey.set(c.key, versions);
    }
  }

  openCount(now: Date): number {
    this.sweep(now);
    return this.open.size;
  }

  private changedSince(docKey: string, seq: number): boolean {
    const sep = docKey.indexOf('\u0000');
    const versions = this.history.get(docKey.slice(0, sep))?.get(docKey.slice(sep + 1));
    return versions !== undefined && versions.length > 0 && (versions[versions.length - 1] as Version).seq > seq;
  }

  private lockedByOther(docKey: string, self: string, now: Date): boolean {
    const holder = this.locks.get(docKey);
    if (holder === undefined || holder === self) return false;
    const txn = this.open.get(holder);
    if (!txn || now.getTime() > txn.expiresAt) {
      if (txn) this.end(txn);
      else this.locks.delete(docKey);
      return false;
    }
    return true;
  }

  private end(txn: Txn): void {
    this.open.delete(txn.id);
    for (const k of txn.locked) if (this.locks.get(k) === txn.id) this.locks.delete(k);
    this.prune();
    const waiting = this.waiters.get(txn.id);
    this.waiters.delete(txn.id);
    for (const w of waiting ?? []) w();
  }

  /** Drops versions no open snapshot can read any more. */
  private prune(): void {
    let oldest = Infinity;
    for (const t of this.open.values()) if (t.snapshotSeq !== null && t.snapshotSeq < oldest) oldest = t.snapshotSeq;
    if (oldest === Infinity) {
      this.history.clear();
      return;
    }
    for (const [collection, byKey] of this.history) {
      for (const [key, versions] of byKey) {
        while (versions.length > 0 && (versions[0] as Version).seq <= oldest) versions.shift();
        if (versions.length === 0) byKey.delete(key);
      }
      if (byKey.size === 0) this.history.delete(collection);
    }
  }

  private sweep(now: Date): void {
    for (const txn of [...this.open.values()]) if (now.getTime() > txn.expiresAt) this.end(txn);
  }
}

function notFound(_id: string): DbError {
  return new DbError(DB_ERROR.TRANSACTION_FAIL, NOT_EXIST_MESSAGE);
}
