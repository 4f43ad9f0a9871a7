import type { IndexSpec } from '../../database/indexes';
import { idKey } from './doc-id';
import { isPlainObject } from './ejson-codec';
import { fieldExpr } from './sql-index';

/**
 * Chooses how to fetch candidate rows for a MongoDB filter: by `_id`, through one declared index,
 * or by a full scan (then `plan` is null). Only conditions that can never exclude a real match are
 * pushed down (top-level equality / `$in` / range on string, number and boolean values of an
 * index's leading fields whose documents hold no arrays on that path); the full filter is always
 * applied to the candidates afterwards, so SQL only has to return a superset.
 */

type SqlValue = string | number;
export interface SqlPlan {
  /** SQL condition on the collection table. */
  where: string;
  params: SqlValue[];
  /** `_id` or the index name used. */
  via: string;
}

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
/** json_extract yields 1 / 0 for JSON true / false. */
const toSql = (v: Scalar): SqlValue => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

interface FieldCondition {
  eq?: Scalar;
  in?: Scalar[];
  range: Array<[op: string, value: Scalar]>;
}

const RANGE_OPS: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/** Conditions on `field` in the filter's top level (and in a top-level `$and`), as far as usable. */
function conditionsFor(filter: Record<string, unknown>, field: string): FieldCondition | null {
  const sources: unknown[] = [];
  if (Object.hasOwn(filter, field)) sources.push(filter[field]);
  if (Array.isArray(filter.$and)) {
    for (const part of filter.$and) if (isPlainObject(part) && Object.hasOwn(part, field)) sources.push(part[field]);
  }
  const cond: FieldCondition = { range: [] };
  let usable = false;
  for (const src of sources) {
    if (isScalar(src)) {
      cond.eq = src;
      usable = true;
      continue;
    }
    if (!isPlainObject(src)) continue;
    const keys = Object.keys(src);
    if (!keys.every((k) => k.startsWith('$'))) continue; // a whole-subdocument match
    for (const key of keys) {
      const val = src[key];
      if (key === '$eq' && isScalar(val)) {
        cond.eq = val;
        usable = true;
      } else if (key === '$in' && Array.isArray(val) && val.length > 0 && val.every(isScalar)) {
        cond.in = val;
        usable = true;
      } else if (RANGE_OPS[key] && isScalar(val)) {
        cond.range.push([RANGE_OPS[key], val]);
        usable = true;
      }
    }
  }
  return usable ? cond : null;
}

export function planQuery(
  filter: Record<string, unknown>,
  indexes: readonly IndexSpec[],
  isMultikey: (field: string) => boolean,
): SqlPlan | null {
  const idPlan = planById(filter);
  if (idPlan) return idPlan;

  let best: { plan: SqlPlan; score: number } | null = null;
  for (const index of indexes) {
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    let score = 0;
    for (const { field, direction } of index.fields) {
      if (direction === '2dsphere' || isMultikey(field)) break;
      const cond = conditionsFor(filter, field);
      if (!cond) break;
      const expr = fieldExpr(field);
      if (cond.eq !== undefined) {
        clauses.push(`${expr} = ?`);
        params.push(toSql(cond.eq));
        score += 10;
        continue;
      }
      if (cond.in) {
        clauses.push(`${expr} IN (${cond.in.map(() => '?').join(', ')})`);
        params.push(...cond.in.map(toSql));
        score += 8;
        continue;
      }
      for (const [op, value] of cond.range) {
        clauses.push(`${expr} ${op} ?`);
        params.push(toSql(value));
      }
      score += 3;
      break; // a range ends the usable prefix
    }
    if (clauses.length > 0 && (!best || score > best.score)) {
      best = { plan: { where: clauses.join(' AND '), params, via: index.name }, score };
    }
  }
  return best?.plan ?? null;
}

function planById(filter: Record<string, unknown>): SqlPlan | null {
  if (!Object.hasOwn(filter, '_id')) return null;
  const cond = filter._id;
  const key = (v: unknown): string | null => {
    try {
      return v !== null && v !== undefined && !isPlainObject(v) && !(v instanceof RegExp) ? idKey(v) : null;
    } catch {
      return null;
    }
  };
  const direct = key(cond);
  if (direct !== null) return { where: '_id = ?', params: [direct], via: '_id' };
  if (isPlainObject(cond)) {
    if (Object.hasOwn(cond, '$eq')) {
      const k = key(cond.$eq);
      if (k !== null) return { where: '_id = ?', params: [k], via: '_id' };
    }
    if (Array.isArray(cond.$in) && cond.$in.length > 0) {
      const keys = cond.$in.map(key);
      if (keys.every((k): k is string => k !== null)) {
        return { where: `_id IN (${keys.map(() => '?').join(', ')})`, params: keys, via: '_id' };
      }
    }
  }
  return null;
}
