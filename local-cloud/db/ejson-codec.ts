import { BSONRegExp, EJSON, ObjectId } from 'bson';
import { invalidParam } from './db-error';

/**
 * Documents, queries and updates travel as EJSON text (wx-server-sdk sends canonical EJSON;
 * we store and answer relaxed EJSON, which the SDK parses the same way). Dates and other BSON
 * types therefore round-trip.
 */

export type Doc = Record<string, unknown>;

const RELAXED = { relaxed: true } as const;

/**
 * `EJSON.parse(text, { relaxed: true })`, answered the same, about 4× cheaper: bson's parse runs a
 * JSON.parse reviver on every value, while most of a document is plain JSON. Here JSON.parse
 * reads it all and only the objects bson would convert (EJSON type wrappers, see isEjsonWrapper)
 * are handed to bson itself, so every conversion stays bson's own.
 */
export function parseRelaxed(text: string): unknown {
  // bson refuses field names with a NUL byte; let it say so in its own words.
  if (text.includes('\\u0000')) return EJSON.parse(text, RELAXED);
  try {
    return revive(JSON.parse(text));
  } catch (err) {
    if (err === USE_BSON) return EJSON.parse(text, RELAXED);
    throw err;
  }
}

/** Thrown inside revive where only bson's own parse gives the exact answer. */
const USE_BSON = Symbol('use bson');

/** Which `$` keys make bson's reviver replace an object (bson 6 deserializeValue). */
const CODEC_KEYS = new Set([
  '$oid',
  '$binary',
  '$uuid',
  '$symbol',
  '$numberInt',
  '$numberDecimal',
  '$numberDouble',
  '$numberLong',
  '$minKey',
  '$maxKey',
  '$regex',
  '$regularExpression',
  '$timestamp',
  '$date',
  '$code',
]);

function isEjsonWrapper(value: Doc): boolean {
  for (const key in value) {
    if (key.charCodeAt(0) !== 36 /* $ */) continue;
    if (CODEC_KEYS.has(key) && value[key] != null) return true;
    if ((key === '$undefined' || key === '$dbPointer' || key === '$ref') && value[key]) return true;
  }
  return false;
}

/** Converts a freshly parsed JSON value in place, bottom-up as bson's reviver would. */
function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v !== null && typeof v === 'object') value[i] = revive(v);
    }
    return value;
  }
  const doc = value as Doc;
  // A wrapper's children are read by its codec: give bson the untouched subtree.
  if (isEjsonWrapper(doc)) return EJSON.deserialize(doc, RELAXED);
  for (const key in doc) {
    if (key === '__proto__') throw USE_BSON;
    const v = doc[key];
    if (v !== null && typeof v === 'object') doc[key] = revive(v);
  }
  return doc;
}

/**
 * `EJSON.stringify(value, { relaxed: true })`, the same text, without bson's per-value
 * bookkeeping (its circular-structure check keeps a stack of every path): a document with nothing
 * to convert goes straight to JSON.stringify; otherwise Dates, `undefined`, non-finite numbers
 * and bigints are converted here as bson does, and anything else non-plain (ObjectId, RegExp,
 * Binary, Map …) is serialised by bson itself.
 */
export function stringifyRelaxed(value: unknown): string {
  return JSON.stringify(plainAlready(value, 0) ? value : toRelaxed(value, 0));
}

const MAX_FAST_DEPTH = 64;

