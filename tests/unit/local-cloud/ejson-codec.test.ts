import { Binary, BSONRegExp, Decimal128, EJSON, Long, ObjectId, Timestamp } from 'bson';
import { parseRelaxed, stringifyRelaxed } from '../../../local-cloud/db/ejson-codec';

/**
 * The local cloud's fast EJSON paths must answer exactly what bson's own relaxed EJSON answers:
 * documents are stored and sent back through them, queries and updates arrive through them.
 */
const RELAXED = { relaxed: true } as const;

/** A small seeded generator, so a failure names a value that can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SCALARS: unknown[] = [
  0,
  -0,
  1,
  -7,
  2 ** 31,
  2 ** 53 + 2,
  3.25,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  '',
  '张三',
  '$notAWrapper',
  'a"b\\c\n',
  '\u2028',
  true,
  false,
  null,
  undefined,
  new Date(Date.UTC(2026, 11, 2, 5, 0, 0, 0)),
  new Date(Date.UTC(2026, 11, 2, 5, 0, 0, 123)),
  new Date(-5),
  new Date(Date.UTC(10000, 0, 1)),
  new Date(Number.NaN),
  new ObjectId('64b7f0c2a1b2c3d4e5f60718'),
  /ab+c/i,
  new BSONRegExp('^x', 'm'),
  Long.fromString('9007199254740993'),
  new Decimal128('1.5'),
  new Binary(Buffer.from('hi')),
  new Timestamp({ t: 5, i: 1 }),
  12n,
];
const KEYS = ['a', 'state', 'createdAt', '$set', '$inc', '$and', 'timeline', 'x.y', '数量', 'version'];

function randomValue(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.5) return SCALARS[Math.floor(next() * SCALARS.length)];
  if (r < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const doc: Record<string, unknown> = {};
  const n = Math.floor(next() * 5);
  for (let i = 0; i < n; i++) doc[KEYS[Math.floor(next() * KEYS.length)] as string] = randomValue(next, depth + 1);
  return doc;
}

describe('stringifyRelaxed', () => {
  it('writes exactly what EJSON.stringify(relaxed) writes, for 3,000 random documents', () => {
    const next = rng(17);
    for (let i = 0; i < 3000; i++) {
      const doc = { _id: `d${i}`, body: randomValue(next, 0) };
      expect([i, stringifyRelaxed(doc)]).toEqual([i, EJSON.stringify(doc, RELAXED)]);
    }
  });

  it('converts what plain JSON would get wrong: dates, undefined, non-finite numbers', () => {
    const text = stringifyRelaxed({ at: new Date(Date.UTC(2026, 0, 1)), gone: undefined, n: Number.NaN });
    expect(text).toBe('{"at":{"$date":"2026-01-01T00:00:00Z"},"gone":null,"n":{"$numberDouble":"NaN"}}');
  });

  it('still refuses a circular document, as bson does', () => {
    const doc: Record<string, unknown> = { a: 1 };
    doc.self = { back: doc, when: new Date(0) };
    expect(() => stringifyRelaxed(doc)).toThrow(/circular/i);
  });
});

/** A value, or the error it was refused with (an invalid date's text is refused by bson too). */
function outcome(read: () => unknown): unknown {
  try {
    return { value: read() };
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

describe('parseRelaxed', () => {
  it('reads exactly what EJSON.parse(relaxed) reads, for 3,000 random documents in both EJSON forms', () => {
    const next = rng(29);
    for (let i = 0; i < 3000; i++) {
      const doc = { _id: `d${i}`, body: randomValue(next, 0) };
      for (const text of [EJSON.stringify(doc, RELAXED), EJSON.stringify(doc, { relaxed: false })]) {
        expect([i, text, outcome(() => parseRelaxed(text))]).toEqual([i, text, outcome(() => EJSON.parse(text, RELAXED))]);
      }
    }
  });

  it('turns the canonical wrappers the SDK sends into values, and leaves update operators alone', () => {
    const parsed = parseRelaxed(
      '{"_id":"o1","version":{"$numberInt":"3"},"$set":{"at":{"$date":{"$numberLong":"0"}},"n":{"$numberDouble":"-0.0"}},"id":{"$oid":"64b7f0c2a1b2c3d4e5f60718"}}',
    ) as Record<string, unknown>;
    expect(parsed.version).toBe(3);
    expect(parsed.$set).toEqual({ at: new Date(0), n: -0 });
    expect(Object.is((parsed.$set as { n: number }).n, -0)).toBe(true);
    expect(parsed.id).toBeInstanceOf(ObjectId);
  });

  it('keeps bson’s refusals and its care with special field names', () => {
    expect(() => parseRelaxed('{"a\\u0000b":1}')).toThrow(/null bytes/);
    const proto = parseRelaxed('{"__proto__":{"polluted":true},"x":{"$numberInt":"1"}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(proto).toEqual(EJSON.parse('{"__proto__":{"polluted":true},"x":{"$numberInt":"1"}}', RELAXED));
  });
});
