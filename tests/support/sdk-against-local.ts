import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { CollectionIndexes } from '../../database/indexes';
import { createDatabaseActions } from '../../local-cloud/db/database-actions';
import { DocumentStore } from '../../local-cloud/db/document-store';
import { createTcbEndpoint } from '../../local-cloud/tcb/tcb-endpoint';

export const LOCAL_ENV = 'local-env';

/** The parts of wx-server-sdk these tests use (its own typings are loose). */
// biome-ignore lint/suspicious/noExplicitAny: the SDK's database API is dynamically shaped
export type WxDb = any;
export interface WxCloud {
  init(options: { env: string }): void;
  database(options?: Record<string, unknown>): WxDb;
}

export interface SdkAgainstLocal {
  /** The real wx-server-sdk, initialised against the local server. */
  cloud: WxCloud;
  db: WxDb;
  store: DocumentStore;
  /** Endpoint URL the SDK posts to: http://127.0.0.1:PORT/tcb/admin */
  url: string;
  /** Stops the server, closes the store, restores env, removes a temp data dir. */
  close(): Promise<void>;
}

export interface SdkAgainstLocalOptions {
  /** Data directory; a fresh temp dir (removed on close) when omitted. */
  dir?: string;
  now?: () => Date;
  indexes?: CollectionIndexes;
  transactionLifetimeMs?: number;
}

const ENV_KEYS = ['TCB_CONTEXT_CNFG', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD', 'SCF_NAMESPACE'] as const;

/** Env that points the unmodified wx-server-sdk of a process at a local CloudBase endpoint. */
export function sdkEnvFor(url: string): Record<(typeof ENV_KEYS)[number], string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }),
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'x',
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: LOCAL_ENV,
  };
}

/**
 * Starts the local CloudBase database endpoint on 127.0.0.1 (random port) over a DocumentStore
 * and points the REAL wx-server-sdk of this (jest) process at it. Env is per process, so one
 * instance per test file.
 */
export async function startSdkAgainstLocal(options: SdkAgainstLocalOptions = {}): Promise<SdkAgainstLocal> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'local-cloud-db-'));
  const store = new DocumentStore({
    dir,
    now: options.now,
    indexes: options.indexes,
    transactionLifetimeMs: options.transactionLifetimeMs,
  });
  const handle = createTcbEndpoint(createDatabaseActions(store));
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://local').pathname === '/tcb/admin') {
      void handle(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tcb/admin`;

  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  Object.assign(process.env, sdkEnvFor(url));
  const cloud = require('wx-server-sdk') as WxCloud;
  cloud.init({ env: LOCAL_ENV });
  const db = cloud.database();

  return {
    cloud,
    db,
    store,
    url,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
      for (const k of ENV_KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
