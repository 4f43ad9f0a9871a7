import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Aggregator, createUpdater, Query } from 'mingo';
import { Context, type Options as MingoOptions } from 'mingo/core';
import fullContext from 'mingo/init/context';
import { COLLECTION_INDEXES, type CollectionIndexes, type IndexSpec } from '../../database/indexes';
import { DB_ERROR, DbError, invalidParam } from './db-error';
import { idKey, newDocId } from './doc-id';
import { type Doc, decodeDoc, encodeDoc, isPlainObject } from './ejson-codec';
import { distanceTo, EXPRESSION_OPERATORS, nearOrder, parseGeoNearStage, QUERY_OPERATORS, runGeoNear } from './mongo-operators';
import { planQuery, type SqlPlan } from './query-planner';
import { compileSimpleFilter } from './simple-filter';
import { assertCollectionName, createIndexSql, geoIndexServes, indexName, pathHasArray, pathPrefixes, tableName } from './sql-index';
import { DocumentLocked, docKeyOf, TransactionBook, type Txn } from './transaction-book';
import { type UnindexedScan, UnindexedScanLog } from './unindexed-scan-log';
import { apply as applyUpdate, seedFromFilter } from './update-apply';

export type { Doc } from './ejson-codec';
export type { UnindexedScan } from './unindexed-scan-log';

export interface DocumentStoreOptions {
  /** Directory of the database (`documents.sqlite` and its WAL); created when missing. */
  dir: string;
  /** The server's clock: `db.serverDate()` and transaction expiry read it. Tests move it. */
  now?: () => Date;
  /** Index declarations; defaults to `database/indexes.ts`. */
  indexes?: CollectionIndexes;
  /** Create every collection named in `indexes` when opening (default true). */
  createDeclaredCollections?: boolean;
  /** A transaction left open longer than this expires and is rolled back (default 30 s, CloudBase's limit). */
  transactionLifetimeMs?: number;
  /** How many distinct unindexed query shapes are kept (default 200). */
  maxUnindexedScans?: number;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  /** Default 100. The store itself does not cap it; the wire layer enforces CloudBase's 1000. */
  limit?: number;
  projection?: Doc;
  transactionId?: string;
}

export interface UpdateOptions {
  /** Update every match (default) or only the first. */
  multi?: boolean;
  upsert?: boolean;
  /** `update` is a whole replacement document (doc().set) instead of update operators. */
  replace?: boolean;
  transactionId?: string;
}

export interface UpdateResult {
  /** Documents the filter matched (CloudBase's `updated`: its own SDK tests count a write of equal content). */
  matched: number;
  /** Documents whose content changed (MongoDB's nModified). */
  modified: number;
  upsertedId?: unknown;
  /** The first matched document after the update (for modifyAndReturnDoc). */
  doc?: Doc;
}

interface CollectionState {
  readonly name: string;
  readonly indexes: readonly IndexSpec[];
  /** Index fields that some document holds an array on: not served by the SQL index. */
  readonly multikey: Set<string>;
  readonly stmt: {
    byId: Database.Statement<[string], { doc: string }>;
    insert: Database.Statement<[string, string]>;
    replace: Database.Statement<[string, string]>;
    remove: Database.Statement<[string]>;
    scan: Database.Statement<[], { _id: string; doc: string }>;
  };
}

interface Row {
  key: string;
  doc: Doc;
}

/** A pending change to one document: the new content, or null for a removal. */
interface Write {
  key: string;
  doc: Doc | null;
  /** true when the row is new (INSERT), false when it exists (UPDATE / DELETE). */
  insert: boolean;
}

const readDoc = (text: string): Doc => (text.includes('"$') ? decodeDoc(text) : (JSON.parse(text) as Doc));

/**
 * The local cloud's database: one SQLite table per collection (`_id TEXT PRIMARY KEY, doc TEXT`
 * holding relaxed EJSON), MongoDB query / update / aggregation semantics from mingo, declared
 * indexes as SQLite expression indexes, and CloudBase-style transactions.
 *
 * Durability: WAL journal with `synchronous=NORMAL`. A committed write is in the WAL file (in the
 * OS page cache) before the call returns, so it survives `kill -9` of this process; only an OS
 * crash or power loss can drop the last few commits (never corrupt the file). That is the
 * trade-off we want for a development server.
 *
 * Concurrency: every public method is synchronous (better-sqlite3), so each call, e.g. a
 * conditional `where({_id, status}).update(...)`, runs read-and-write as one atomic step in this
 * single-process server.
 */
