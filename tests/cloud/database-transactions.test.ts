/**
 * Transactions, compare-and-set, unique indexes, the unindexed-scan report and bad input, through
 * the REAL wx-server-sdk against the local CloudBase endpoint.
 */
import { type SdkAgainstLocal, startSdkAgainstLocal, type WxDb } from '../support/sdk-against-local';

let local: SdkAgainstLocal;
let db: WxDb;
let clock = new Date('2025-03-01T08:00:00.000Z');

beforeAll(async () => {
  local = await startSdkAgainstLocal({ now: () => clock, transactionLifetimeMs: 60_000 });
  db = local.db;
  await db.createCollection('accounts');
  await db.createCollection('tickets');
  jest.spyOn(console, 'log').mockImplementation(() => undefined); // runTransaction logs retried errors
});

afterAll(async () => {
  jest.restoreAllMocks();
  await local.close();
});

async function balance(id: string): Promise<number> {
  return (await db.collection('accounts').doc(id).get()).data.balance;
}

async function post(body: unknown, raw?: string): Promise<{ code?: string; message?: string; data?: unknown }> {
  const res = await fetch(local.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { code?: string; message?: string; data?: unknown };
}

describe('transactions', () => {
  beforeEach(async () => {
    await db
      .collection('accounts')
      .doc('a')
      .set({ data: { balance: 100 } });
    await db
      .collection('accounts')
      .doc('b')
      .set({ data: { balance: 0 } });
  });

  test('runTransaction commits all writes and returns the callback result', async () => {
    const result = await db.runTransaction(async (t: WxDb) => {
      const a = await t.collection('accounts').doc('a').get();
      await t
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: a.data.balance - 30 } });
      await t
        .collection('accounts')
        .doc('b')
        .update({ data: { balance: db.command.inc(30) } });
      await t.collection('accounts').add({ data: { _id: 'log1', balance: -1 } });
      return 'moved';
    });
    expect(result).toBe('moved');
    expect(await balance('a')).toBe(70);
    expect(await balance('b')).toBe(30);
    expect(await balance('log1')).toBe(-1);
  });

  test('writes inside a transaction are invisible outside until commit, visible inside', async () => {
    const t = await db.startTransaction();
    await t
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 1 } });
    expect((await t.collection('accounts').doc('a').get()).data.balance).toBe(1);
    expect(await balance('a')).toBe(100);
    await t.commit();
    expect(await balance('a')).toBe(1);
  });

  test('throwing inside runTransaction rolls everything back', async () => {
    await expect(
      db.runTransaction(async (t: WxDb) => {
        await t
          .collection('accounts')
          .doc('a')
          .update({ data: { balance: 0 } });
        await t.collection('accounts').add({ data: { _id: 'never', balance: 5 } });
        throw new Error('insufficient funds');
      }),
    ).rejects.toThrow('insufficient funds');
    expect(await balance('a')).toBe(100);
    await expect(db.collection('accounts').doc('never').get()).rejects.toThrow(/does not exist/);
    expect(local.store.openTransactions()).toBe(0);
  });

  test('explicit rollback discards the writes', async () => {
    const t = await db.startTransaction();
    await t
      .collection('accounts')
      .doc('b')
      .update({ data: { balance: 999 } });
    await t.rollback();
    expect(await balance('b')).toBe(0);
  });

  test('two open transactions writing the same document: the second write is a conflict at once', async () => {
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 1 } });
    await expect(
      t2
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: 2 } }),
    ).rejects.toMatchObject({ errMsg: expect.stringContaining('TransactionConflict') });
    await t1.commit();
    // The conflict aborted t2 on the server, as CloudBase does.
    await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect(await balance('a')).toBe(1);
  });

  test('a conflict makes runTransaction retry, so concurrent increments are not lost', async () => {
    const incrementer = () =>
      db.runTransaction(async (t: WxDb) => {
        const a = await t.collection('accounts').doc('a').get();
        await new Promise((r) => setTimeout(r, 5)); // let the others read the same value
        await t
          .collection('accounts')
          .doc('a')
          .update({ data: { balance: a.data.balance + 1 } });
      }, 10);
    const results = await Promise.allSettled(Array.from({ length: 4 }, incrementer));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    expect(ok).toBeGreaterThan(0);
    expect(await balance('a')).toBe(100 + ok);
  });

  test('a non-transactional write after the transaction read the document makes its write conflict', async () => {
    const t = await db.startTransaction();
    const a = await t.collection('accounts').doc('a').get();
    await db
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 50 } });
    await expect(
      t
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: a.data.balance + 10 } }),
    ).rejects.toMatchObject({ errMsg: expect.stringContaining('TransactionConflict') });
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect(await balance('a')).toBe(50);
  });

  test('a transaction left open expires and is rolled back', async () => {
    const t = await db.startTransaction();
    await t
      .collection('accounts')
      .doc('b')
      .update({ data: { balance: 7 } });
    clock = new Date(clock.getTime() + 61_000);
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect(await balance('b')).toBe(0);
    expect(local.store.openTransactions()).toBe(0);
  });
});

