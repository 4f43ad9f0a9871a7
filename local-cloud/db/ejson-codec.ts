import { BSONRegExp, EJSON, ObjectId } from 'bson';
import { invalidParam } from './db-error';

/**
 * Documents, queries and updates travel as EJSON text (wx-server-sdk sends canonical EJSON;
 * we store and answer relaxed EJSON, which the SDK parses the same way). Dates and other BSON
 * types therefore round-trip.
 */

export type Doc = Record<string, unknown>;

/** Parse one EJSON parameter from the wire; anything malformed is an `INVALID_PARAM`. */
export function parseWire(value: unknown, what: string): unknown {
  if (typeof value === 'string') {
    try {
      return EJSON.parse(value, { relaxed: true });
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
  return EJSON.stringify(doc, { relaxed: true });
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
  return EJSON.parse(text, { relaxed: true }) as Doc;
}

/** Any value as compact relaxed EJSON, for messages and the unindexed-scan report. */
export function describe(value: unknown): string {
  try {
    return EJSON.stringify(value as Doc, { relaxed: true });
  } catch {
    return String(value);
  }
}