export class DocumentStore {
  readonly now: () => Date;
  private readonly db: Database.Database;
  private readonly indexes: CollectionIndexes;
  private readonly collections = new Map<string, CollectionState>();
  /** Options for aggregation: every operator (building a Query with these costs ~150 µs). */
  private readonly mingo: Partial<MingoOptions>;
  /** Options for find / count / update filters: mingo's query, projection, boolean and comparison operators (~20 µs per Query). */
  private readonly queryOptions: Partial<MingoOptions> = {
    scriptEnabled: false,
    context: Context.init().addQueryOps(QUERY_OPERATORS),
  };
  private readonly update = createUpdater({ cloneMode: 'deep' });
  private readonly txns: TransactionBook;
  private readonly transactionLifetimeMs: number;
  private readonly scans: UnindexedScanLog;
  private readonly registerCollection: Database.Statement<[string, string]>;
  /** While an aggregation runs: the foreign documents each narrowed `$lookup` can match (see narrowLookups). */
  private lookupScope: Map<string, Doc[]> | null = null;

  constructor(options: DocumentStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.indexes = options.indexes ?? COLLECTION_INDEXES;
    this.transactionLifetimeMs = options.transactionLifetimeMs ?? 30_000;
    this.txns = new TransactionBook(this.transactionLifetimeMs);
    this.scans = new UnindexedScanLog(options.maxUnindexedScans ?? 200);
    this.mingo = {
      // Ours first: a context keeps the operators it had when the same name is added again.
      context: Context.merge(Context.init().addQueryOps(QUERY_OPERATORS).addExpressionOps(EXPRESSION_OPERATORS), fullContext()),
      scriptEnabled: false,
      collectionResolver: (name: string) => this.lookupScope?.get(name) ?? this.allDocs(name),
    };
    mkdirSync(options.dir, { recursive: true });
    this.db = new Database(join(options.dir, 'documents.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created_at TEXT NOT NULL)');
    this.registerCollection = this.db.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?)');
    const names = this.db.prepare('SELECT name FROM collections ORDER BY name').pluck().all() as string[];
    for (const name of names) this.attach(name);
    if (options.createDeclaredCollections ?? true) {
      for (const name of Object.keys(this.indexes)) this.createCollection(name);
    }
  }