describe('compare-and-set', () => {
  test('20 concurrent conditional updates: exactly one wins', async () => {
    await db
      .collection('tickets')
      .doc('t1')
      .set({ data: { status: 'open' } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_x, i) =>
        db
          .collection('tickets')
          .where({ _id: 't1', status: 'open' })
          .update({ data: { status: 'taken', by: i } }),
      ),
    );
    const updated = results.map((r: { stats: { updated: number } }) => r.stats.updated);
    expect(updated.filter((u) => u === 1)).toHaveLength(1);
    expect(updated.filter((u) => u === 0)).toHaveLength(19);
    const winner = updated.indexOf(1);
    expect((await db.collection('tickets').doc('t1').get()).data).toEqual({ _id: 't1', status: 'taken', by: winner });
  });
});

describe('unique indexes', () => {
  test('a duplicate key in a unique index is refused with CloudBase duplicate error', async () => {
    await db.collection('request_ledger').add({ data: { key: 'req-1', at: db.serverDate() } });
    await expect(db.collection('request_ledger').add({ data: { key: 'req-1' } })).rejects.toThrow(/duplicate key/);
    const raw = await post({ action: 'database.insertDocument', collectionName: 'request_ledger', data: ['{"key":"req-1"}'] });
    expect(raw.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await db.collection('request_ledger').where({ key: 'req-1' }).count()).total).toBe(1);
  });

  test('a batch with one duplicate inserts nothing', async () => {
    await expect(db.collection('request_ledger').add({ data: [{ key: 'req-2' }, { key: 'req-1' }] })).rejects.toThrow(/duplicate/);
    expect((await db.collection('request_ledger').where({ key: 'req-2' }).count()).total).toBe(0);
  });

  test('an update that would duplicate a unique key is refused and changes nothing', async () => {
    const { _id } = await db.collection('request_ledger').add({ data: { key: 'req-3' } });
    await expect(
      db
        .collection('request_ledger')
        .doc(_id)
        .update({ data: { key: 'req-1' } }),
    ).rejects.toThrow(/duplicate/);
    expect((await db.collection('request_ledger').doc(_id).get()).data.key).toBe('req-3');
  });
});

describe('unindexed scans', () => {
  beforeAll(async () => {
    await db.collection('catalog_items').add({
      data: [
        { categoryId: 'c1', order: 1, title: 'x' },
        { categoryId: 'c1', order: 2, title: 'y' },
        { categoryId: 'c2', order: 1, title: 'z' },
      ],
    });
  });
  beforeEach(() => local.store.clearUnindexedScans());

  test('queries on an index prefix, by _id, or with $in / range are not recorded', async () => {
    const _ = db.command;
    await db.collection('catalog_items').where({ categoryId: 'c1' }).orderBy('order', 'asc').get();
    await db
      .collection('catalog_items')
      .where({ categoryId: _.in(['c1', 'c2']), order: _.gte(2) })
      .get();
    await db
      .collection('catalog_categories')
      .where({ order: _.lt(10) })
      .get();
    await db.collection('catalog_items').where({ _id: 'whatever' }).get();
    await db
      .collection('catalog_items')
      .doc('whatever')
      .update({ data: { title: 'q' } });
    expect(local.store.unindexedScans()).toEqual([]);
  });

  test('a query on an unindexed field is recorded once per shape', async () => {
    const r1 = await db.collection('catalog_items').where({ title: 'y' }).get();
    expect(r1.data).toHaveLength(1);
    await db.collection('catalog_items').where({ title: 'z' }).get();
    await db.collection('catalog_items').where({ order: 1 }).count(); // `order` is not a leading field
    expect(local.store.unindexedScans()).toEqual([
      { collection: 'catalog_items', filter: { title: 'y' } },
      { collection: 'catalog_items', filter: { order: 1 } },
    ]);
  });

  test('indexed query results equal full-scan results', async () => {
    const viaIndex = (await db.collection('catalog_items').where({ categoryId: 'c1' }).orderBy('order', 'asc').get()).data;
    const viaScan = (
      await db
        .collection('catalog_items')
        .where({ title: db.command.in(['x', 'y']) })
        .orderBy('order', 'asc')
        .get()
    ).data;
    expect(viaIndex).toEqual(viaScan);
  });

  test('a document holding an array on an indexed field still matches (index not used for it)', async () => {
    await db.collection('catalog_items').add({ data: { categoryId: ['c1', 'c9'], order: 3, title: 'multi' } });
    local.store.clearUnindexedScans();
    const { data } = await db.collection('catalog_items').where({ categoryId: 'c9' }).get();
    expect(data.map((d: { title: string }) => d.title)).toEqual(['multi']);
    expect(local.store.unindexedScans()).toHaveLength(1);
  });
});

