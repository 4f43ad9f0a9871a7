/**
 * Where the local cloud used to differ from CloudBase, as CloudBase's own Node SDK tests
 * (TencentCloudBase/node-sdk `test/database/**`) show it, asserted through the REAL wx-server-sdk:
 * `updated` counts matched documents; `$elemMatch` with a field sub-query skips plain values; geo
 * queries (`_.geoNear`, `_.geoWithin`, aggregate `geoNear`) with a geo index from the index
 * declarations; ObjectId values outside `_id`; `_.jsonSchema`; aggregate `$indexOfCP`,
 * `$substrBytes` with a negative length and `$week`.
 */
import { asc, type CollectionIndexes, geo } from '../../database/indexes';
import { type SdkAgainstLocal, startSdkAgainstLocal, type WxDb } from '../support/sdk-against-local';

let local: SdkAgainstLocal;
let db: WxDb;
// biome-ignore lint/suspicious/noExplicitAny: SDK command builder
let _: any;

const INDEXES: CollectionIndexes = {
  places: [{ name: 'location_2dsphere', fields: [geo('location')] }],
  tagged: [{ name: 'category_1', fields: [asc('category')] }],
};

beforeAll(async () => {
  local = await startSdkAgainstLocal({ indexes: INDEXES });
  db = local.db;
  _ = db.command;
  for (const c of ['counts', 'oids', 'students', 'dates']) await db.createCollection(c);
});

afterAll(async () => {
  await local.close();
});

describe('updated counts matched documents (CloudBase: a write of equal content still counts)', () => {
  beforeAll(async () => {
    await db.collection('counts').add({ data: [{ _id: 'c1', a: 1, b: 'x' }] });
  });

  test('doc().set() with the same content answers updated: 1', async () => {
    const res = await db
      .collection('counts')
      .doc('c1')
      .set({ data: { a: 1, b: 'x' } });
    expect(res.stats).toMatchObject({ updated: 1 });
  });

  test('where().update() that changes nothing answers the number matched', async () => {
    const res = await db
      .collection('counts')
      .where({ a: 1 })
      .update({ data: { a: 1 } });
    expect(res.stats.updated).toBe(1);
  });

  test('doc().update() of equal content answers 1; a filter that matches nothing answers 0', async () => {
    const same = await db
      .collection('counts')
      .doc('c1')
      .update({ data: { b: 'x' } });
    expect(same.stats.updated).toBe(1);
    const none = await db
      .collection('counts')
      .where({ a: 2 })
      .update({ data: { b: 'y' } });
    expect(none.stats.updated).toBe(0);
  });
});

describe('$elemMatch', () => {
  beforeAll(async () => {
    await db.collection('tagged').add({
      data: [
        { _id: 't1', category: 'Web', tags: ['Go'] },
        { _id: 't2', category: 'Web', tags: [{ value: 7 }, { other: 1 }] },
        { _id: 't3', category: 'Web', tags: [1, 2, 7] },
        { _id: 't4', category: 'Web', tags: [{ other: 2 }] },
      ],
    });
  });

  const ids = async (where: Record<string, unknown>) =>
    (await db.collection('tagged').where(where).get()).data.map((d: { _id: string }) => d._id).sort();

  test.each([
    ['exists', () => ({ tags: _.elemMatch({ value: _.exists(true) }) }), ['t2']],
    ['gt', () => ({ tags: _.elemMatch({ value: _.gt(0) }) }), ['t2']],
    ['mod', () => ({ tags: _.elemMatch({ value: _.mod([4, 3]) }) }), ['t2']],
  ])('a field sub-query (%s) matches embedded documents only, never plain values', async (_name, where, expected) => {
    expect(await ids(where())).toEqual(expected);
  });

  test('operators alone test the array values themselves', async () => {
    expect(await ids({ tags: _.elemMatch(_.gt(5)) })).toEqual(['t3']);
  });
});