  static open(options: DocumentStoreOptions): DocumentStore {
    return new DocumentStore(options);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ── collections ────────────────────────────────────────────────────────────────────────────

  /** Creates a collection; false when it already exists. */
  createCollection(name: string): boolean {
    assertCollectionName(name);
    if (this.collections.has(name)) return false;
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${tableName(name)} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
      this.registerCollection.run(name, this.now().toISOString());
    })();
    this.attach(name);
    return true;
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name);
  }

  listCollections(): string[] {
    return [...this.collections.keys()].sort();
  }

  private attach(name: string): void {
    const table = tableName(name);
    const indexes = this.indexes[name] ?? [];
    this.syncIndexes(name, indexes);
    const multikey = new Set<string>();
    for (const spec of indexes) {
      for (const { field } of spec.fields) {
        const hasArray = pathPrefixes(field).some(
          (p) => this.db.prepare(`SELECT 1 FROM ${table} WHERE json_type(doc, '$.${p}') = 'array' LIMIT 1`).get() !== undefined,
        );
        if (hasArray) multikey.add(field);
      }
    }
    this.collections.set(name, {
      name,
      indexes,
      multikey,
      stmt: {
        byId: this.db.prepare(`SELECT doc FROM ${table} WHERE _id = ?`),
        insert: this.db.prepare(`INSERT INTO ${table} (_id, doc) VALUES (?, ?)`),
        replace: this.db.prepare(`UPDATE ${table} SET doc = ? WHERE _id = ?`) as unknown as Database.Statement<[string, string]>,
        remove: this.db.prepare(`DELETE FROM ${table} WHERE _id = ?`),
        scan: this.db.prepare(`SELECT _id, doc FROM ${table}`),
      },
    });
  }

  /** Makes the SQLite indexes of a collection match its declaration (creates, recreates, drops). */
  private syncIndexes(name: string, specs: readonly IndexSpec[]): void {
    const existing = new Map(
      (
        this.db
          .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix\\_%' ESCAPE '\\'")
          .all(`c_${name}`) as Array<{ name: string; sql: string }>
      ).map((r) => [r.name, r.sql]),
    );
    const wanted = new Map(
      specs.flatMap((s) => {
        const sql = createIndexSql(name, s);
        return sql === null ? [] : [[indexName(name, s.name), sql] as const];
      }),
    );
    this.db.transaction(() => {
      for (const [ix, sql] of existing) {
        if (wanted.get(ix) !== sql) this.db.exec(`DROP INDEX "${ix}"`);
      }
      for (const [ix, sql] of wanted) {
        if (existing.get(ix) === sql) continue;
        try {
          this.db.exec(sql);
        } catch (err) {
          throw new Error(`cannot create index ${ix} on ${name}: ${(err as Error).message}`);
        }
      }
    })();
  }

  private coll(name: unknown): CollectionState {
    assertCollectionName(name);
    const state = this.collections.get(name);
    if (!state) throw new DbError(DB_ERROR.COLLECTION_NOT_EXIST, `collection ${name} does not exist`);
    return state;
  }

  /** Every document of a collection ($lookup's resolver); an unknown collection is empty. */
  private allDocs(name: string): Doc[] {
    const state = this.collections.get(name);
    if (!state) return [];
    return state.stmt.scan.all().map((r) => readDoc(r.doc));
  }

  // ── reading ────────────────────────────────────────────────────────────────────────────────

  private compile(filter: Doc): Query {
    try {
      return new Query(filter, this.queryOptions);
    } catch (err) {
      throw invalidParam(`malformed query: ${(err as Error).message}`);
    }
  }

  private test(query: Query, doc: Doc): boolean {
    try {
      return query.test(doc);
    } catch (err) {
      throw invalidParam(`query failed: ${(err as Error).message}`);
    }
  }

  /**
   * Candidate documents for a filter (a superset of the matches), as the transaction sees them:
   * committed rows (through `_id`, an index or a full scan) as of its snapshot (rows committed
   * since are replaced by their version at the snapshot), overlaid with its own writes.
   */
  private *candidates(state: CollectionState, filter: Doc, txn: Txn | null): Generator<Row> {
    const plan = planQuery(filter, state.indexes, (f) => state.multikey.has(f));
    if (!plan && !geoIndexServes(filter, state.indexes)) this.scans.record(state.name, filter);
    const overlay = txn?.writes.get(state.name);
    const older = txn ? this.txns.versionsAt(state.name, this.txns.snapshot(txn)) : null;
    for (const row of this.rows(state, plan)) {
      if (overlay?.has(row.key) || older?.has(row.key)) continue;
      yield row;
    }
    if (older) {
      for (const [key, doc] of older) if (doc && !overlay?.has(key)) yield { key, doc };
    }
    if (overlay) {
      for (const [key, doc] of overlay) if (doc) yield { key, doc };
    }
  }

  private *rows(state: CollectionState, plan: SqlPlan | null): Generator<Row> {
    if (plan?.via === '_id' && plan.params.length === 1) {
      const key = plan.params[0] as string;
      const hit = state.stmt.byId.get(key);
      if (hit) yield { key, doc: readDoc(hit.doc) };
      return;
    }
    const rows = plan ? this.planned(state.name, plan.where).iterate(...plan.params) : state.stmt.scan.iterate();
    for (const r of rows) {
      yield { key: r._id, doc: readDoc(r.doc) };
    }
  }

  /** Prepared statements of planned queries, by SQL text (bounded: plans come from few shapes). */
  private readonly plannedCache = new Map<string, Database.Statement<unknown[], { _id: string; doc: string }>>();

  private planned(collection: string, where: string): Database.Statement<unknown[], { _id: string; doc: string }> {
    const sql = `SELECT _id, doc FROM ${tableName(collection)} WHERE ${where}`;
    let stmt = this.plannedCache.get(sql);
    if (!stmt) {
      if (this.plannedCache.size > 500) this.plannedCache.clear();
      stmt = this.db.prepare(sql);
      this.plannedCache.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * Matching documents; stops early when no sort asks for all of them. A filter of plain field
   * comparisons is tested directly (simple-filter.ts); mingo is compiled only for the rest, or for
   * a document holding arrays or dates where the filter looks.
   */
  private matches(state: CollectionState, filter: Doc, txn: Txn | null, stopAfter = Infinity): Row[] {
    const simple = compileSimpleFilter(filter);
    let query = simple ? null : this.compile(filter);
    const out: Row[] = [];
    if (stopAfter <= 0) return out;
    for (const row of this.candidates(state, filter, txn)) {
      const fast = simple?.test(row.doc);
      if (fast === false) continue;
      if (fast === undefined) {
        query ??= this.compile(filter);
        if (!this.test(query, row.doc)) continue;
      }
      out.push(row);
      if (out.length >= stopAfter) break;
    }
    return out;
  }

  find(collection: string, filter: Doc = {}, options: FindOptions = {}): Doc[] {
    const state = this.coll(collection);
    const txn = this.txns.get(options.transactionId, this.now());
    const skip = options.skip ?? 0;
    const limit = options.limit ?? 100;
    if (!Number.isInteger(skip) || skip < 0) throw invalidParam('offset must be a non-negative integer');
    if (!Number.isInteger(limit) || limit < 0) throw invalidParam('limit must be a non-negative integer');
    const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : undefined;
    // `$nearSphere` answers nearest first unless the query orders otherwise (MongoDB).
    const near = sort ? null : nearOrder(filter);
    let docs = this.matches(state, filter, txn, sort || near ? Infinity : skip + limit).map((r) => r.doc);
    if (near) {
      docs = docs
        .map((doc) => ({ doc, d: distanceTo(doc, near) }))
        .sort((a, b) => a.d - b.d)
        .map((x) => x.doc);
    }
    if (!sort && !options.projection) return docs.slice(skip, skip + limit);
    try {
      let cursor = new Query({}, this.queryOptions).find<Doc>(docs, options.projection);
      if (sort) cursor = cursor.sort(sort);
      return cursor.skip(skip).limit(limit).all();
    } catch (err) {
      throw invalidParam(`invalid order or projection: ${(err as Error).message}`);
    }
  }

  findById(collection: string, id: unknown, transactionId?: string): Doc | null {
    return this.find(collection, { _id: id }, { limit: 1, transactionId })[0] ?? null;
  }

  count(collection: string, filter: Doc = {}, transactionId?: string): number {
    const state = this.coll(collection);
    return this.matches(state, filter, this.txns.get(transactionId, this.now())).length;
  }

  aggregate(collection: string, pipeline: Doc[]): Doc[] {
    const state = this.coll(collection);
    for (const stage of pipeline) {
      const keys = isPlainObject(stage) ? Object.keys(stage) : [];
      if (keys.length !== 1 || !keys[0]?.startsWith('$')) throw invalidParam('each pipeline stage must be an object with one $stage key');
      if (keys[0] === '$out' || keys[0] === '$merge') throw invalidParam(`${keys[0]} is not supported`);
    }
    for (const stage of pipeline.slice(1))
      if (isPlainObject(stage) && stage.$geoNear) throw invalidParam('$geoNear must be the first stage');
    const first = pipeline[0];
    const geoNear = first && isPlainObject(first) && first.$geoNear !== undefined ? parseGeoNearStage(first.$geoNear) : null;
    const firstMatch = geoNear ? geoNear.query : first && isPlainObject(first.$match) ? (first.$match as Doc) : {};
    let input = this.matches(state, firstMatch, null).map((r) => r.doc);
    if (geoNear) input = runGeoNear(geoNear, input);
    const rest = geoNear ? pipeline.slice(1) : pipeline;
    const joined = geoNear ? null : this.joinById(pipeline, input);
    if (joined) return joined;
    const { stages, scope } = this.narrowLookups(rest, input);
    this.lookupScope = scope;
    try {
      return new Aggregator(stages, this.mingo).run(input) as Doc[];
    } catch (err) {
      throw invalidParam(`aggregation failed: ${(err as Error).message}`);
    } finally {
      this.lookupScope = null;
    }
  }

  /**
   * The shape functions use to read a document with the few documents it points at in one
   * request — `$match`, an optional `$limit`, an optional exclusion `$project`, then `$lookup`s that match foreign documents by
   * `_id` only (see lookupIds; a sub-pipeline of that `$match` and an optional `$limit`) —
   * answered directly through the `_id` index, without building an aggregation (mingo compiles
   * every `$match` of every sub-pipeline afresh). Null for any other pipeline.
   */
  private joinById(pipeline: Doc[], input: Doc[]): Doc[] | null {
    const [first, ...rest] = pipeline;
    if (!first || Object.keys(first).length !== 1 || !isPlainObject(first.$match)) return null;
    if (!rest.some((stage) => Object.hasOwn(stage, '$lookup'))) return null;
    let docs = input;
    let lookups = rest;
    const limit = lookups[0]?.$limit;
    if (typeof limit === 'number') {
      docs = docs.slice(0, Math.max(0, limit));
      lookups = lookups.slice(1);
    }
    // An exclusion-only `$project` of top-level fields (what a read leaves out of big documents).
    const project = lookups[0]?.$project;
    if (isPlainObject(project)) {
      const left = Object.entries(project);
      if (!left.every(([k, v]) => !k.includes('.') && k !== '_id' && (v === 0 || v === false))) return null;
      docs = docs.map((doc) => {
        const out: Doc = { ...doc };
        for (const [k] of left) delete out[k];
        return out;
      });
      lookups = lookups.slice(1);
    }
    const plans: { from: string; as: string; ids: (doc: Doc) => unknown[] | null; cap: number }[] = [];
    for (const stage of lookups) {
      const lookup = stage.$lookup;
      if (Object.keys(stage).length !== 1 || !isPlainObject(lookup) || typeof lookup.from !== 'string' || typeof lookup.as !== 'string') {
        return null;
      }
      if (lookup.pipeline === undefined) {
        if (lookupIds(lookup, []) === null) return null;
        plans.push({ from: lookup.from, as: lookup.as, ids: (doc) => lookupIds(lookup, [doc]), cap: Infinity });
        continue;
      }
      const sub = lookup.pipeline as unknown[];
      const ids = lookupIds(lookup, []);
      const subLimit = isPlainObject(sub[1]) ? sub[1].$limit : undefined;
      const shapeOk = sub.length === 1 || (sub.length === 2 && typeof subLimit === 'number' && Object.keys(sub[1] as Doc).length === 1);
      const matchOnly =
        isPlainObject(sub[0]) &&
        Object.keys(sub[0]).length === 1 &&
        isPlainObject(sub[0].$match) &&
        Object.keys(sub[0].$match).length === 1;
      if (!ids || !shapeOk || !matchOnly) return null;
      plans.push({ from: lookup.from, as: lookup.as, ids: () => ids, cap: typeof subLimit === 'number' ? subLimit : Infinity });
    }
    const localIds = docs.map((doc) => plans.map((plan) => plan.ids(doc)));
    if (localIds.some((row) => row.some((ids) => ids === null))) return null;
    return docs.map((doc, d) => {
      const out: Doc = { ...doc };
      for (const [p, plan] of plans.entries()) {
        const state = this.collections.get(plan.from);
        const ids = localIds[d]?.[p] ?? [];
        out[plan.as] = state && ids.length > 0 ? this.matches(state, { _id: { $in: ids } }, null, plan.cap).map((r) => r.doc) : [];
      }
      return out;
    });
  }

  /**
   * Same answers, less work: a `$lookup` that can only match foreign documents by `_id` (a
   * `foreignField: '_id'` join, or a sub-pipeline opening with a `$match` on `_id`) runs against
   * those documents, read through the `_id` index, instead of the whole foreign collection. Only
   * lookups in the leading `$match` / `$limit` / `$lookup` stages qualify (their input is `input`).
   */
  private narrowLookups(pipeline: Doc[], input: Doc[]): { stages: Doc[]; scope: Map<string, Doc[]> } {
    const scope = new Map<string, Doc[]>();
    const stages: Doc[] = [];
    let leading = true;
    for (const [i, stage] of pipeline.entries()) {
      const key = Object.keys(stage)[0];
      if (key !== '$match' && key !== '$limit' && key !== '$lookup') leading = false;
      const lookup = stage.$lookup;
      const ids = leading && isPlainObject(lookup) ? lookupIds(lookup, input) : null;
      if (!ids || !isPlainObject(lookup) || typeof lookup.from !== 'string') {
        stages.push(stage);
        continue;
      }
      const state = this.collections.get(lookup.from);
      const name = `\u0000lookup-${i}-${lookup.from}`;
      scope.set(name, state && ids.length > 0 ? this.matches(state, { _id: { $in: ids } }, null).map((r) => r.doc) : []);
      stages.push({ $lookup: { ...lookup, from: name } });
    }
    return { stages, scope };
  }

  // ── writing ────────────────────────────────────────────────────────────────────────────────

  insert(collection: string, docs: Doc[], transactionId?: string): unknown[] {
    const state = this.coll(collection);
    const txn = this.txns.get(transactionId, this.now());
    const writes: Write[] = [];
    const ids: unknown[] = [];
    const seen = new Set<string>();
    for (const input of docs) {
      if (!isPlainObject(input)) throw invalidParam('a document must be an object');
      for (const k of Object.keys(input)) {
        // CloudBase answers this one DATABASE_REQUEST_FAILED (its own SDK test expects that code).
        if (k.startsWith('$')) throw new DbError(DB_ERROR.REQUEST_FAILED, `field names cannot start with $: ${k}`);
      }
      const doc: Doc = input._id === undefined ? { _id: newDocId(), ...input } : input;
      let key: string;
      try {
        key = idKey(doc._id);
      } catch (err) {
        throw invalidParam((err as Error).message);
      }
      if (seen.has(key)) throw duplicate(collection, '_id', doc._id);
      seen.add(key);
      writes.push({ key, doc, insert: true });
      ids.push(doc._id);
    }
    if (txn) {
      this.txns.lockForWrite(
        txn,
        writes.map((w) => docKeyOf(collection, w.key)),
        this.now(),
      );
      for (const w of writes) {
        const overlay = txn.writes.get(collection);
        const exists = overlay?.has(w.key) ? overlay.get(w.key) !== null : state.stmt.byId.get(w.key) !== undefined;
        if (exists) throw duplicate(collection, '_id', w.doc?._id);
      }
      this.stage(txn, state, writes);
    } else {
      this.txns.assertUnlocked(
        writes.map((w) => docKeyOf(collection, w.key)),
        this.now(),
      );
      this.apply(state, writes);
    }
    return ids;
  }

  updateMany(collection: string, filter: Doc, update: Doc, options: UpdateOptions = {}): UpdateResult {
    const state = this.coll(collection);
    const txn = this.txns.get(options.transactionId, this.now());
    const multi = options.multi ?? true;
    if (options.replace) {
      for (const k of Object.keys(update)) if (k.startsWith('$')) throw invalidParam('a replacement document cannot hold update operators');
    }
    const found = this.matches(state, filter, txn, multi ? Infinity : 1);
    // A plain write waits for a transaction holding one of its documents (even an unchanged one).
    if (!txn)
      this.txns.assertUnlocked(
        found.map((r) => docKeyOf(collection, r.key)),
        this.now(),
      );
    if (found.length === 0) {
      if (!options.upsert) return { matched: 0, modified: 0 };
      const base = options.replace ? { ...update } : this.applyOps(seedFromFilter(filter), update, true);
      if (base._id === undefined) base._id = isPlainObject(filter) && isScalarId(filter._id) ? filter._id : newDocId();
      const doc: Doc = { _id: base._id, ...base };
      const [id] = this.insert(collection, [doc], options.transactionId);
      return { matched: 0, modified: 0, upsertedId: id, doc };
    }
    const writes: Write[] = [];
    let modified = 0;
    let first: Doc | undefined;
    for (const row of found) {
      const next = options.replace ? { _id: row.doc._id, ...withoutId(update) } : this.applyOps(structuredCloneDoc(row.doc), update, false);
      if (idKey(next._id) !== row.key) throw invalidParam('_id cannot be changed');
      first ??= next;
      const changed = encodeDoc(next) !== encodeDoc(row.doc);
      if (changed) modified += 1;
      // Inside a transaction an unchanged write still takes the document's lock and is checked for
      // a conflict: a value computed from a stale read may equal the current one.
      if (changed || txn) writes.push({ key: row.key, doc: next, insert: false });
    }
    if (txn) this.stage(txn, state, writes);
    else this.apply(state, writes);
    return { matched: found.length, modified, doc: first };
  }

  remove(collection: string, filter: Doc, options: { multi?: boolean; transactionId?: string } = {}): number {
    const state = this.coll(collection);
    const txn = this.txns.get(options.transactionId, this.now());
    const found = this.matches(state, filter, txn, (options.multi ?? true) ? Infinity : 1);
    const writes = found.map((r): Write => ({ key: r.key, doc: null, insert: false }));
    if (txn) this.stage(txn, state, writes);
    else {
      this.txns.assertUnlocked(
        writes.map((w) => docKeyOf(collection, w.key)),
        this.now(),
      );
      this.apply(state, writes);
    }
    return writes.length;
  }

  private applyOps(doc: Doc, update: Doc, isInsert: boolean): Doc {
    try {
      applyUpdate(this.update, doc, update, isInsert);
    } catch (err) {
      if (err instanceof DbError) throw err;
      throw invalidParam(`update failed: ${(err as Error).message}`);
    }
    return doc;
  }

  /** Writes changes to SQLite in one transaction (all or nothing). */
  private apply(state: CollectionState, writes: Write[]): void {
    if (writes.length === 0) return;
    const before = this.beforeImages([[state, writes.map((w) => w.key)]]);
    try {
      this.db.transaction(() => {
        for (const w of writes) this.applyOne(state, w);
      })();
    } catch (err) {
      throw sqliteToDbError(err, state.name);
    }
    this.txns.recordCommitted(before);
  }

  /** The committed rows about to be replaced, when some open snapshot may still read them. */
  private beforeImages(
    rows: ReadonlyArray<[CollectionState, Iterable<string>]>,
  ): Array<{ collection: string; key: string; before: Doc | null }> | null {
    if (!this.txns.needsHistory()) return null;
    const out: Array<{ collection: string; key: string; before: Doc | null }> = [];
    for (const [state, keys] of rows) {
      for (const key of keys) {
        const hit = state.stmt.byId.get(key);
        out.push({ collection: state.name, key, before: hit ? readDoc(hit.doc) : null });
      }
    }
    return out;
  }

  private applyOne(state: CollectionState, w: Write): void {
    if (w.doc === null) {
      state.stmt.remove.run(w.key);
      return;
    }
    const text = encodeDoc(w.doc);
    if (w.insert) state.stmt.insert.run(w.key, text);
    else if (state.stmt.replace.run(text, w.key).changes === 0) state.stmt.insert.run(w.key, text);
    for (const spec of state.indexes) {
      for (const { field } of spec.fields) if (!state.multikey.has(field) && pathHasArray(w.doc, field)) state.multikey.add(field);
    }
  }

  /**
   * Keeps a transaction's changes aside until it commits, after taking their locks: a document
   * another open transaction has written, or one committed after this transaction's snapshot, is a
   * write conflict that aborts this transaction at once (CloudBase / MongoDB: first writer wins).
   */
  private stage(txn: Txn, state: CollectionState, writes: Write[]): void {
    this.txns.lockForWrite(
      txn,
      writes.map((w) => docKeyOf(state.name, w.key)),
      this.now(),
    );
    let overlay = txn.writes.get(state.name);
    if (!overlay) {
      overlay = new Map();
      txn.writes.set(state.name, overlay);
    }
    for (const w of writes) overlay.set(w.key, w.doc);
  }

  // ── transactions ───────────────────────────────────────────────────────────────────────────

  startTransaction(): string {
    return this.txns.start(this.now());
  }

  /**
   * Commits atomically. Conflicts were found when the writes were made (each write took its
   * document's lock after checking nothing was committed to it since the snapshot), so the commit
   * itself only writes. After it, the id is gone: using it again is `DATABASE_TRANSACTION_FAIL`.
   */
  commitTransaction(transactionId: string): void {
    const txn = this.txns.take(transactionId, this.now());
    const states = [...txn.writes].map(([collection, overlay]): [CollectionState, Map<string, Doc | null>] => [
      this.coll(collection),
      overlay,
    ]);
    const before = this.beforeImages(states.map(([state, overlay]) => [state, overlay.keys()]));
    try {
      this.db.transaction(() => {
        for (const [state, overlay] of states) {
          for (const [key, doc] of overlay) this.applyOne(state, { key, doc, insert: false });
        }
      })();
    } catch (err) {
      throw sqliteToDbError(err, 'transaction');
    }
    this.txns.recordCommitted(before);
  }

  /**
   * For the wire layer: runs a plain write, and while an open transaction holds one of its
   * documents waits for that transaction to end and runs it again (MongoDB makes a
   * non-transactional write wait for the transaction's lock). A transaction that blocks a write
   * longer than the transaction lifetime is aborted, as the server's lifetime limit would.
   */
  async waitingForLocks<T>(write: () => T): Promise<T> {
    const started = Date.now();
    for (;;) {
      try {
        return write();
      } catch (err) {
        if (!(err instanceof DocumentLocked)) throw err;
        if (Date.now() - started > this.transactionLifetimeMs) this.txns.abort(err.holder);
        else await this.txns.waitFor(err.holder, 100);
      }
    }
  }

  /** Rolls back every open transaction (before the data is reset under them). */
  abortAllTransactions(): void {
    this.txns.abortAll();
  }

  abortTransaction(transactionId: string): void {
    this.txns.take(transactionId, this.now());
  }

  openTransactions(): number {
    return this.txns.openCount(this.now());
  }

  // ── index use report ───────────────────────────────────────────────────────────────────────

  /** Queries that found no usable index (deduplicated by collection and filter shape, capped). */
  unindexedScans(): UnindexedScan[] {
    return this.scans.list();
  }

  clearUnindexedScans(): void {
    this.scans.clear();
  }
}

function isScalarId(v: unknown): boolean {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function withoutId(doc: Doc): Doc {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

function structuredCloneDoc(doc: Doc): Doc {
  return decodeDoc(encodeDoc(doc));
}

function duplicate(collection: string, index: string, value: unknown): DbError {
  return new DbError(
    DB_ERROR.DUPLICATE_WRITE,
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${JSON.stringify(value)}`,
  );
}

function sqliteToDbError(err: unknown, where: string): Error {
  if (err instanceof DbError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const detail = (err as Error).message.replace(/^UNIQUE constraint failed: /, '');
    return new DbError(DB_ERROR.DUPLICATE_WRITE, `E11000 duplicate key error in ${where}: ${detail}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** The foreign `_id`s a `$lookup` can match, or null when it may match by anything else. */
function lookupIds(lookup: Doc, input: Doc[]): unknown[] | null {
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number';
  if (lookup.foreignField === '_id' && typeof lookup.localField === 'string' && lookup.pipeline === undefined) {
    const path = lookup.localField.split('.');
    // As MongoDB: a path through an array of documents reaches into each of them ('roles.scopeId').
    const values = input.flatMap((doc) => {
      let vs: unknown[] = [doc];
      for (const p of path) vs = vs.flatMap((v) => (Array.isArray(v) ? v : [v])).map((v) => (isPlainObject(v) ? v[p] : undefined));
      return vs.flatMap((v) => (Array.isArray(v) ? v : [v]));
    });
    return values.every((v) => v === undefined || v === null || scalar(v)) ? values.filter(scalar) : null;
  }
  if (lookup.let !== undefined || !Array.isArray(lookup.pipeline)) return null;
  const match = isPlainObject(lookup.pipeline[0]) ? lookup.pipeline[0].$match : undefined;
  const id = isPlainObject(match) ? match._id : undefined;
  if (scalar(id)) return [id];
  if (isPlainObject(id) && Object.keys(id).length === 1 && Array.isArray(id.$in) && id.$in.every(scalar)) return id.$in;
  return null;
}
