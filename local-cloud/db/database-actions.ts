import type { ActionHandler, ActionRegistry } from '../tcb/action-registry';
import { CloudError } from '../tcb/cloud-error';
import { topLevel } from '../tcb/top-level';
import { DB_ERROR, DbError, invalidParam } from './db-error';
import type { DocumentStore } from './document-store';
import { type Doc, encodeAnswer, isPlainObject, parseWire, parseWireObject, resolveIncoming } from './ejson-codec';

/** CloudBase's server-side page size: default 100, at most 1000 per query. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/**
 * The `database.*` actions of the CloudBase wire protocol, as @cloudbase/database 1.4 (inside
 * wx-server-sdk 4.0.2) sends them, answered from a DocumentStore.
 *
 * Answer shapes the SDK reads (see node_modules/@cloudbase/database/dist/commonjs):
 *  insertDocument → data.insertedIds · getDocument → data.list (EJSON strings), offset, limit ·
 *  calculateDocument → data.total · modifyDocument → data.updated, data.upsert_id ·
 *  removeDocument → data.deleted · aggregateDocuments → data.list · modifyAndReturnDoc →
 *  data.updated, data.doc · startTransaction → **top-level** transactionId.
 */
export function createDatabaseActions(store: DocumentStore): ActionRegistry {
  const now = (): Date => store.now();
  /** An EJSON object parameter with serverDate and RegExp resolved. */
  const obj = (value: unknown, what: string): Doc => resolveIncoming(parseWireObject(value, what), now()) as Doc;
  const optionalObj = (value: unknown, what: string): Doc =>
    value === undefined || value === null || value === '' ? {} : obj(value, what);
  const txnOf = (p: Record<string, unknown>): string | undefined => {
    const t = p.transactionId;
    if (t === undefined || t === null || t === '') return undefined;
    if (typeof t !== 'string') throw invalidParam('transactionId must be a string');
    return t;
  };

  /** A write outside a transaction waits while an open transaction holds one of its documents. */
  const write = <T>(p: Record<string, unknown>, run: () => T): T | Promise<T> =>
    txnOf(p) === undefined ? store.waitingForLocks(run) : run();

  const modify: ActionHandler = async (p) => {
    const filter = optionalObj(p.query, 'query');
    const data = obj(p.data, 'data');
    const merge = p.merge === undefined ? true : Boolean(p.merge);
    const result = await write(p, () =>
      store.updateMany(collectionOf(p), filter, data, {
        multi: p.multi === undefined ? false : Boolean(p.multi),
        upsert: Boolean(p.upsert),
        replace: !merge,
        transactionId: txnOf(p),
      }),
    );
    // `updated` counts matched documents, changed or not: CloudBase's own SDK tests expect 1 for a
    // `set` of equal content. A compare-and-set must therefore put the state it leaves behind
    // outside its filter (e.g. `where({ status: 'open' }).update({ status: 'taken' })`).
    const out: Record<string, unknown> = { updated: result.matched };
    if (result.upsertedId !== undefined) out.upsert_id = result.upsertedId;
    return out;
  };

  const actions: ActionRegistry = {
    'database.addCollection': (p) => {
      if (!store.createCollection(collectionOf(p))) {
        throw new DbError(DB_ERROR.COLLECTION_ALREADY_EXIST, `collection ${collectionOf(p)} already exists`);
      }
      return {};
    },

    'database.insertDocument': (p) => {
      const raw = Array.isArray(p.data) ? p.data : [p.data];
      if (raw.length === 0) throw invalidParam('data must hold at least one document');
      const docs = raw.map((d, i) => obj(d, `data[${i}]`));
      return write(p, () => ({ insertedIds: store.insert(collectionOf(p), docs, txnOf(p)) }));
    },

    'database.getDocument': (p) => {
      const limit = p.limit === undefined || p.limit === null || p.limit === 0 ? DEFAULT_LIMIT : p.limit;
      const offset = p.offset === undefined || p.offset === null ? 0 : p.offset;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) throw invalidParam('limit must be a non-negative integer');
      if (limit > MAX_LIMIT) throw invalidParam(`limit must be at most ${MAX_LIMIT}, got ${limit}`);
      if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)
        throw invalidParam('offset must be a non-negative integer');
      const docs = store.find(collectionOf(p), optionalObj(p.query, 'query'), {
        sort: parseOrder(p.order),
        skip: offset,
        limit,
        projection: p.projection === undefined ? undefined : obj(p.projection, 'projection'),
        transactionId: txnOf(p),
      });
      return { list: docs.map(encodeAnswer), offset, limit };
    },

    'database.calculateDocument': (p) => ({
      total: store.count(collectionOf(p), optionalObj(p.query, 'query'), txnOf(p)),
    }),

    'database.modifyDocument': modify,
    // Not sent by wx-server-sdk 4.0.2; kept as an alias in case other CloudBase clients use it.
    'database.updateDocument': modify,

    'database.modifyAndReturnDoc': async (p) => {
      const filter = optionalObj(p.query, 'query');
      const data = obj(p.data, 'data');
      const result = await write(p, () => store.updateMany(collectionOf(p), filter, data, { multi: false, transactionId: txnOf(p) }));
      return { updated: result.matched, doc: result.doc ? encodeAnswer(result.doc) : null };
    },

    'database.removeDocument': (p) => {
      const filter = optionalObj(p.query, 'query');
      return write(p, () => ({
        deleted: store.remove(collectionOf(p), filter, {
          multi: p.multi === undefined ? true : Boolean(p.multi),
          transactionId: txnOf(p),
        }),
      }));
    },

    'database.aggregateDocuments': (p) => {
      if (!Array.isArray(p.stages)) throw invalidParam('stages must be an array');
      const pipeline = p.stages.map((s, i) => {
        if (!isPlainObject(s) || typeof s.stageKey !== 'string') throw invalidParam(`stages[${i}] must be {stageKey, stageValue}`);
        const value = resolveIncoming(parseWire(s.stageValue, `stages[${i}].stageValue`), now());
        return { [s.stageKey.startsWith('$') ? s.stageKey : `$${s.stageKey}`]: value };
      });
      return { list: store.aggregate(collectionOf(p), pipeline).map(encodeAnswer) };
    },

    'database.startTransaction': () => {
      const transactionId = store.startTransaction();
      // The SDK reads `res.transactionId` at the top level of the answer, not under `data`.
      return topLevel({ transactionId }, { transactionId });
    },
    'database.commitTransaction': (p) => {
      store.commitTransaction(requireTxn(p));
      return {};
    },
    'database.abortTransaction': (p) => {
      store.abortTransaction(requireTxn(p));
      return {};
    },

    // Legacy document-level transaction actions (@cloudbase/database dist/commonjs/transaction.js;
    // wx-server-sdk 4.0.2 no longer calls them, but they cost little). They answer at the top level.
    'database.getInTransaction': (p) => {
      const doc = store.findById(collectionOf(p), p._id, requireTxn(p));
      return encodeAnswer(doc ?? {});
    },
    'database.updateDocInTransaction': (p) => {
      const data = obj(p.data, 'data');
      const upsert = Boolean(p.upsert);
      const result = store.updateMany(collectionOf(p), { _id: p._id }, data, {
        multi: false,
        upsert,
        replace: upsert,
        transactionId: requireTxn(p),
      });
      const upserted = result.upsertedId === undefined ? undefined : JSON.stringify([{ _id: result.upsertedId }]);
      return topLevel({ updated: JSON.stringify(result.matched), ...(upserted ? { upserted } : {}) });
    },
    'database.deleteDocInTransaction': (p) => {
      const deleted = store.remove(collectionOf(p), { _id: p._id }, { multi: false, transactionId: requireTxn(p) });
      return topLevel({ deleted: JSON.stringify(deleted) });
    },
  };

  const registry: ActionRegistry = {};
  for (const [name, handler] of Object.entries(actions)) registry[name] = withCloudErrors(handler);
  return registry;
}