const isPlainProto = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** True when JSON.stringify alone already writes what bson would. */
function plainAlready(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth > MAX_FAST_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!plainAlready(value[i], depth + 1)) return false;
        return true;
      }
      if (!isPlainProto(value) || (value as Doc)._bsontype !== undefined || typeof (value as Doc).toJSON === 'function') return false;
      for (const key in value) {
        if (key === '__proto__' || !plainAlready((value as Doc)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function toRelaxed(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'number':
      return Number.isFinite(value) ? value : EJSON.serialize(value as unknown as Doc, RELAXED);
    case 'bigint':
      return Number(BigInt.asIntN(64, value));
    case 'object': {
      if (value === null) return null;
      if (depth > MAX_FAST_DEPTH) return EJSON.serialize(value as Doc, RELAXED);
      if (Array.isArray(value)) return value.map((v) => toRelaxed(v, depth + 1));
      if (value instanceof Date) {
        const ms = value.getTime();
        return ms > -1 && ms < 253_402_318_800_000 ? { $date: isoString(value) } : { $date: { $numberLong: ms.toString() } };
      }
      if (!isPlainProto(value) || (value as Doc)._bsontype !== undefined) return EJSON.serialize(value as Doc, RELAXED);
      const out: Doc = {};
      for (const key in value) {
        if (key === '__proto__') return EJSON.serialize(value as Doc, RELAXED);
        out[key] = toRelaxed((value as Doc)[key], depth + 1);
      }
      return out;
    }
    default:
      // Functions and symbols: bson hands them to JSON.stringify as they are.
      return value;
  }
}

/** bson's relaxed date text: whole seconds without ".000". */
function isoString(date: Date): string {
  const iso = date.toISOString();
  return date.getUTCMilliseconds() !== 0 ? iso : `${iso.slice(0, -5)}Z`;
}

/** Parse one EJSON parameter from the wire; anything malformed is an `INVALID_PARAM`. */
export function parseWire(value: unknown, what: string): unknown {
  if (typeof value === 'string') {
    try {
      return parseRelaxed(value);
    } catch (err) {
      throw invalidParam(`${what} is not valid EJSON: ${(err as Error).message}`);
    }
  }
  if (value !== null && typeof value === 'object') {
    try {
      return EJSON.deserialize(value as Doc, { relaxed: true });
    } catch (err) {
      throw invalidParam(`${what} is not valid EJSON: ${(err as Error).message}`);
    }
  }
  throw invalidParam(`${what} must be an EJSON string`);
}

/** Like `parseWire` but the result must be a plain object. */
export function parseWireObject(value: unknown, what: string): Doc {
  const parsed = parseWire(value, what);
  if (!isPlainObject(parsed)) throw invalidParam(`${what} must be an object`);
  return parsed;
}

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const MONGO_REGEX_FLAGS = /^[imsu]*$/;

/**
 * Turn what arrives from the SDK into values the query engine understands:
 * `{"$tcb_server_date":{"offset":N}}` (db.serverDate()) becomes the server's time plus N ms, and
 * BSON regular expressions (`db.RegExp`, JS RegExp) become JS RegExps.
 */
export function resolveIncoming(value: unknown, now: Date, depth = 0): unknown {
  if (depth > 100) throw invalidParam('value nested too deeply');
  if (Array.isArray(value)) return value.map((v) => resolveIncoming(v, now, depth + 1));
  if (value instanceof BSONRegExp) {
    const flags = value.options.replace(/[^imsu]/g, '');
    if (!MONGO_REGEX_FLAGS.test(flags)) throw invalidParam(`unsupported regular expression options: ${value.options}`);
    try {
      return new RegExp(value.pattern, flags);
    } catch (err) {
      throw invalidParam(`invalid regular expression: ${(err as Error).message}`);
    }
  }
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = value.$tcb_server_date;
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now.getTime() + offset);
  }
  const out: Doc = {};
  for (const key of keys) out[key] = resolveIncoming(value[key], now, depth + 1);
  return out;
}

/** A document as stored on disk and sent back on the wire (relaxed EJSON). */
export function encodeDoc(doc: Doc): string {
  return stringifyRelaxed(doc);
}

/**
 * A document as CloudBase answers it: like `encodeDoc`, but ObjectId values (inside `_id` or not)
 * go out as their hex string. The SDK would turn an `{"$oid": …}` into a bson ObjectId that its
 * result formatter then flattens to `{}`; CloudBase's own SDK tests expect the string.
 */
export function encodeAnswer(doc: Doc): string {
  const text = encodeDoc(doc);
  return text.includes('"$oid"') ? encodeDoc(oidsToHex(doc) as Doc) : text;
}

function oidsToHex(value: unknown): unknown {
  if (value instanceof ObjectId) return value.toHexString();
  if (Array.isArray(value)) return value.map(oidsToHex);
  if (!isPlainObject(value)) return value;
  const out: Doc = {};
  for (const [k, v] of Object.entries(value)) out[k] = oidsToHex(v);
  return out;
}

export function decodeDoc(text: string): Doc {
  return parseRelaxed(text) as Doc;
}

/** Any value as compact relaxed EJSON, for messages and the unindexed-scan report. */
export function describe(value: unknown): string {
  try {
    return EJSON.stringify(value as Doc, { relaxed: true });
  } catch {
    return String(value);
  }
}
