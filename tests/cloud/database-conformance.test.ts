/**
 * MongoDB semantics of the local cloud database, asserted through the REAL wx-server-sdk talking
 * to the local CloudBase endpoint: queries, ordering, pagination, projection, counts, every update
 * operator, upsert, multi update / remove, aggregation, dates.
 */
import { type SdkAgainstLocal, startSdkAgainstLocal, type WxDb } from '../support/sdk-against-local';

let local: SdkAgainstLocal;
let db: WxDb;
// biome-ignore lint/suspicious/noExplicitAny: SDK command builder
let _: any;
let clock = new Date('2025-03-01T08:00:00.000Z');

const PEOPLE = [
  {
    _id: 'p1',
    name: 'Ann',
    age: 30,
    tags: ['a', 'b'],
    addr: { city: 'Chengdu', zip: 610000 },
    score: 5,
    scores: [
      { k: 'x', v: 1 },
      { k: 'y', v: 5 },
    ],
  },
  { _id: 'p2', name: 'Bob', age: 25, tags: ['b'], addr: { city: 'Zigong' }, score: null, scores: [{ k: 'x', v: 7 }] },
  { _id: 'p3', name: 'cat', age: 35, tags: [], addr: { city: 'Chengdu' }, scores: [] },
  { _id: 'p4', name: 'Dan', age: 25, tags: ['a', 'c', 'b'] },
];

beforeAll(async () => {
  local = await startSdkAgainstLocal({ now: () => clock });
  db = local.db;
  _ = db.command;
  for (const c of ['people', 'mixed', 'many', 'scratch', 'scratch_orders']) await db.createCollection(c);
  const added = await db.collection('people').add({ data: PEOPLE });
  expect(added._ids).toEqual(['p1', 'p2', 'p3', 'p4']);
});

afterAll(async () => {
  await local.close();
});

async function ids(where: Record<string, unknown>): Promise<string[]> {
  const { data } = await db.collection('people').where(where).get();
  return data.map((d: { _id: string }) => d._id).sort();
}

describe('query operators (db.command)', () => {
  test.each([
    ['eq', () => ({ age: _.eq(25) }), ['p2', 'p4']],
    ['plain equality', () => ({ age: 25 }), ['p2', 'p4']],
    ['neq', () => ({ age: _.neq(25) }), ['p1', 'p3']],
    ['gt', () => ({ age: _.gt(25) }), ['p1', 'p3']],
    ['gte', () => ({ age: _.gte(30) }), ['p1', 'p3']],
    ['lt', () => ({ age: _.lt(30) }), ['p2', 'p4']],
    ['lte', () => ({ age: _.lte(25) }), ['p2', 'p4']],
    ['in', () => ({ age: _.in([25, 35]) }), ['p2', 'p3', 'p4']],
    ['nin', () => ({ age: _.nin([25, 35]) }), ['p1']],
    ['and (top level)', () => _.and([{ age: _.gte(25) }, { age: _.lt(30) }]), ['p2', 'p4']],
    ['and (field level)', () => ({ age: _.gt(20).and(_.lt(30)) }), ['p2', 'p4']],
    ['or (top level)', () => _.or([{ name: 'Ann' }, { age: 35 }]), ['p1', 'p3']],
    ['or (field level)', () => ({ age: _.eq(25).or(_.eq(35)) }), ['p2', 'p3', 'p4']],
    ['nor', () => _.nor([{ age: 25 }, { name: 'Ann' }]), ['p3']],
    ['not', () => ({ age: _.not(_.eq(25)) }), ['p1', 'p3']],
    ['exists true', () => ({ score: _.exists(true) }), ['p1', 'p2']],
    ['exists false', () => ({ score: _.exists(false) }), ['p3', 'p4']],
    ['null matches null and missing', () => ({ score: _.eq(null) }), ['p2', 'p3', 'p4']],
    ['size', () => ({ tags: _.size(2) }), ['p1']],
    ['elemMatch', () => ({ scores: _.elemMatch({ k: 'x', v: _.gt(3) }) }), ['p2']],
    ['all', () => ({ tags: _.all(['a', 'b']) }), ['p1', 'p4']],
    ['array contains a value', () => ({ tags: 'c' }), ['p4']],
    ['db.RegExp with options', () => ({ name: db.RegExp({ regexp: '^[a-c]', options: 'i' }) }), ['p1', 'p2', 'p3']],
    ['JS RegExp', () => ({ name: /^a/i }), ['p1']],
    ['nested object (flattened to a dotted path)', () => ({ addr: { city: 'Chengdu' } }), ['p1', 'p3']],
    ['dotted path', () => ({ 'addr.city': 'Zigong' }), ['p2']],
    ['dotted path into an array of objects', () => ({ 'scores.v': _.gte(5) }), ['p1', 'p2']],
    ['array index path', () => ({ 'tags.0': 'a' }), ['p1', 'p4']],
  ])('%s', async (_name, where, expected) => {
    expect(await ids(where())).toEqual(expected);
  });

  test('an empty result is an empty list, not an error', async () => {
    expect(await ids({ age: _.gt(100) })).toEqual([]);
  });
});