function collectionOf(p: Record<string, unknown>): string {
  if (typeof p.collectionName !== 'string' || p.collectionName === '') throw invalidParam('collectionName is required');
  return p.collectionName;
}

function requireTxn(p: Record<string, unknown>): string {
  if (typeof p.transactionId !== 'string' || p.transactionId === '') throw invalidParam('transactionId is required');
  return p.transactionId;
}

/** `order` arrives as EJSON `{"field": 1 | -1}` (older clients: `[{field, direction}]`). */
function parseOrder(raw: unknown): Record<string, 1 | -1> | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const parsed = parseWire(raw, 'order');
  const sort: Record<string, 1 | -1> = {};
  const put = (field: unknown, dir: unknown): void => {
    if (typeof field !== 'string' || field === '') throw invalidParam('order field must be a non-empty string');
    const d = dir === 'desc' || dir === -1 ? -1 : dir === 'asc' || dir === 1 ? 1 : undefined;
    if (d === undefined) throw invalidParam(`order direction of ${field} must be 1, -1, 'asc' or 'desc'`);
    sort[field] = d;
  };
  if (Array.isArray(parsed)) {
    for (const o of parsed) {
      if (!isPlainObject(o)) throw invalidParam('order entries must be objects');
      put(o.field, o.direction);
    }
  } else if (isPlainObject(parsed)) {
    for (const [field, dir] of Object.entries(parsed)) put(field, dir);
  } else {
    throw invalidParam('order must be an object');
  }
  return sort;
}

/** Store failures become CloudBase error answers; anything unexpected stays an internal error. */
function withCloudErrors(handler: ActionHandler): ActionHandler {
  const translate = (err: unknown): never => {
    if (err instanceof DbError) throw new CloudError(err.code, err.message);
    if (err instanceof RangeError) throw new CloudError(DB_ERROR.INVALID_PARAM, `request too deeply nested: ${err.message}`);
    throw err;
  };
  return (params, ctx) => {
    try {
      const out = handler(params, ctx);
      return out instanceof Promise ? out.catch(translate) : out;
    } catch (err) {
      return translate(err);
    }
  };
}
