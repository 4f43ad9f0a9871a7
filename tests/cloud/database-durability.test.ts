/**
 * Durability: the database server runs as a child process; inserts through the real wx-server-sdk
 * are acknowledged, the process is killed with SIGKILL mid-stream, and a restart on the same
 * directory must hold every acknowledged insert, whole.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnvFor, type WxDb } from '../support/sdk-against-local';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ENTRY = path.join(ROOT, 'local-cloud/db/durability-server.ts');

let dir: string;
let child: ChildProcess | undefined;
let killedAt = 0;
const savedEnv = { ...process.env };

function startServer(): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // detached: tsx runs the server in a child node process; signals go to the whole group.
    const proc = spawn(TSX, [ENTRY, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 20_000);
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] });
      }
    });
    proc.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      if (!/READY/.test(out)) reject(new Error(`server exited (${code}): ${err}`));
    });
  });
}

/** Signals the server's process group (tsx and the node process it runs) and waits for tsx to go. */
async function killServer(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((r) => proc.once('exit', r));
  if (proc.pid) process.kill(-proc.pid, signal);
  await exited;
}

async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'POST', body: '{}' });
    return false;
  } catch {
    return true;
  }
}

function pointSdkAt(url: string): void {
  Object.assign(process.env, sdkEnvFor(url));
}

beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  dir = mkdtempSync(path.join(os.tmpdir(), 'local-cloud-durability-'));
});

afterAll(async () => {
  // Requests cut off by the kill leave the SDK's 3 s "slow request" timers behind (it clears them
  // only on success); let them run out so jest exits cleanly.
  const pending = killedAt + 3100 - Date.now();
  if (pending > 0) await new Promise((r) => setTimeout(r, pending));
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  process.env = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

test('every acknowledged insert survives kill -9, and no document is partial', async () => {
  const first = await startServer();
  child = first.proc;
  pointSdkAt(first.url);
  const cloud = require('wx-server-sdk') as { init(o: { env: string }): void; database(): WxDb };
  cloud.init({ env: 'local-env' });
  const db = cloud.database();
  await db.createCollection('hammer');

  const payload = 'x'.repeat(2000);
  const acked: string[] = [];
  let stop = false;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stop) {
      const i = next++;
      const id = `doc-${i}`;
      try {
        await db.collection('hammer').add({ data: { _id: id, i, payload, nested: { i, list: [i, i + 1] }, at: new Date(i) } });
        acked.push(id);
      } catch {
        return; // the server is gone
      }
    }
  };
  const workers = Array.from({ length: 16 }, worker);
  // kill -9 while writes are in flight
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (acked.length >= 400) {
        clearInterval(check);
        resolve();
      }
    }, 5);
  });
  await killServer(child, 'SIGKILL');
  killedAt = Date.now();
  stop = true;
  await Promise.all(workers);
  expect(acked.length).toBeGreaterThanOrEqual(400);
  await new Promise((r) => setTimeout(r, 100));
  expect(await refusesConnections(first.url)).toBe(true); // the server really died

  const second = await startServer();
  child = second.proc;
  pointSdkAt(second.url);
  const total = (await db.collection('hammer').count()).total as number;
  expect(total).toBeGreaterThanOrEqual(acked.length);
  const seen = new Set<string>();
  for (let skip = 0; skip < total; skip += 1000) {
    const { data } = await db.collection('hammer').orderBy('i', 'asc').skip(skip).limit(1000).get();
    for (const d of data) {
      expect(d.payload).toBe(payload);
      expect(d.nested).toEqual({ i: d.i, list: [d.i, d.i + 1] });
      expect(d.at).toEqual(new Date(d.i));
      seen.add(d._id);
    }
  }
  const missing = acked.filter((id) => !seen.has(id));
  expect(missing).toEqual([]);

  // the restarted server takes writes as usual
  await db.collection('hammer').add({ data: { _id: 'after-restart', i: -1 } });
  expect((await db.collection('hammer').doc('after-restart').get()).data.i).toBe(-1);
  await killServer(child, 'SIGTERM');
}, 60_000);