describe('ordering', () => {
  test('multi-key order: age asc, then name desc', async () => {
    const { data } = await db.collection('people').orderBy('age', 'asc').orderBy('name', 'desc').get();
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['p4', 'p2', 'p1', 'p3']);
  });

  test('mixed types sort in MongoDB type order (null/missing < numbers < strings < booleans < dates)', async () => {
    await db.collection('mixed').add({
      data: [
        { _id: 'date', v: new Date('2020-01-01T00:00:00Z') },
        { _id: 'bool', v: true },
        { _id: 'str', v: 'a' },
        { _id: 'num2', v: 10 },
        { _id: 'num1', v: -1.5 },
        { _id: 'null', v: null },
        { _id: 'missing' },
      ],
    });
    const asc = (await db.collection('mixed').orderBy('v', 'asc').get()).data.map((d: { _id: string }) => d._id);
    expect(asc.slice(0, 2).sort()).toEqual(['missing', 'null']);
    expect(asc.slice(2)).toEqual(['num1', 'num2', 'str', 'bool', 'date']);
    const desc = (await db.collection('mixed').orderBy('v', 'desc').get()).data.map((d: { _id: string }) => d._id);
    expect(desc.slice(0, 5)).toEqual(['date', 'bool', 'str', 'num2', 'num1']);
  });
});

describe('pagination', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1005 }, (_x, i) => ({ i, even: i % 2 === 0 }));
    for (let start = 0; start < docs.length; start += 500) {
      const res = await db.collection('many').add({ data: docs.slice(start, start + 500) });
      expect(res._ids).toHaveLength(Math.min(500, docs.length - start));
      for (const id of res._ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  test('without limit the server answers 100', async () => {
    expect((await db.collection('many').get()).data).toHaveLength(100);
  });

  test('limit 1000 is allowed', async () => {
    expect((await db.collection('many').limit(1000).get()).data).toHaveLength(1000);
  });

  test('limit 1001: the SDK clamps it to 1000 before sending', async () => {
    expect((await db.collection('many').limit(1001).get()).data).toHaveLength(1000);
  });

  test('limit 1001 on the wire is refused like CloudBase does', async () => {
    const res = await fetch(local.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.getDocument', collectionName: 'many', queryType: 'WHERE', limit: 1001 }),
    });
    const body = (await res.json()) as { code?: string; data?: unknown };
    expect(body.code).toBe('INVALID_PARAM');
    expect(body.data).toBeUndefined();
  });

  test('skip + limit pages are contiguous and complete under an order', async () => {
    const seen: number[] = [];
    for (let skip = 0; skip < 1005; skip += 300) {
      const { data } = await db.collection('many').orderBy('i', 'desc').skip(skip).limit(300).get();
      seen.push(...data.map((d: { i: number }) => d.i));
    }
    expect(seen).toEqual(Array.from({ length: 1005 }, (_x, i) => 1004 - i));
  });

  test('skip past the end answers the remainder', async () => {
    const { data } = await db.collection('many').orderBy('i', 'asc').skip(1000).limit(10).get();
    expect(data.map((d: { i: number }) => d.i)).toEqual([1000, 1001, 1002, 1003, 1004]);
  });

  test('count', async () => {
    expect((await db.collection('many').count()).total).toBe(1005);
    expect((await db.collection('many').where({ even: true }).count()).total).toBe(503);
    expect((await db.collection('people').where({ age: 25 }).count()).total).toBe(2);
  });
});

