import type { Updater } from 'mingo/updater';
import { invalidParam } from './db-error';
import { type Doc, isPlainObject } from './ejson-codec';

/** The update operators wx-server-sdk emits (plus $setOnInsert / $currentDate, harmless extras). */
const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$rename',
  '$min',
  '$max',
  '$bit',
  '$setOnInsert',
  '$currentDate',
]);

/**
 * Applies a MongoDB update document to `doc` in place, operator by operator (mingo's updater takes
 * one operator per call). Plain fields without operators are a `$set` (merge semantics).
 */
export function apply(updater: Updater, doc: Doc, update: Doc, isInsert: boolean): void {
  const plain: Doc = {};
  const ops: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(update)) {
    if (!key.startsWith('$')) plain[key] = value;
    else if (!OPERATORS.has(key)) throw invalidParam(`unknown update operator ${key}`);
    else ops.push([key, value]);
  }
  if (Object.keys(plain).length > 0) ops.unshift(['$set', plain]);
  for (const [op, value] of ops) {
    if (!isPlainObject(value)) throw invalidParam(`${op} needs an object`);
    if (Object.hasOwn(value, '_id') && op !== '$setOnInsert') throw invalidParam('_id cannot be updated');
    if (op === '$setOnInsert' && !isInsert) continue;
    updater(doc, { [op === '$setOnInsert' ? '$set' : op]: value } as unknown as Parameters<Updater>[1]);
  }
}

/**
 * The document an upsert starts from: the filter's top-level equality conditions
 * (`{a: 1}` or `{a: {$eq: 1}}`), dotted paths expanded.
 */
export function seedFromFilter(filter: Doc): Doc {
  const seed: Doc = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) continue;
    let v: unknown = value;
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.some((k) => k.startsWith('$'))) {
        if (keys.length === 1 && keys[0] === '$eq') v = value.$eq;
        else continue;
      }
    }
    if (v instanceof RegExp) continue;
    setPath(seed, key, v);
  }
  return seed;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Doc = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur[part])) cur[part] = {};
    cur = cur[part] as Doc;
  }
  cur[parts[parts.length - 1] as string] = value;
}
