import type { IndexSpec } from '../../database/indexes';
import { invalidParam } from './db-error';

/** Index field paths must be plain dotted identifiers (they are spliced into SQL). */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

export function assertCollectionName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw invalidParam(`invalid collection name: ${JSON.stringify(name)}`);
  }
}

/** The SQL expression that reads one field out of a stored document (same text in index and query). */
export function fieldExpr(field: string): string {
  if (!FIELD_PATH.test(field)) throw new Error(`index field path not allowed: ${field}`);
  return `json_extract(doc, '$.${field}')`;
}

export const tableName = (collection: string): string => `"c_${collection}"`;
export const indexName = (collection: string, index: string): string => `ix_${collection}__${index.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** The CREATE INDEX statement for one declared index; null for a geo index (served by a scan locally). */
export function createIndexSql(collection: string, spec: IndexSpec): string | null {
  if (spec.fields.some((f) => f.direction === '2dsphere')) return null;
  const cols = spec.fields.map((f) => `${fieldExpr(f.field)}${f.direction === -1 ? ' DESC' : ''}`).join(', ');
  return `CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX "${indexName(collection, spec.name)}" ON ${tableName(collection)} (${cols})`;
}

/** Every path prefix of a field (`a.b.c` → `a`, `a.b`, `a.b.c`): an array at any of them makes the field multikey. */
export function pathPrefixes(field: string): string[] {
  const parts = field.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Whether a document holds an array anywhere along `field`'s path. */
export function pathHasArray(doc: unknown, field: string): boolean {
  let cur: unknown = doc;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return false;
    if (Array.isArray(cur)) return true;
    cur = (cur as Record<string, unknown>)[part];
  }
  return Array.isArray(cur);
}

/** Whether a filter's geo condition (`$nearSphere`, `$geoWithin`, …) is on a field a declared geo index covers. */
export function geoIndexServes(filter: Record<string, unknown>, specs: readonly IndexSpec[]): boolean {
  const geoFields = new Set(specs.flatMap((s) => s.fields.filter((f) => f.direction === '2dsphere').map((f) => f.field)));
  if (geoFields.size === 0) return false;
  const parts = [filter, ...(Array.isArray(filter.$and) ? (filter.$and as Array<Record<string, unknown>>) : [])];
  return parts.some((part) =>
    Object.entries(part ?? {}).some(
      ([field, cond]) =>
        geoFields.has(field) &&
        cond !== null &&
        typeof cond === 'object' &&
        Object.keys(cond).some((k) => k === '$nearSphere' || k === '$near' || k === '$geoWithin' || k === '$geoIntersects'),
    ),
  );
}