describe('projection', () => {
  test('include fields (and _id by default)', async () => {
    const { data } = await db.collection('people').where({ _id: 'p1' }).field({ name: true, 'addr.city': true }).get();
    expect(data).toEqual([{ _id: 'p1', name: 'Ann', addr: { city: 'Chengdu' } }]);
  });

  test('exclude fields', async () => {
    const { data } = await db.collection('people').doc('p2').field({ scores: false, tags: false, addr: false }).get();
    expect(data).toEqual({ _id: 'p2', name: 'Bob', age: 25, score: null });
  });

  test('exclude _id', async () => {
    const { data } = await db.collection('people').where({ age: 35 }).field({ _id: false, name: true }).get();
    expect(data).toEqual([{ name: 'cat' }]);
  });
});

describe('update operators (doc().update)', () => {
  const doc = () => db.collection('scratch').doc('u1');
  const now = async () => (await doc().get()).data;

  beforeEach(async () => {
    await doc().set({ data: { n: 10, f: 2.5, arr: [1, 2, 3], nested: { a: 1, b: 2 }, set: ['x'], gone: true, old: 'o' } });
  });

  test('$set of a nested object merges (dotted), _.set replaces', async () => {
    await doc().update({ data: { nested: { a: 5 } } });
    expect((await now()).nested).toEqual({ a: 5, b: 2 });
    await doc().update({ data: { nested: _.set({ c: 3 }) } });
    expect((await now()).nested).toEqual({ c: 3 });
  });

  test('$set with a dotted path creates missing parents', async () => {
    await doc().update({ data: { 'deep.er.x': 1 } });
    expect((await now()).deep).toEqual({ er: { x: 1 } });
  });

  test('$inc, $mul, $min, $max', async () => {
    await doc().update({ data: { n: _.inc(5), f: _.mul(2) } });
    expect(await now()).toMatchObject({ n: 15, f: 5 });
    await doc().update({ data: { n: _.min(3) } });
    expect((await now()).n).toBe(3);
    await doc().update({ data: { n: _.max(2) } });
    expect((await now()).n).toBe(3);
    await doc().update({ data: { n: _.max(40), counter: _.inc(1) } });
    expect(await now()).toMatchObject({ n: 40, counter: 1 });
  });

  test('$unset (_.remove) and $rename', async () => {
    await doc().update({ data: { gone: _.remove(), old: _.rename('renamed') } });
    const d = await now();
    expect(d).not.toHaveProperty('gone');
    expect(d).not.toHaveProperty('old');
    expect(d.renamed).toBe('o');
  });

  test('$push: single, several, and with $each/$position/$sort/$slice', async () => {
    await doc().update({ data: { arr: _.push(4) } });
    expect((await now()).arr).toEqual([1, 2, 3, 4]);
    await doc().update({ data: { arr: _.push([5, 6]) } });
    expect((await now()).arr).toEqual([1, 2, 3, 4, 5, 6]);
    await doc().update({ data: { arr: _.push({ each: [0], position: 0 }) } });
    expect((await now()).arr).toEqual([0, 1, 2, 3, 4, 5, 6]);
    await doc().update({ data: { arr: _.push({ each: [9, -1], sort: -1, slice: 3 }) } });
    expect((await now()).arr).toEqual([9, 6, 5]);
  });

  test('$pop (pop / shift) and unshift', async () => {
    await doc().update({ data: { arr: _.pop() } });
    expect((await now()).arr).toEqual([1, 2]);
    await doc().update({ data: { arr: _.shift() } });
    expect((await now()).arr).toEqual([2]);
    await doc().update({ data: { arr: _.unshift(7, 8) } });
    expect((await now()).arr).toEqual([7, 8, 2]);
  });

  test('$pull (value and condition) and $pullAll', async () => {
    await doc().update({ data: { arr: _.pull(2) } });
    expect((await now()).arr).toEqual([1, 3]);
    await doc().update({ data: { arr: _.push([4, 5, 6]) } });
    await doc().update({ data: { arr: _.pull(_.gt(4)) } });
    expect((await now()).arr).toEqual([1, 3, 4]);
    await doc().update({ data: { arr: _.pullAll([1, 4]) } });
    expect((await now()).arr).toEqual([3]);
  });

  test('$addToSet (value and $each)', async () => {
    await doc().update({ data: { set: _.addToSet('x') } });
    expect((await now()).set).toEqual(['x']);
    await doc().update({ data: { set: _.addToSet({ $each: ['y', 'x', 'z'] }) } });
    expect((await now()).set).toEqual(['x', 'y', 'z']);
  });

  test('an update that changes nothing still reports updated: 1 (matched); a missing doc 0', async () => {
    // CloudBase counts matched documents (its own SDK tests expect 1 for a set of equal content).
    const same = await doc().update({ data: { n: 10 } });
    expect(same.stats.updated).toBe(1);
    const changed = await doc().update({ data: { n: 11 } });
    expect(changed.stats.updated).toBe(1);
    const missing = await db
      .collection('scratch')
      .doc('nope')
      .update({ data: { n: 1 } });
    expect(missing.stats.updated).toBe(0);
  });

  test('a non-numeric $inc is refused and leaves the document unchanged', async () => {
    await expect(doc().update({ data: { old: _.inc(1) } })).rejects.toThrow();
    expect((await now()).old).toBe('o');
  });
});

