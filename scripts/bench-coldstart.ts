/**
 * npm run bench:coldstart — what a cold function instance costs before it answers, per function:
 * each trial is a fresh Node process (scripts/coldstart-probe.cjs) that loads the SDK, then the
 * function's bundle, then answers one typical read of a demo caller against the local cloud, then
 * answers it again warm. Beside them, in the same run and interleaved with them (so a busy machine
 * weighs on both alike), fresh processes that only require('wx-server-sdk'). Medians of TRIALS.
 *
 * Columns (ms): boot = Node itself; sdk = require('wx-server-sdk'); ours = our bundle's module load
 * (SDK already loaded); first = the first answer (init, first requests, first-run JIT); warm = the
 * same answer again; total = process start → first answer (boot + sdk + ours + first).
 * Target (issue 17): ours ≤ 20 ms; total ≤ 0.3 × the SDK's load alone.
 * Bounded: TRIALS processes per function, one at a time; loopback only; everything stops at the end.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCAL_PII_SECRET, startLocalCloud } from '../local-cloud/local-cloud';
import { buildFunctions } from './build-functions';

const TRIALS = Number(process.env.COLDSTART_TRIALS ?? 5);
const ROOT = path.resolve(__dirname, '..', 'cloudfunctions');
const PROBE = path.join(__dirname, 'coldstart-probe.cjs');

const RESIDENT = 'o-resident-0001';
const STATION = 'o-station-01';
/** One typical read per function (its screen-opening call), and who makes it. */
const CALLS: Record<string, { event: Record<string, unknown>; openid: string }> = {
  catalog: { event: { action: 'listCategories' }, openid: RESIDENT },
  identity: { event: { action: 'whoami' }, openid: RESIDENT },
  org: { event: { action: 'tree' }, openid: STATION },
  team: { event: { action: 'listTeams' }, openid: RESIDENT },
  order: { event: { action: 'mine' }, openid: RESIDENT },
  notify: { event: { action: 'templates' }, openid: STATION },
  announce: { event: { action: 'feed' }, openid: RESIDENT },
  stats: { event: { action: 'overview', scope: 'station' }, openid: STATION },
  problem: { event: { action: 'reportSetup' }, openid: RESIDENT },
  activity: { event: { action: 'square' }, openid: RESIDENT },
  grid: { event: { action: 'knockHome' }, openid: STATION },
};

interface Sample {
  boot: number;
  sdk: number;
  bundle?: number;
  first?: number;
  second?: number;
  /** Spawn → answer line, as the parent saw it. */
  wall: number;
  ok?: boolean;
  answer?: string;
  error?: string;
}

function probe(env: Record<string, string>): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [PROBE], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    let wall = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!wall) wall = performance.now() - started;
      text += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', () => {
      try {
        resolve({ ...(JSON.parse(text.trim().split('\n').pop() ?? '{}') as Sample), wall });
      } catch {
        reject(new Error(`probe printed no result: ${text.slice(0, 300)}`));
      }
    });
  });
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)] as number);
};
const col = (x: number, w = 7) => (Number.isFinite(x) ? x.toFixed(0) : '—').padStart(w);

async function main(): Promise<void> {
  await buildFunctions();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-coldstart-'));
  const cloud = await startLocalCloud({ port: 0, dataDir, quiet: true, runTimers: false });
  // What WeChat Cloud puts in a function's environment (as the local cloud's runtime does), and the caller's part.
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    TCB_CONTEXT_CNFG: cloud.tcbContextConfig,
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    SCF_NAMESPACE: cloud.envName,
    TCB_ENV: cloud.envName,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_API_TOKEN,WX_TRIGGER_API_TOKEN_V0',
    SILENCE: 'true',
    CLOUD_STAGE: 'local',
    PII_SECRET: LOCAL_PII_SECRET,
    WX_APPID: 'wx-local-app',
  };
  const names = readdirSync(ROOT).filter((n) => existsSync(path.join(ROOT, n, 'index.js')));
  // The experiment: the same functions with wx-server-sdk bundled into index.js (no node_modules needed).
  const bundledRoot = path.join(dataDir, 'bundled');
  await buildFunctions(names, { outRoot: bundledRoot, bundleSdk: true });
  console.log(
    `cold start bench (fresh Node process per trial; node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg()[0]?.toFixed(1)})`,
  );
  console.log(`median of ${TRIALS} trials, ms; ours = our bundle's module load with the SDK already loaded`);
  const sdkAlone: Sample[] = [];
  const variants = [
    { label: 'as deployed (wx-server-sdk installed by WeChat, required by the bundle)', root: ROOT, bundled: false },
    {
      label: 'experiment: wx-server-sdk bundled into index.js (build option bundleSdk; `ours` includes the SDK)',
      root: bundledRoot,
      bundled: true,
    },
  ];
  try {
    for (const variant of variants) {
      console.log(`\n${variant.label}`);
      console.log('function  |    boot |     sdk |    ours |   first |    warm |   total | answered');
      const loads: number[] = [];
      const totals: number[] = [];
      for (const name of names) {
        const call = CALLS[name] ?? { event: { action: '__cold_start_probe' }, openid: RESIDENT };
        const entry = path.join(variant.root, name, 'index.js');
        const samples: Sample[] = [];
        for (let i = 0; i < TRIALS; i++) {
          if (!variant.bundled) sdkAlone.push(await probe({ ...base, COLDSTART_MODE: 'sdk', COLDSTART_ENTRY: entry }));
          samples.push(
            await probe({
              ...base,
              COLDSTART_ENTRY: entry,
              COLDSTART_EVENT: JSON.stringify(call.event),
              COLDSTART_SDK: variant.bundled ? 'bundled' : 'installed',
              WX_OPENID: call.openid,
            }),
          );
        }
        const m = (k: keyof Sample) => median(samples.map((s) => Number(s[k])));
        const total = median(samples.map((s) => s.boot + s.sdk + (s.bundle ?? 0) + (s.first ?? 0)));
        loads.push(m('bundle'));
        totals.push(total);
        const failed = samples.find((s) => s.error || !s.ok);
        console.log(
          `${name.padEnd(9)} | ${col(m('boot'))} | ${col(m('sdk'))} | ${col(m('bundle'))} | ${col(m('first'))} | ${col(m('second'))} | ${col(total)} | ${failed ? `no: ${failed.error ?? failed.answer}` : 'ok'}`,
        );
      }
      const sdk = median(sdkAlone.map((s) => s.sdk));
      if (!variant.bundled) {
        const sdkBoot = median(sdkAlone.map((s) => s.boot));
        console.log(
          `${'SDK alone'.padEnd(9)} | ${col(sdkBoot)} | ${col(sdk)} |         |         |         | ${col(sdkBoot + sdk)} | require('wx-server-sdk') in a fresh process`,
        );
        console.log(`ours at module load: median ${median(loads).toFixed(1)} ms (target ≤ 20)`);
      }
      console.log(
        `first answer (process start → answer): median ${median(totals).toFixed(0)} ms = ${(median(totals) / sdk).toFixed(2)} × the SDK's load alone (target ≤ 0.3)`,
      );
    }
  } finally {
    await cloud.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
