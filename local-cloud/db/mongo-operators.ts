import { computeValue, type ExpressionOperator, type Options, type QueryOperator } from 'mingo/core';
import { $dayOfWeek, $dayOfYear } from 'mingo/operators/expression';
import { Query } from 'mingo/query';
import type { Any, AnyObject } from 'mingo/types';
import { resolve } from 'mingo/util';
import { invalidParam } from './db-error';
import { isPlainObject } from './ejson-codec';
import { distanceMeters, geoWithin, type LngLat, nearestVertexDistance, parseNear } from './geo';
import { jsonSchemaValidator } from './json-schema';

/**
 * Operators where mingo and CloudBase's MongoDB disagree or mingo has none. They are added to the
 * contexts of the local store's queries and aggregations; mingo's own operators serve the rest.
 */

const LOGICAL = new Set(['$and', '$or', '$nor']);

/**
 * `$elemMatch` as MongoDB has it: with a field sub-query (`{ value: { $exists: true } }`) only
 * elements that are documents can match; with operators only (`{ $gt: 0 }`) each element is tested
 * as a value. mingo tries a field sub-query on plain values too (so `['Go']` matched).
 */
const $elemMatch: QueryOperator = (selector, value, options) => {
  if (!isPlainObject(value)) throw invalidParam('$elemMatch needs an object');
  const keys = Object.keys(value);
  const operatorsOnly = keys.length > 0 && keys.every((k) => k.startsWith('$') && !LOGICAL.has(k));
  const query = new Query(operatorsOnly ? { v: value } : value, options);
  return (doc) => {
    const arr = resolve(doc as AnyObject, selector, { unwrapArray: true });
    if (!Array.isArray(arr)) return false;
    return arr.some((e) => (operatorsOnly ? query.test({ v: e }) : isPlainObject(e) && query.test(e)));
  };
};

/** Geometry at a document path (a GeoJSON object, a legacy `[lng, lat]` pair, or nothing). */
const geometryAt = (doc: Any, selector: string): unknown => resolve(doc as AnyObject, selector);

/**
 * `$nearSphere` (what `_.geoNear` sends): documents within `$minDistance`..`$maxDistance` metres
 * of the point. The ordering by distance is applied by the store (`nearOrder`).
 */
const $nearSphere: QueryOperator = (selector, value) => {
  const near = parseNear(value);
  return (doc) => {
    const d = nearestVertexDistance(geometryAt(doc, selector), near.center);
    return d !== null && d >= near.minDistance && d <= near.maxDistance;
  };
};

/** `$geoWithin` with `$geometry` (Polygon / MultiPolygon) or `$centerSphere: [[lng, lat], radians]`. */
const $geoWithin: QueryOperator = (selector, value) => {
  if (!isPlainObject(value)) throw invalidParam('$geoWithin needs an object');
  const test = geoWithin(value);
  return (doc) => test(geometryAt(doc, selector));
};

/** `$jsonSchema` (MongoDB's draft-4 subset with `bsonType`). */
const $jsonSchema: QueryOperator = (_selector, value) => {
  const validate = jsonSchemaValidator(value);
  return (doc) => validate(doc);
};

export const QUERY_OPERATORS: Record<string, QueryOperator> = { $elemMatch, $nearSphere, $near: $nearSphere, $geoWithin, $jsonSchema };

// ── aggregation expressions ──────────────────────────────────────────────────────────────────

const args = (obj: Any, expr: Any, options: Options, name: string): Any[] => {
  const v = computeValue(obj, expr, null, options);
  if (!Array.isArray(v)) throw invalidParam(`${name} needs an array of arguments`);
  return v;
};

/** `$indexOfCP`: the code-point index of a substring, -1 when absent, null for a missing string. */
const $indexOfCP: ExpressionOperator = (obj, expr, options) => {
  const [str, sub, start = 0, end] = args(obj, expr, options, '$indexOfCP');
  if (str === null || str === undefined) return null;
  if (typeof str !== 'string' || typeof sub !== 'string') throw invalidParam('$indexOfCP needs a string and a substring');
  const cps = Array.from(str);
  const needle = Array.from(sub);
  const stop = Math.min(cps.length, typeof end === 'number' ? end : cps.length);
  for (let i = Number(start); i + needle.length <= stop; i++) {
    if (needle.every((c, j) => cps[i + j] === c)) return i;
  }
  return -1;
};

