import { Query } from 'mingo';
import { Context } from 'mingo/core';
import { QUERY_OPERATORS } from '../../../local-cloud/db/mongo-operators';
import { compileSimpleFilter } from '../../../local-cloud/db/simple-filter';

/** mingo, configured as the local cloud's store configures it for find / count / update filters. */
const mingoOptions = { scriptEnabled: false, context: Context.init().addQueryOps(QUERY_OPERATORS) };
const byMingo = (filter: Record<string, unknown>, doc: Record<string, unknown>) => new Query(filter, mingoOptions).test(doc);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pick = <T>(next: () => number, xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;

const VALUES: unknown[] = [0, 1, 2, -1, 1.5, 10, '', '1', 'a', 'b', '张', 'pending', 'taken', true, false, null];
const DOC_VALUES: unknown[] = [...VALUES, undefined, [1, 'a'], [], [null], new Date(5), { b: 1 }, { b: 'a' }, Number.NaN];
const PATHS = ['a', 'b', 'state', 'a.b', 'x.y.z'];
const OPS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin'];

function randomDoc(next: () => number): Record<string, unknown> {
  const doc: Record<string, unknown> = { _id: 'd' };
  for (const key of ['a', 'b', 'state', 'x']) {
    const r = next();
    if (r < 0.2) continue;
    if (key === 'x' && r < 0.6) doc.x = { y: next() < 0.5 ? { z: pick(next, DOC_VALUES) } : pick(next, DOC_VALUES) };
    else if (key === 'a' && r < 0.5) doc.a = { b: pick(next, DOC_VALUES) };
    else doc[key] = pick(next, DOC_VALUES);
  }
  return doc;
}

function randomCondition(next: () => number): unknown {
  if (next() < 0.35) return pick(next, VALUES);
  const cond: Record<string, unknown> = {};
  const n = 1 + Math.floor(next() * 2);
  for (let i = 0; i < n; i++) {
    const op = pick(next, OPS);
    cond[op] =
      op === '$in' || op === '$nin' ? Array.from({ length: Math.floor(next() * 3) }, () => pick(next, VALUES)) : pick(next, VALUES);
  }
  return cond;
}

describe('compileSimpleFilter', () => {
  it('answers exactly as mingo on 20,000 random documents and filters, or leaves the document to mingo', () => {
    const next = rng(7);
    let answered = 0;
    for (let i = 0; i < 20_000; i++) {
      const filter: Record<string, unknown> = {};
      const n = 1 + Math.floor(next() * 3);
      for (let k = 0; k < n; k++) filter[pick(next, PATHS)] = randomCondition(next);
      const doc = randomDoc(next);
      const fast = compileSimpleFilter(filter)?.test(doc);
      if (fast === undefined) continue;
      answered++;
      expect([i, filter, doc, fast]).toEqual([i, filter, doc, byMingo(filter, doc)]);
    }
    // The fast path must carry about half of these (many random documents hold arrays or dates), or it is not worth having.
    expect(answered).toBeGreaterThan(8_000);
  });

  it('takes the shapes the functions send', () => {
    const doc = { _id: 'o1', version: 3, state: 'taken', teamId: 't1', at: 100 };
    expect(compileSimpleFilter({ _id: 'o1', version: 3 })?.test(doc)).toBe(true);
    expect(compileSimpleFilter({ _id: 'o1', version: 2 })?.test(doc)).toBe(false);
    expect(compileSimpleFilter({ state: { $in: ['pending', 'taken'] }, teamId: 't1' })?.test(doc)).toBe(true);
    expect(compileSimpleFilter({ at: { $gte: 100, $lt: 200 } })?.test(doc)).toBe(true);
    expect(compileSimpleFilter({ missing: null })?.test(doc)).toBe(true);
  });

  it('leaves to mingo what it does not answer: other operators, arrays and dates in the document, array indexes', () => {
    expect(compileSimpleFilter({ $or: [{ a: 1 }] })).toBeNull();
    expect(compileSimpleFilter({ a: { $exists: true } })).toBeNull();
    expect(compileSimpleFilter({ a: /x/ })).toBeNull();
    expect(compileSimpleFilter({ 'a.0': 1 })).toBeNull();
    expect(compileSimpleFilter({ a: { $in: [{ b: 1 }] } })).toBeNull();
    expect(compileSimpleFilter({ tags: 'x' })?.test({ tags: ['x'] })).toBeUndefined();
    expect(compileSimpleFilter({ at: 5 })?.test({ at: new Date(5) })).toBeUndefined();
  });
});
