import { invalidParam } from './db-error';
import { isPlainObject } from './ejson-codec';

/**
 * MongoDB's `$jsonSchema` (JSON Schema draft 4 subset plus `bsonType`): the keywords MongoDB
 * accepts, checked against a document. Unknown keywords are refused, as MongoDB refuses them.
 */

type Schema = Record<string, unknown>;

const KEYWORDS = new Set([
  'bsonType',
  'type',
  'required',
  'properties',
  'patternProperties',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'dependencies',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'items',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'title',
  'description',
]);

function bsonTypeOf(v: unknown): string[] {
  if (v === null) return ['null'];
  if (Array.isArray(v)) return ['array'];
  if (v instanceof Date) return ['date'];
  if (v instanceof RegExp) return ['regex'];
  switch (typeof v) {
    case 'string':
      return ['string'];
    case 'boolean':
      return ['bool'];
    case 'number':
      return Number.isInteger(v) ? ['int', 'long', 'double', 'number'] : ['double', 'number'];
    case 'object': {
      const tag = (v as { _bsontype?: string })._bsontype;
      if (tag === 'ObjectId') return ['objectId'];
      if (tag === 'Decimal128') return ['decimal', 'number'];
      if (tag === 'Long') return ['long', 'number'];
      if (tag === 'Int32') return ['int', 'number'];
      if (tag === 'Double') return ['double', 'number'];
      if (tag === 'Binary') return ['binData'];
      if (tag === 'Timestamp') return ['timestamp'];
      return ['object'];
    }
    default:
      return [];
  }
}

function jsonTypeOf(v: unknown): string[] {
  if (v === null) return ['null'];
  if (Array.isArray(v)) return ['array'];
  if (typeof v === 'string') return ['string'];
  if (typeof v === 'boolean') return ['boolean'];
  if (typeof v === 'number') return Number.isInteger(v) ? ['integer', 'number'] : ['number'];
  if (isPlainObject(v)) return ['object'];
  return [];
}

