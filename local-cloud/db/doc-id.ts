import { randomBytes } from 'node:crypto';

/** A new document `_id` shaped like CloudBase's: 32 lowercase hex characters. */
export function newDocId(): string {
  return randomBytes(16).toString('hex');
}

/** A document `_id` as the text primary key of its row (ids may be strings or numbers). */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return `\u0000n:${id}`;
  if (id && typeof id === 'object' && typeof (id as { toHexString?: unknown }).toHexString === 'function') {
    return `\u0000oid:${(id as { toHexString(): string }).toHexString()}`;
  }
  throw new TypeError('_id must be a string, a finite number or an ObjectId');
}