describe('geo', () => {
  const Point = (lng: number, lat: number) => new db.Geo.Point(lng, lat);
  const square = (d: number) =>
    new db.Geo.Polygon([new db.Geo.LineString([Point(-d, -d), Point(d, -d), Point(d, d), Point(-d, d), Point(-d, -d)])]);

  beforeAll(async () => {
    await db.collection('places').add({
      data: [
        // Distances from (104.08, 30.66): 0, 1.1 km, 10.5 km, far.
        { _id: 'here', name: 'here', location: Point(104.08, 30.66), city: 'Chengdu' },
        { _id: 'near', name: 'near', location: Point(104.09, 30.665), city: 'Chengdu' },
        { _id: 'town', name: 'town', location: Point(104.19, 30.66), city: 'Chengdu' },
        { _id: 'far', name: 'far', location: Point(116.39, 39.91), city: 'Beijing' },
        { _id: 'origin', name: 'origin', location: Point(0, 0), city: 'none' },
      ],
    });
  });
  beforeEach(() => local.store.clearUnindexedScans());

  test('geoNear (sent as $nearSphere) answers within min/max distance, nearest first', async () => {
    const { data } = await db
      .collection('places')
      .where({ location: _.geoNear({ geometry: Point(104.08, 30.66), maxDistance: 20_000, minDistance: 500 }) })
      .get();
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['near', 'town']);
    expect(data[0].location).toMatchObject({ longitude: 104.09, latitude: 30.665 });
    const all = await db
      .collection('places')
      .where({ location: _.geoNear({ geometry: Point(104.08, 30.66) }) })
      .get();
    expect(all.data.map((d: { _id: string }) => d._id)).toEqual(['here', 'near', 'town', 'far', 'origin']);
    expect(local.store.unindexedScans()).toEqual([]); // the declared geo index serves it
  });

  test('geoWithin a polygon (with a hole) and within a centerSphere', async () => {
    const within = async (where: Record<string, unknown>) =>
      (await db.collection('places').where(where).get()).data.map((d: { _id: string }) => d._id).sort();
    expect(await within({ location: _.geoWithin({ geometry: square(2) }) })).toEqual(['origin']);
    const withHole = new db.Geo.Polygon([
      new db.Geo.LineString([Point(-2, -2), Point(2, -2), Point(2, 2), Point(-2, 2), Point(-2, -2)]),
      new db.Geo.LineString([Point(-1, -1), Point(1, -1), Point(1, 1), Point(-1, 1), Point(-1, -1)]),
    ]);
    expect(await within({ location: _.geoWithin({ geometry: withHole }) })).toEqual([]);
    // 2 km around `here`, radius in radians of the earth (6378.1 km), with a Point or a [lng, lat].
    expect(await within({ location: _.geoWithin({ centerSphere: [Point(104.08, 30.66), 2 / 6378.1] }) })).toEqual(['here', 'near']);
    expect(await within({ location: _.geoWithin({ centerSphere: [[104.08, 30.66], 2 / 6378.1] }) })).toEqual(['here', 'near']);
  });

  test('aggregate geoNear: distances in metres as MongoDB computes them, query, includeLocs', async () => {
    const res = await db
      .collection('places')
      .aggregate()
      .geoNear({
        distanceField: 'distance',
        spherical: true,
        near: Point(104.08, 30.66),
        maxDistance: 50_000,
        query: { city: 'Chengdu' },
        key: 'location',
        includeLocs: 'loc',
      })
      .project({ _id: 1, distance: 1, loc: 1 })
      .end();
    expect(res.list.map((d: { _id: string }) => d._id)).toEqual(['here', 'near', 'town']);
    expect(res.list[0].distance).toBe(0);
    // Haversine on a 6,378,100 m sphere, computed independently.
    expect(res.list[1].distance).toBeCloseTo(1107.564, 2);
    expect(res.list[2].distance).toBeCloseTo(10_533.315, 2);
    expect(res.list[1].loc).toEqual({ type: 'Point', coordinates: [104.09, 30.665] }); // aggregate answers are not formatted by the SDK
  });

  test('the distance equals MongoDB’s to the last digit (CloudBase SDK test value)', async () => {
    await db.collection('places').add({ data: { _id: 'baiyun', city: 'Guangzhou', location: Point(113.306789, 23.1564721) } });
    const res = await db
      .collection('places')
      .aggregate()
      .geoNear({ distanceField: 'distance', spherical: true, near: Point(113.3089506, 23.0968251), query: { city: 'Guangzhou' } })
      .end();
    expect(res.list[0].distance).toBe(6643.521654040738);
  });

  test('a geo query on a field without a geo index is reported as an unindexed scan', async () => {
    await db.createCollection('places_unindexed');
    await db.collection('places_unindexed').add({ data: { location: Point(1, 1) } });
    await db
      .collection('places_unindexed')
      .where({ location: _.geoNear({ geometry: Point(1, 1) }) })
      .get();
    expect(local.store.unindexedScans()).toHaveLength(1);
  });
});

