/**
 * Throughput and latency of the local cloud database through the REAL wx-server-sdk, beside the
 * same operations done directly on a DocumentStore (the ratio is the protocol overhead:
 * signing, HTTP on loopback, EJSON, the SDK itself).
 *
 *   node_modules/.bin/tsx scripts/bench-cloud.ts [--in-process] [--seconds=1.5]
 *
 * By default the server runs in its own process (as in the local cloud, where functions and the
 * database are separate processes); `--in-process` runs it inside this one. Loopback only;
 * the whole run stays well under 90 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabaseActions } from '../local-cloud/db/database-actions';
import { DocumentStore } from '../local-cloud/db/document-store';
import { createTcbEndpoint } from '../local-cloud/tcb/tcb-endpoint';

const args = process.argv.slice(2);
const IN_PROCESS = args.includes('--in-process');
const SECONDS = Number(args.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 1.5);
const CONCURRENCY = [1, 16, 64];
/** `--only=transaction` runs one operation. */
const ONLY = args.find((a) => a.startsWith('--only='))?.split('=')[1];
const COLLECTION = 'bench';

type Op = (caller: number, i: number) => unknown;
interface Result {
  ops: number;
  perSec: number;
  p50: number;
  p99: number;
}

async function measure(op: Op, callers: number, seconds: number): Promise<Result> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let counter = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_x, caller) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await op(caller, counter++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { ops: latencies.length, perSec: latencies.length / elapsed, p50: pick(0.5), p99: pick(0.99) };
}

async function startServer(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (IN_PROCESS) {
    const store = new DocumentStore({ dir });
    const handle = createTcbEndpoint(createDatabaseActions(store));
    const server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tcb/admin`,
      async stop() {
        await new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        });
        store.close();
      },
    };
  }
  const root = path.resolve(__dirname, '..');
  const proc: ChildProcess = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(root, 'local-cloud/db/durability-server.ts'), dir],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((r) => proc.once('exit', r));
      if (proc.pid) process.kill(-proc.pid, 'SIGTERM');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const began = performance.now();
  const sdkDir = mkdtempSync(path.join(os.tmpdir(), 'bench-cloud-sdk-'));
  const directDir = mkdtempSync(path.join(os.tmpdir(), 'bench-cloud-direct-'));
  const server = await startServer(sdkDir);
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: server.url }),
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'x',
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: 'local-env',
  });
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: 'local-env' });
  const db = cloud.database();
  const _ = db.command;
  await db.createCollection(COLLECTION);
  const store = new DocumentStore({ dir: directDir });
  store.createCollection(COLLECTION);

  // documents to read and update: 2000 per side
  const seedIds = Array.from({ length: 2000 }, (_x, i) => `seed-${i}`);
  for (let i = 0; i < seedIds.length; i += 500) {
    const batch = seedIds.slice(i, i + 500).map((id, j) => ({ _id: id, v: 0, status: 'open', n: i + j }));
    await db.collection(COLLECTION).add({ data: batch });
    store.insert(COLLECTION, batch);
  }
  const pickId = (i: number) => seedIds[(i * 7919) % seedIds.length] as string;

  const ops: Array<{ name: string; sdk: Op; direct: Op }> = [
    {
      name: 'insert',
      sdk: (c, i) => db.collection(COLLECTION).add({ data: { caller: c, i, status: 'open', payload: 'p'.repeat(200) } }),
      direct: (c, i) => store.insert(COLLECTION, [{ caller: c, i, status: 'open', payload: 'p'.repeat(200) }]),
    },
    {
      name: 'get by _id',
      sdk: (_c, i) => db.collection(COLLECTION).doc(pickId(i)).get(),
      direct: (_c, i) => store.findById(COLLECTION, pickId(i)),
    },
    {
      name: 'compare-and-set',
      sdk: (_c, i) =>
        db
          .collection(COLLECTION)
          .where({ _id: pickId(i), v: _.gte(0) })
          .update({ data: { v: _.inc(1) } }),
      direct: (_c, i) => store.updateMany(COLLECTION, { _id: pickId(i), v: { $gte: 0 } }, { $inc: { v: 1 } }, { multi: true }),
    },
    {
      // start, read one document, write it back, commit: the shape of every state change the
      // functions make. Callers pick different documents, so conflicts are rare.
      name: 'transaction',
      sdk: (_c, i) =>
        db.runTransaction(async (t: typeof db) => {
          const doc = (await t.collection(COLLECTION).doc(pickId(i)).get()) as unknown as { data: { v: number } };
          await t
            .collection(COLLECTION)
            .doc(pickId(i))
            .update({ data: { v: doc.data.v + 1 } });
        }),
      direct: (_c, i) => {
        const tx = store.startTransaction();
        const doc = store.findById(COLLECTION, pickId(i), tx) as { v: number };
        store.updateMany(COLLECTION, { _id: pickId(i) }, { $set: { v: doc.v + 1 } }, { multi: false, transactionId: tx });
        store.commitTransaction(tx);
      },
    },
  ];

  const rows: string[] = [];
  const fmt = (n: number, d = 2) => n.toFixed(d).padStart(9);
  rows.push(
    `${'operation'.padEnd(16)}${'callers'.padStart(8)} | ${'sdk ops/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)} | ${'direct/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)} | ${'ratio'.padStart(7)}`,
  );
  for (const op of ops.filter((o) => !ONLY || o.name === ONLY)) {
    for (const callers of CONCURRENCY) {
      const viaSdk = await measure(op.sdk, callers, SECONDS);
      const direct = await measure(op.direct, callers, Math.min(SECONDS, 0.5));
      rows.push(
        `${op.name.padEnd(16)}${String(callers).padStart(8)} | ${fmt(viaSdk.perSec, 0)}${fmt(viaSdk.p50)}${fmt(viaSdk.p99)} | ${fmt(direct.perSec, 0)}${fmt(direct.p50, 3)}${fmt(direct.p99, 3)} | ${(direct.perSec / viaSdk.perSec).toFixed(1).padStart(6)}x`,
      );
      process.stdout.write(`${rows[rows.length - 1]}\n`);
    }
  }
  await server.stop();
  store.close();
  rmSync(sdkDir, { recursive: true, force: true });
  rmSync(directDir, { recursive: true, force: true });
  process.stdout.write(
    `\nlocal cloud database bench (${IN_PROCESS ? 'server in this process' : 'server in its own process'}, ${SECONDS}s per SDK cell, node ${process.version}, ${os.cpus().length} cpus)\n${rows.join('\n')}\ntotal ${((performance.now() - began) / 1000).toFixed(1)} s\n`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
