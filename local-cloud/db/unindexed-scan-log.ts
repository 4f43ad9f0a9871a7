import { type Doc, describe, isPlainObject } from './ejson-codec';

export interface UnindexedScan {
  collection: string;
  /** The first filter seen with this shape. */
  filter: Doc;
}

/** The shape of a filter: same keys and operators, values replaced by their type. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = shape(value[k]);
    return out;
  }
  return value instanceof Date ? 'date' : value instanceof RegExp ? 'regexp' : typeof value;
}

/** Queries that had to scan a whole collection, deduplicated by (collection, filter shape), capped. */
export class UnindexedScanLog {
  private readonly seen = new Map<string, UnindexedScan>();

  constructor(private readonly cap: number) {}

  record(collection: string, filter: Doc): void {
    if (this.seen.size >= this.cap) return;
    const key = `${collection} ${describe(shape(filter))}`;
    if (!this.seen.has(key)) this.seen.set(key, { collection, filter });
  }

  list(): UnindexedScan[] {
    return [...this.seen.values()];
  }

  clear(): void {
    this.seen.clear();
  }
}