describe('ObjectId values', () => {
  // wx-server-sdk has no db.ObjectId; CloudBase's own @cloudbase/node-sdk (which it wraps) has.
  // biome-ignore lint/suspicious/noExplicitAny: untyped SDK
  const nodeDb = (): any => require('@cloudbase/node-sdk').init({ env: 'local-env' }).database();

  test('an ObjectId outside _id comes back as its hex string and can be queried', async () => {
    const id = '5f8c6b0e4b0c3a2d1c0e9f7a';
    const ndb = nodeDb();
    await ndb.collection('oids').add({ _id: 'o1', a: ndb.ObjectId({ id }), nested: { refs: [ndb.ObjectId({ id })] } });
    const got = (await db.collection('oids').doc('o1').get()).data;
    expect(got).toEqual({ _id: 'o1', a: id, nested: { refs: [id] } });
    expect((await ndb.collection('oids').doc('o1').get()).data).toEqual([{ _id: 'o1', a: id, nested: { refs: [id] } }]);
    const found = await ndb
      .collection('oids')
      .where({ a: ndb.ObjectId({ id }) })
      .get();
    expect(found.data.map((d: { _id: string }) => d._id)).toEqual(['o1']);
    const other = await ndb
      .collection('oids')
      .where({ a: ndb.ObjectId({ id: '5f8c6b0e4b0c3a2d1c0e9f7b' }) })
      .get();
    expect(other.data).toEqual([]);
  });

  test('an ObjectId _id comes back as its hex string', async () => {
    const id = '6f8c6b0e4b0c3a2d1c0e9f7a';
    const ndb = nodeDb();
    const added = await ndb.collection('oids').add({ _id: ndb.ObjectId({ id }), name: 'oid' });
    expect(added.id).toBe(id);
    const { data } = await db.collection('oids').where({ name: 'oid' }).get();
    expect(data).toEqual([{ _id: id, name: 'oid' }]);
  });
});

describe('jsonSchema', () => {
  test('where(_.jsonSchema(...)) and inside nor', async () => {
    const count = async (where: unknown) => (await db.collection('counts').where(where).get()).data.length;
    expect(await count(_.jsonSchema({ required: ['a'] }))).toBe(1);
    expect(await count(_.jsonSchema({ required: ['zzz'] }))).toBe(0);
    expect(await count(_.nor([_.jsonSchema({ required: ['a'] })]))).toBe(0);
    expect(await count(_.jsonSchema({ properties: { a: { bsonType: 'int', minimum: 1 }, b: { enum: ['x'] } } }))).toBe(1);
    expect(await count(_.jsonSchema({ properties: { b: { bsonType: 'number' } } }))).toBe(0);
  });
});

describe('aggregation expressions', () => {
  beforeAll(async () => {
    await db.collection('students').add({
      data: [
        { _id: 's1', firstName: 'Yasmin', birthday: '1999/12/12' },
        { _id: 's2', firstName: 'Chloe 文明a', birthday: '1998/11/11' },
        { _id: 's3', firstName: 'Ben', birthday: '1997/10/10' },
      ],
    });
  });

  test('$indexOfCP counts code points', async () => {
    const $ = db.command.aggregate;
    const res = await db
      .collection('students')
      .aggregate()
      .sort({ _id: 1 })
      .project({ _id: 0, at: $.indexOfCP(['$firstName', 'a']) })
      .end();
    expect(res.list).toEqual([{ at: 1 }, { at: 8 }, { at: -1 }]);
  });

  test('$substrBytes with a negative length runs to the end', async () => {
    const $ = db.command.aggregate;
    const res = await db
      .collection('students')
      .aggregate()
      .sort({ _id: 1 })
      .project({ _id: 0, year: $.substrBytes(['$birthday', 0, 4]), day: $.substrBytes(['$birthday', 8, -1]) })
      .end();
    expect(res.list).toEqual([
      { year: '1999', day: '12' },
      { year: '1998', day: '11' },
      { year: '1997', day: '10' },
    ]);
  });

  test('$week counts weeks from Sunday (days before the first Sunday are week 0)', async () => {
    const $ = db.command.aggregate;
    const days = [
      ['2023-01-01T12:00:00Z', 1], // a Sunday
      ['2023-01-07T12:00:00Z', 1], // Saturday
      ['2023-01-08T12:00:00Z', 2], // Sunday
      ['2025-01-01T12:00:00Z', 0], // Wednesday before the first Sunday
      ['2025-01-05T12:00:00Z', 1],
      ['2025-12-31T12:00:00Z', 52],
    ] as const;
    await db.collection('dates').add({ data: days.map(([d], i) => ({ _id: `d${i}`, at: new Date(d) })) });
    const res = await db
      .collection('dates')
      .aggregate()
      .sort({ _id: 1 })
      .project({ _id: 0, week: $.week('$at') })
      .end();
    expect(res.list.map((r: { week: number }) => r.week)).toEqual(days.map(([, w]) => w));
  });
});

describe('error codes', () => {
  test('a field name starting with $ is DATABASE_REQUEST_FAILED, as CloudBase answers it', async () => {
    const res = await fetch(local.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.insertDocument', collectionName: 'counts', data: ['{"$_key":1}'] }),
    });
    expect(((await res.json()) as { code?: string }).code).toBe('DATABASE_REQUEST_FAILED');
  });
});