describe('bad input', () => {
  test('an unknown collection answers DATABASE_COLLECTION_NOT_EXIST', async () => {
    await expect(db.collection('no_such').get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(db.collection('no_such').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
    const raw = await post({ action: 'database.calculateDocument', collectionName: 'no_such' });
    expect(raw.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });

  test('creating an existing collection is refused', async () => {
    await expect(db.createCollection('tickets')).rejects.toThrow(/already exists/);
  });

  test.each([
    ['invalid JSON body', undefined, '{"action": "database.getDocument", '],
    ['body is an array', undefined, '[1,2]'],
    ['query is not EJSON', { action: 'database.getDocument', collectionName: 'tickets', query: '{not json' }, undefined],
    ['query is a number', { action: 'database.getDocument', collectionName: 'tickets', query: 5 }, undefined],
    ['unknown query operator', { action: 'database.getDocument', collectionName: 'tickets', query: '{"a":{"$frobnicate":1}}' }, undefined],
    [
      'bad regular expression',
      { action: 'database.getDocument', collectionName: 'tickets', query: '{"a":{"$regularExpression":{"pattern":"(","options":""}}}' },
      undefined,
    ],
    ['negative offset', { action: 'database.getDocument', collectionName: 'tickets', offset: -1 }, undefined],
    ['limit not a number', { action: 'database.getDocument', collectionName: 'tickets', limit: 'lots' }, undefined],
    ['bad order', { action: 'database.getDocument', collectionName: 'tickets', order: '{"a":"sideways"}' }, undefined],
    [
      'unknown update operator',
      { action: 'database.modifyDocument', collectionName: 'tickets', query: '{}', data: '{"$explode":{"a":1}}', multi: true },
      undefined,
    ],
    [
      'update of _id',
      { action: 'database.modifyDocument', collectionName: 'tickets', query: '{}', data: '{"$set":{"_id":"x"}}' },
      undefined,
    ],
    ['insert without data', { action: 'database.insertDocument', collectionName: 'tickets' }, undefined],
    ['insert of a non-object', { action: 'database.insertDocument', collectionName: 'tickets', data: ['[1,2]'] }, undefined],
    ['collection name with SQL in it', { action: 'database.getDocument', collectionName: 'x"; DROP TABLE collections; --' }, undefined],
    ['missing collection name', { action: 'database.getDocument' }, undefined],
    ['stages not an array', { action: 'database.aggregateDocuments', collectionName: 'tickets', stages: 'x' }, undefined],
    [
      '$out stage',
      { action: 'database.aggregateDocuments', collectionName: 'tickets', stages: [{ stageKey: '$out', stageValue: '"x"' }] },
      undefined,
    ],
    ['unknown transaction', { action: 'database.commitTransaction', transactionId: 'nope' }, undefined],
    [
      'deeply nested query',
      { action: 'database.getDocument', collectionName: 'tickets', query: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` },
      undefined,
    ],
  ])('%s: answered with an error code, nothing crashes', async (_name, body, raw) => {
    const answer = await post(body, raw);
    expect(answer.code).toMatch(/^(INVALID_PARAM|DATABASE_[A-Z_]+)$/);
    expect(answer.data).toBeUndefined();
  });

  test('the server keeps serving after bad input', async () => {
    const { data } = await db.collection('tickets').doc('t1').get();
    expect(data.status).toBe('taken');
    expect(local.store.listCollections()).toContain('tickets');
  });
});