const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : [x]);
const equal = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function compile(schema: unknown): (v: unknown) => boolean {
  if (!isPlainObject(schema)) throw invalidParam('$jsonSchema needs an object');
  for (const k of Object.keys(schema)) if (!KEYWORDS.has(k)) throw invalidParam(`$jsonSchema keyword not supported: ${k}`);
  const s = schema as Schema;
  const checks: Array<(v: unknown) => boolean> = [];
  if (s.bsonType !== undefined) {
    const want = list(s.bsonType);
    checks.push((v) => bsonTypeOf(v).some((t) => want.includes(t)));
  }
  if (s.type !== undefined) {
    const want = list(s.type);
    checks.push((v) => jsonTypeOf(v).some((t) => want.includes(t)));
  }
  if (s.enum !== undefined) {
    const values = list(s.enum);
    checks.push((v) => values.some((e) => equal(e, v)));
  }
  const num = (f: (n: number) => boolean) => (v: unknown) => typeof v !== 'number' || f(v);
  const str = (f: (x: string) => boolean) => (v: unknown) => typeof v !== 'string' || f(v);
  const arr = (f: (a: unknown[]) => boolean) => (v: unknown) => !Array.isArray(v) || f(v);
  const obj = (f: (o: Record<string, unknown>) => boolean) => (v: unknown) => !isPlainObject(v) || f(v);
  if (typeof s.minimum === 'number') {
    const m = s.minimum;
    checks.push(num((n) => (s.exclusiveMinimum === true ? n > m : n >= m)));
  }
  if (typeof s.maximum === 'number') {
    const m = s.maximum;
    checks.push(num((n) => (s.exclusiveMaximum === true ? n < m : n <= m)));
  }
  if (typeof s.multipleOf === 'number') {
    const m = s.multipleOf;
    checks.push(num((n) => Number.isInteger(n / m)));
  }
  if (typeof s.minLength === 'number') checks.push(str((x) => Array.from(x).length >= (s.minLength as number)));
  if (typeof s.maxLength === 'number') checks.push(str((x) => Array.from(x).length <= (s.maxLength as number)));
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    checks.push(str((x) => re.test(x)));
  }
  if (typeof s.minItems === 'number') checks.push(arr((a) => a.length >= (s.minItems as number)));
  if (typeof s.maxItems === 'number') checks.push(arr((a) => a.length <= (s.maxItems as number)));
  if (s.uniqueItems === true) checks.push(arr((a) => new Set(a.map((x) => JSON.stringify(x))).size === a.length));
  if (s.items !== undefined) {
    if (Array.isArray(s.items)) {
      const each = s.items.map(compile);
      const extra = s.additionalItems === false ? () => false : isPlainObject(s.additionalItems) ? compile(s.additionalItems) : () => true;
      checks.push(arr((a) => a.every((x, i) => (i < each.length ? (each[i] as (v: unknown) => boolean)(x) : extra(x)))));
    } else {
      const each = compile(s.items);
      checks.push(arr((a) => a.every(each)));
    }
  }
  if (Array.isArray(s.required)) {
    const req = s.required as string[];
    checks.push(obj((o) => req.every((k) => Object.hasOwn(o, k))));
  }
  if (typeof s.minProperties === 'number') checks.push(obj((o) => Object.keys(o).length >= (s.minProperties as number)));
  if (typeof s.maxProperties === 'number') checks.push(obj((o) => Object.keys(o).length <= (s.maxProperties as number)));
  const props = isPlainObject(s.properties) ? Object.entries(s.properties).map(([k, v]) => [k, compile(v)] as const) : [];
  const patterns = isPlainObject(s.patternProperties)
    ? Object.entries(s.patternProperties).map(([k, v]) => [new RegExp(k, 'u'), compile(v)] as const)
    : [];
  if (props.length > 0 || patterns.length > 0 || s.additionalProperties !== undefined) {
    const known = new Set(props.map(([k]) => k));
    const additional =
      s.additionalProperties === false ? () => false : isPlainObject(s.additionalProperties) ? compile(s.additionalProperties) : () => true;
    checks.push(
      obj((o) => {
        for (const [k, check] of props) if (Object.hasOwn(o, k) && !check(o[k])) return false;
        for (const [k, v] of Object.entries(o)) {
          const matching = patterns.filter(([re]) => re.test(k));
          if (!matching.every(([, check]) => check(v))) return false;
          if (!known.has(k) && matching.length === 0 && !additional(v)) return false;
        }
        return true;
      }),
    );
  }
  if (isPlainObject(s.dependencies)) {
    const deps = Object.entries(s.dependencies).map(([k, d]) => [k, Array.isArray(d) ? (d as string[]) : compile(d)] as const);
    checks.push(
      obj((o) =>
        deps.every(
          ([k, d]) => !Object.hasOwn(o, k) || (Array.isArray(d) ? d.every((x) => Object.hasOwn(o, x)) : (d as (v: unknown) => boolean)(o)),
        ),
      ),
    );
  }
  for (const [key, combine] of [
    ['allOf', (r: boolean[]) => r.every(Boolean)],
    ['anyOf', (r: boolean[]) => r.some(Boolean)],
    ['oneOf', (r: boolean[]) => r.filter(Boolean).length === 1],
  ] as const) {
    const parts = s[key];
    if (parts === undefined) continue;
    if (!Array.isArray(parts) || parts.length === 0) throw invalidParam(`$jsonSchema ${key} needs a non-empty array`);
    const compiled = parts.map(compile);
    checks.push((v) => combine(compiled.map((c) => c(v))));
  }
  if (s.not !== undefined) {
    const inner = compile(s.not);
    checks.push((v) => !inner(v));
  }
  return (v) => checks.every((c) => c(v));
}

/** A predicate for `$jsonSchema`: the top level must describe a document. */
export function jsonSchemaValidator(schema: unknown): (doc: unknown) => boolean {
  return compile(schema);
}