describe('set / upsert / multi update / remove', () => {
  test('doc().set creates (upsert) then replaces the whole document', async () => {
    const created = await db
      .collection('scratch')
      .doc('s1')
      .set({ data: { a: 1, b: { c: 2 } } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    const replaced = await db
      .collection('scratch')
      .doc('s1')
      .set({ data: { z: 9 } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await db.collection('scratch').doc('s1').get()).data).toEqual({ _id: 's1', z: 9 });
  });

  test('where().update updates every match; where().remove removes every match', async () => {
    await db.collection('scratch_orders').add({ data: [1, 2, 3, 4, 5].map((i) => ({ i, status: i <= 3 ? 'open' : 'done' })) });
    const upd = await db
      .collection('scratch_orders')
      .where({ status: 'open' })
      .update({ data: { status: 'late', touched: true } });
    expect(upd.stats.updated).toBe(3);
    expect((await db.collection('scratch_orders').where({ status: 'late', touched: true }).count()).total).toBe(3);
    const rm = await db.collection('scratch_orders').where({ status: 'late' }).remove();
    expect(rm.stats.removed).toBe(3);
    expect((await db.collection('scratch_orders').count()).total).toBe(2);
  });

  test('doc().remove removes one; a missing one removes nothing', async () => {
    const { _id } = await db.collection('scratch_orders').add({ data: { i: 99 } });
    expect((await db.collection('scratch_orders').doc(_id).remove()).stats.removed).toBe(1);
    expect((await db.collection('scratch_orders').doc(_id).remove()).stats.removed).toBe(0);
    await expect(db.collection('scratch_orders').doc(_id).get()).rejects.toThrow(/does not exist/);
  });

  test('add with an explicit _id that exists is a duplicate', async () => {
    await db.collection('scratch_orders').add({ data: { _id: 'dup', i: 1 } });
    await expect(db.collection('scratch_orders').add({ data: { _id: 'dup', i: 2 } })).rejects.toThrow(/duplicate/i);
    expect((await db.collection('scratch_orders').doc('dup').get()).data.i).toBe(1);
  });
});

describe('aggregation', () => {
  beforeAll(async () => {
    await db.createCollection('agg_orders');
    await db.createCollection('agg_teams');
    await db.collection('agg_teams').add({
      data: [
        { _id: 't1', name: 'Silver' },
        { _id: 't2', name: 'Tofu' },
      ],
    });
    await db.collection('agg_orders').add({
      data: [
        { teamId: 't1', hours: 2, items: ['a', 'b'] },
        { teamId: 't1', hours: 3, items: ['a'] },
        { teamId: 't2', hours: 1, items: [] },
        { teamId: 't3', hours: 7, items: ['c'] },
      ],
    });
  });

  test('$match $group $sort', async () => {
    const $ = db.command.aggregate;
    const { list } = await db
      .collection('agg_orders')
      .aggregate()
      .match({ hours: _.gte(1) })
      .group({ _id: '$teamId', total: $.sum('$hours'), n: $.sum(1) })
      .sort({ total: -1 })
      .end();
    expect(list).toEqual([
      { _id: 't3', total: 7, n: 1 },
      { _id: 't1', total: 5, n: 2 },
      { _id: 't2', total: 1, n: 1 },
    ]);
  });

  test('$lookup joins another collection, then $unwind $project $skip $limit', async () => {
    const { list } = await db
      .collection('agg_orders')
      .aggregate()
      .lookup({ from: 'agg_teams', localField: 'teamId', foreignField: '_id', as: 'team' })
      .unwind('$team')
      .project({ _id: 0, team: '$team.name', hours: 1 })
      .sort({ hours: 1 })
      .skip(1)
      .limit(1)
      .end();
    expect(list).toEqual([{ hours: 2, team: 'Silver' }]);
  });

  test('$unwind of an array field and $count', async () => {
    const { list } = await db.collection('agg_orders').aggregate().unwind('$items').count('n').end();
    expect(list).toEqual([{ n: 4 }]);
  });

  test('an unknown stage answers an error', async () => {
    await expect(
      db
        .collection('agg_orders')
        .aggregate()
        .addFields({ x: { $nope: 1 } })
        .end(),
    ).rejects.toThrow();
  });
});

describe('dates', () => {
  test('a Date round-trips as a Date, and queries compare dates', async () => {
    const at = new Date('2024-05-06T07:08:09.123Z');
    const { _id } = await db.collection('scratch').add({ data: { at } });
    const { data } = await db.collection('scratch').doc(_id).get();
    expect(data.at).toBeInstanceOf(Date);
    expect(data.at.toISOString()).toBe(at.toISOString());
    const found = await db
      .collection('scratch')
      .where({ at: _.gt(new Date('2024-01-01')) })
      .get();
    expect(found.data.map((d: { _id: string }) => d._id)).toContain(_id);
  });

  test('db.serverDate() becomes the server clock (with offset), in add, update and queries', async () => {
    clock = new Date('2025-03-01T08:00:00.000Z');
    const { _id } = await db.collection('scratch').add({ data: { created: db.serverDate(), due: db.serverDate({ offset: 60_000 }) } });
    let { data } = await db.collection('scratch').doc(_id).get();
    expect(data.created).toEqual(new Date('2025-03-01T08:00:00.000Z'));
    expect(data.due).toEqual(new Date('2025-03-01T08:01:00.000Z'));

    clock = new Date('2025-03-02T00:00:00.000Z');
    await db
      .collection('scratch')
      .doc(_id)
      .update({ data: { touched: db.serverDate() } });
    ({ data } = await db.collection('scratch').doc(_id).get());
    expect(data.touched).toEqual(new Date('2025-03-02T00:00:00.000Z'));

    const overdue = await db
      .collection('scratch')
      .where({ due: _.lt(db.serverDate()) })
      .get();
    expect(overdue.data.map((d: { _id: string }) => d._id)).toContain(_id);
    const notYet = await db
      .collection('scratch')
      .where({ due: _.gt(db.serverDate()) })
      .get();
    expect(notYet.data.map((d: { _id: string }) => d._id)).not.toContain(_id);
  });
});