/** `$substrBytes`: a negative count means "to the end of the string" (MongoDB); indexes are UTF-8 bytes. */
const $substrBytes: ExpressionOperator = (obj, expr, options) => {
  const [str, start, count] = args(obj, expr, options, '$substrBytes');
  if (str === null || str === undefined) return '';
  if (typeof start !== 'number' || typeof count !== 'number' || start < 0) throw invalidParam('$substrBytes: invalid arguments');
  const bytes = Buffer.from(String(str), 'utf8');
  const from = Math.min(start, bytes.length);
  const to = count < 0 ? bytes.length : Math.min(bytes.length, from + count);
  const continuation = (i: number) => i < bytes.length && ((bytes[i] as number) & 0xc0) === 0x80;
  if (continuation(from) || continuation(to)) throw invalidParam('$substrBytes: invalid range, it splits a UTF-8 character');
  return bytes.subarray(from, to).toString('utf8');
};

/**
 * `$week`: weeks start on Sunday; week 1 begins with the year's first Sunday, days before it are
 * week 0 (MongoDB). mingo counts from the ISO week. Timezones as mingo's `$dayOfYear` reads them.
 */
const $week: ExpressionOperator = (obj, expr, options) => {
  const dayOfYear = $dayOfYear(obj, expr, options) as number | null; // 1..366
  const dayOfWeek = $dayOfWeek(obj, expr, options) as number | null; // 1 = Sunday
  if (dayOfYear === null || dayOfWeek === null) return null;
  return Math.floor((dayOfYear - 1 + 7 - (dayOfWeek - 1)) / 7);
};

export const EXPRESSION_OPERATORS: Record<string, ExpressionOperator> = { $indexOfCP, $substrBytes, $week };

// ── $geoNear stage ──────────────────────────────────────────────────────────────────────────

export interface GeoNearStage {
  near: LngLat;
  distanceField: string;
  key: string | null;
  minDistance: number;
  maxDistance: number;
  query: AnyObject;
  includeLocs: string | null;
  distanceMultiplier: number;
}

export function parseGeoNearStage(spec: unknown): GeoNearStage {
  if (!isPlainObject(spec)) throw invalidParam('$geoNear needs an object');
  if (typeof spec.distanceField !== 'string' || spec.distanceField === '') throw invalidParam('$geoNear needs distanceField');
  const near = parseNear({ $geometry: spec.near, $maxDistance: spec.maxDistance, $minDistance: spec.minDistance });
  return {
    near: near.center,
    distanceField: spec.distanceField,
    key: typeof spec.key === 'string' ? spec.key : null,
    minDistance: near.minDistance,
    maxDistance: near.maxDistance,
    query: isPlainObject(spec.query) ? (spec.query as AnyObject) : {},
    includeLocs: typeof spec.includeLocs === 'string' ? spec.includeLocs : null,
    distanceMultiplier: typeof spec.distanceMultiplier === 'number' ? spec.distanceMultiplier : 1,
  };
}

/** The first GeoJSON point field of a document (the `key` a single geo index would give). */
function firstPointField(doc: AnyObject): string | null {
  for (const [k, v] of Object.entries(doc)) {
    if (isPlainObject(v) && v.type === 'Point' && Array.isArray(v.coordinates)) return k;
  }
  return null;
}

/** Runs a leading `$geoNear` stage over the (already `query`-filtered) documents: nearest first. */
export function runGeoNear(stage: GeoNearStage, docs: AnyObject[]): AnyObject[] {
  const out: Array<{ d: number; doc: AnyObject }> = [];
  for (const doc of docs) {
    const key = stage.key ?? firstPointField(doc);
    if (!key) continue;
    const loc = resolve(doc, key);
    const d = nearestVertexDistance(loc, stage.near);
    if (d === null || d < stage.minDistance || d > stage.maxDistance) continue;
    const copy: AnyObject = { ...doc };
    setPath(copy, stage.distanceField, d * stage.distanceMultiplier);
    if (stage.includeLocs) setPath(copy, stage.includeLocs, loc);
    out.push({ d, doc: copy });
  }
  return out.sort((a, b) => a.d - b.d).map((x) => x.doc);
}

/** Ordering of `$nearSphere` / `$near` results: the field and point of the first such condition. */
export function nearOrder(filter: AnyObject): { field: string; center: LngLat } | null {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) {
        const found = isPlainObject(part) ? nearOrder(part) : null;
        if (found) return found;
      }
    }
    if (field.startsWith('$') || !isPlainObject(cond)) continue;
    const spec = cond.$nearSphere ?? cond.$near;
    if (spec !== undefined) return { field, center: parseNear(spec).center };
  }
  return null;
}

export function distanceTo(doc: AnyObject, order: { field: string; center: LngLat }): number {
  return nearestVertexDistance(resolve(doc, order.field), order.center) ?? Number.POSITIVE_INFINITY;
}

function setPath(doc: AnyObject, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: AnyObject = doc;
  for (const part of parts.slice(0, -1)) {
    // Copies each level on the way: the input document is shared with the caller.
    cur[part] = isPlainObject(cur[part]) ? { ...(cur[part] as AnyObject) } : {};
    cur = cur[part] as AnyObject;
  }
  cur[parts[parts.length - 1] as string] = value;
}

export { distanceMeters };
