/**
 * npm run bench:problems [-- --quick] — the 问题台账 at 桂溪街道's scale through the REAL `problem`
 * function (gateway → function instances → real wx-server-sdk → local cloud):
 *
 * 1. writes 13 communities, 192 estates, 1,030 buildings, the 街道's categories and units, one
 *    station account per community, and 50,000 problems reported over the past year (with their
 *    核查 events) straight into the store;
 * 2. 台账 pages at 16 concurrent callers (13 stations and the institute; first pages of each state
 *    tab and 全部, with a category or the last 30 days now and then, and next pages by cursor):
 *    p50 / p99 and pages per second, after an unmeasured warm-up (instances' cold starts);
 * 3. 导出 Excel of 10,000 rows (the institute's last ~75 days), and of the whole year (truncated at
 *    10,000): wall time, and peak RSS of the function instance that made the file (target ≤ 10 s,
 *    ≤ 300 MB); the file is downloaded and its rows counted;
 * 4. `/_dev/scans`: no query of the run went without an index.
 *
 * `--quick`: 10,000 problems and fewer pages (a minute on a busy machine); `--verbose`: the function
 * instances' logs (why a page failed). Loopback only; bounded.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalCloud } from '../local-cloud/local-cloud';
import { DEFAULT_PROBLEM_CATEGORIES } from '../src/domain/problem/problem.categories';
import {
  DAY_MS,
  deadlineAfter,
  escalateAfter,
  FOLLOW_UP_DAYS_DEFAULT,
  problemEventIdOf,
  problemNoOf,
  problemSortKeyOf,
} from '../src/domain/problem/problem.rules';
import { LEDGER_TABS, type ProblemState } from '../src/domain/problem/problem.states';
import type { HandlingUnit, ProblemCategory, ProblemDoc, ProblemEventDoc } from '../src/domain/problem/problem.types';
import { gatewayClient } from './bench-gateway';
import { buildFunctions } from './build-functions';
import { treeCpuMs } from './process-cpu';

const QUICK = process.argv.includes('--quick');
const PROBLEMS = QUICK ? 10_000 : 50_000;
const BUILDINGS = 1_030;
const ESTATES = 192;
const COMMUNITIES = 13;
const CALLERS = 16;
const PAGES_PER_CALLER = QUICK ? 6 : 25;
const WARM_UP_PAGES = 2;
const S = 'bench-subdistrict';
const INSTITUTE = 'o-bench-institute';
const stationOf = (c: number) => `o-bench-station-${pad(c, 2)}`;

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
function percentile(sorted: number[], p: number): number {
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) : 0;
}

/** A deterministic PRNG (mulberry32): the same data every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RSS of every descendant process of `root`, by pid (Linux /proc). */
function descendantRss(root: number): Map<number, number> {
  const parentOf = new Map<number, number>();
  const rssOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      parentOf.set(Number(entry), Number(/PPid:\s+(\d+)/.exec(status)?.[1]));
      rssOf.set(Number(entry), Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  const out = new Map<number, number>();
  for (const [pid, rss] of rssOf) {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p))
      if (p === root) {
        out.set(pid, rss);
        break;
      }
  }
  return out;
}

async function main() {
  await buildFunctions();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-problems-'));
  const cloud = await startLocalCloud({ port: 0, dataDir, seed: false, quiet: !process.argv.includes('--verbose'), runTimers: false });
  const now = Date.now();
  try {
    // ── 1. the subdistrict and a year of problems ───────────────────────────────────────────
    const t0 = performance.now();
    const stamp = { createdAt: now - 400 * DAY_MS, updatedAt: now - 400 * DAY_MS };
    const units: Record<string, unknown>[] = [
      {
        _id: S,
        kind: 'subdistrict',
        name: '桂溪街道',
        instituteName: '桂溪街道新时代文明实践所',
        parentId: null,
        path: [],
        order: 1,
        ...stamp,
      },
    ];
    for (let c = 0; c < COMMUNITIES; c++)
      units.push({
        _id: `bc-${pad(c, 2)}`,
        kind: 'community',
        name: `社区${c + 1}`,
        stationName: `社区${c + 1}新时代文明实践站`,
        parentId: S,
        path: [S],
        order: c + 1,
        ...stamp,
      });
    const communityOfEstate = (e: number) => `bc-${pad(e % COMMUNITIES, 2)}`;
    for (let e = 0; e < ESTATES; e++)
      units.push({
        _id: `be-${pad(e, 3)}`,
        kind: 'estate',
        name: `小区${e + 1}`,
        parentId: communityOfEstate(e),
        path: [S, communityOfEstate(e)],
        order: e + 1,
        ...stamp,
      });
    const buildings: { id: string; name: string; estate: number }[] = [];
    for (let b = 0; b < BUILDINGS; b++) {
      const e = b % ESTATES;
      const id = `bb-${pad(b, 4)}`;
      buildings.push({ id, name: `${Math.floor(b / ESTATES) + 1}栋`, estate: e });
      units.push({
        _id: id,
        kind: 'building',
        name: `${Math.floor(b / ESTATES) + 1}栋`,
        parentId: `be-${pad(e, 3)}`,
        path: [S, communityOfEstate(e), `be-${pad(e, 3)}`],
        order: b,
        ...stamp,
      });
    }
    cloud.store.insert('org_units', units);
    const categories: ProblemCategory[] = DEFAULT_PROBLEM_CATEGORIES.map((c, i) => ({
      _id: `bpc-${c.key}`,
      subdistrictId: S,
      name: c.name,
      order: i + 1,
      handlerKind: c.handlerKind,
      deadlineDays: c.deadlineDays,
      followUpDays: FOLLOW_UP_DAYS_DEFAULT,
      active: true,
      ...stamp,
    }));
    cloud.store.insert('problem_categories', categories as never[]);
    const handling: HandlingUnit[] = [
      ...Array.from(
        { length: COMMUNITIES },
        (_x, c): HandlingUnit => ({
          _id: `bu-property-${pad(c, 2)}`,
          name: `社区${c + 1}物业服务有限公司`,
          kind: 'property',
          subdistrictId: S,
          orgPath: [S, `bc-${pad(c, 2)}`],
          estateIds: [],
          order: c + 1,
          active: true,
          ...stamp,
        }),
      ),
      ...['城管中队', '综合行政执法中队', '供电服务中心'].map(
        (name, i): HandlingUnit => ({
          _id: `bu-dept-${i}`,
          name: `桂溪街道${name}`,
          kind: 'department',
          subdistrictId: S,
          orgPath: [S],
          estateIds: [],
          order: 20 + i,
          active: true,
          ...stamp,
        }),
      ),
    ];
    cloud.store.insert('handling_units', handling as never[]);
    const users = [
      { _id: INSTITUTE, nickname: '所', displayName: '王*', roles: [{ role: 'institute_staff', scopeId: S }], ...stamp },
      ...Array.from({ length: COMMUNITIES }, (_x, c) => ({
        _id: stationOf(c),
        nickname: '站',
        displayName: `李${c}*`,
        roles: [{ role: 'station_staff', scopeId: `bc-${pad(c, 2)}` }],
        ...stamp,
      })),
    ];
    cloud.store.insert('users', users);

    const rand = prng(20261202);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const DESCRIPTIONS = [
      '楼道里堆了旧家具和纸箱，挡住了通道',
      '垃圾桶满了没人清运',
      '单元门上贴满了小广告',
      '有人从窗户拉电线给电动车充电',
      '路灯不亮，晚上出行不便',
    ];
    let problems: ProblemDoc[] = [];
    let events: ProblemEventDoc[] = [];
    const counts: Record<string, number> = {};
    for (let i = 0; i < PROBLEMS; i++) {
      const id = `bp-${pad(i, 6)}`;
      const createdAt = now - Math.floor(rand() * 365 * DAY_MS);
      const age = now - createdAt;
      const b = pick(buildings);
      const community = communityOfEstate(b.estate);
      const c = Number(community.slice(3));
      const cat = pick(categories);
      // Older problems are mostly done; the last days hold the open ones.
      const r = rand();
      const state: ProblemState =
        age < 2 * DAY_MS
          ? (['reported', 'registered', 'dispatched', 'fixed'] as const)[Math.floor(r * 4)]!
          : age < 14 * DAY_MS
            ? r < 0.35
              ? 'dispatched'
              : r < 0.55
                ? 'fixed'
                : r < 0.95
                  ? 'closed'
                  : 'dismissed'
            : r < 0.94
              ? 'closed'
              : r < 0.99
                ? 'dismissed'
                : 'dispatched';
      counts[state] = (counts[state] ?? 0) + 1;
      const dispatched = ['dispatched', 'fixed', 'closed'].includes(state);
      const unit = cat.handlerKind === 'property' ? `bu-property-${pad(c, 2)}` : `bu-dept-${i % 3}`;
      const dispatchedAt = dispatched ? createdAt + 3 * 3600_000 : null;
      const deadlineAt = dispatchedAt === null ? null : deadlineAfter(dispatchedAt, cat.deadlineDays);
      const fixedAt =
        ['fixed', 'closed'].includes(state) && deadlineAt !== null
          ? Math.min(now - 1, (dispatchedAt as number) + Math.floor(rand() * 4 * DAY_MS))
          : null;
      const closedAt = state === 'closed' && fixedAt !== null ? Math.min(now, fixedAt + 6 * 3600_000) : null;
      const reworkCount = state === 'closed' && rand() < 0.08 ? 1 : 0;
      const unitName = handling.find((u) => u._id === unit)?.name ?? '';
      problems.push({
        _id: id,
        no: problemNoOf(createdAt, id),
        categoryId: cat._id,
        categoryName: cat.name,
        description: pick(DESCRIPTIONS),
        photos: [`cloud://local-env.bucket/problems/bench/${id}.jpg`],
        subdistrictId: S,
        communityId: community,
        estateId: `be-${pad(b.estate, 3)}`,
        estateName: `小区${b.estate + 1}`,
        buildingId: b.id,
        buildingName: b.name,
        placeText: '单元门口',
        orgPath: [S, community, `be-${pad(b.estate, 3)}`, b.id],
        reporterOpenid: `o-bench-reporter-${pad(i % 20_000, 5)}`,
        reporterKind: i % 4 === 0 ? 'building_head' : 'resident',
        reporterName: '张*',
        state,
        version: 1,
        sortKey: problemSortKeyOf(createdAt, id),
        deadlineDays: cat.deadlineDays,
        followUpDays: cat.followUpDays,
        unitIds: dispatched ? [unit] : [],
        unitNames: dispatched ? [unitName] : [],
        assignedUnitIds: dispatched ? [unit] : [],
        dispatchedAt,
        deadlineAt,
        escalateAt: deadlineAt === null ? null : escalateAfter(deadlineAt, cat.deadlineDays),
        overdueLevel: state === 'dispatched' && deadlineAt !== null && deadlineAt < now ? 1 : 0,
        fixPhotos: fixedAt ? [`cloud://local-env.bucket/problems/bench/${id}-after.jpg`] : [],
        fixNote: fixedAt ? '已处理' : '',
        fixedAt,
        closedAt,
        followUpAt: closedAt === null ? null : closedAt + cat.followUpDays * DAY_MS,
        selfFixed: false,
        reworkCount,
        relapseCount: 0,
        secondCount: 0,
        dismissNote: state === 'dismissed' ? '经核实不属实' : '',
        createdAt,
        updatedAt: closedAt ?? fixedAt ?? createdAt,
      });
      if (closedAt !== null)
        events.push({
          _id: problemEventIdOf(id, 5),
          problemId: id,
          seq: 5,
          event: 'verify_pass',
          from: 'fixed',
          to: 'closed',
          byOpenid: stationOf(c),
          byParty: 'staff',
          actorLabel: '社区实践站',
          note: '',
          photos: [],
          unitNames: [],
          at: closedAt,
        });
      if (problems.length >= 5_000) {
        cloud.store.insert('problems', problems as never[]);
        problems = [];
      }
      if (events.length >= 5_000) {
        cloud.store.insert('problem_events', events as never[]);
        events = [];
      }
    }
    if (problems.length) cloud.store.insert('problems', problems as never[]);
    if (events.length) cloud.store.insert('problem_events', events as never[]);
    console.log(
      `problems bench (gateway → function instances → real SDK → local cloud; node ${process.version}, ${os.cpus().length} cpus${QUICK ? ', --quick' : ''})`,
    );
    console.log(
      `data: ${BUILDINGS} buildings in ${ESTATES} estates and ${COMMUNITIES} communities, ${PROBLEMS} problems over 365 days ${JSON.stringify(counts)} — written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // ── the phones' side ────────────────────────────────────────────────────────────────────
    const gateway = gatewayClient(cloud.url, 'problem');
    const call = gateway.must;
    cloud.store.clearUnindexedScans();

    // ── 2. 台账 pages at 16 callers ─────────────────────────────────────────────────────────
    const day = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
    const tabs = ['', ...LEDGER_TABS.map((t) => t.key)];
    const callerRand = prng(7);
    const failures: string[] = [];
    const oneCaller = async (k: number, pages: number, samples: { ms: number; kind: string }[]) => {
      const openid = k % CALLERS === CALLERS - 1 ? INSTITUTE : stationOf(k % COMMUNITIES);
      let cursor: string | null = null;
      let last: Record<string, unknown> = {};
      for (let p = 0; p < pages; p++) {
        let filter: Record<string, unknown>;
        if (cursor && callerRand() < 0.4) filter = { ...last, cursor };
        else {
          const x = callerRand();
          filter = {
            ...(x < 0.15 ? {} : { tab: tabs[Math.floor(callerRand() * tabs.length)] || undefined }),
            ...(callerRand() < 0.25 ? { categoryId: categories[Math.floor(callerRand() * categories.length)]?._id } : {}),
            ...(callerRand() < 0.25 ? { fromDay: day(now - 30 * DAY_MS), toDay: day(now) } : {}),
            ...(callerRand() < 0.1 ? { overdueOnly: true } : {}),
          };
          for (const key of Object.keys(filter)) if (filter[key] === undefined) delete filter[key];
          last = filter;
        }
        const started = performance.now();
        const page = await call('ledger', filter, openid).catch((err: Error) => {
          failures.push(err.message.slice(0, 200));
          return { nextCursor: null };
        });
        samples.push({ ms: performance.now() - started, kind: openid === INSTITUTE ? 'institute' : 'station' });
        cursor = (page.nextCursor as string | null) ?? null;
      }
    };
    const requestsSoFar = () => [...cloud.requestCounts.values()].reduce((a, b) => a + b, 0);
    const run = async (pages: number, callers = CALLERS) => {
      const samples: { ms: number; kind: string }[] = [];
      const started = performance.now();
      const cpuBefore = treeCpuMs();
      const requestsBefore = requestsSoFar();
      await Promise.all(Array.from({ length: callers }, (_x, k) => oneCaller(callers === 1 ? 0 : k, pages, samples)));
      const cpuAfter = treeCpuMs();
      return {
        samples,
        seconds: (performance.now() - started) / 1000,
        cpuPerPage: cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / samples.length : Number.NaN,
        requestsPerPage: (requestsSoFar() - requestsBefore) / samples.length,
      };
    };
    await run(WARM_UP_PAGES);
    // One station alone first: the latency of a page without queueing behind other callers.
    const alone = await run(PAGES_PER_CALLER, 1);
    const aloneSorted = alone.samples.map((s) => s.ms).sort((a, b) => a - b);
    console.log(
      `台账 pages, one station alone: p50 ${ms(percentile(aloneSorted, 50))}, p99 ${ms(percentile(aloneSorted, 99))}; ${alone.requestsPerPage.toFixed(1)} cloud API requests and ${alone.cpuPerPage.toFixed(0)} ms CPU (all processes) per page`,
    );
    const measured = await run(PAGES_PER_CALLER);
    if (failures.length) console.log(`台账 pages that failed: ${failures.length}, e.g. ${failures[0]}`);
    const all = measured.samples.map((s) => s.ms).sort((a, b) => a - b);
    const stations = measured.samples
      .filter((s) => s.kind === 'station')
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const institute = measured.samples
      .filter((s) => s.kind === 'institute')
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    console.log(
      `台账 pages at ${CALLERS} concurrent callers: ${all.length} pages in ${measured.seconds.toFixed(1)} s (${(all.length / measured.seconds).toFixed(1)}/s) — p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))}; stations (${Math.round(PROBLEMS / COMMUNITIES)} problems each) p50 ${ms(percentile(stations, 50))} p99 ${ms(percentile(stations, 99))}; institute (all ${PROBLEMS}) p50 ${ms(percentile(institute, 50))} p99 ${ms(percentile(institute, 99))}; ${measured.cpuPerPage.toFixed(0)} ms CPU per page (all processes), load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cpus`,
    );

    // ── 3. exports ──────────────────────────────────────────────────────────────────────────
    const exportOnce = async (label: string, filter: Record<string, unknown>, openid = INSTITUTE) => {
      const peak = new Map<number, number>();
      const sample = () => {
        for (const [pid, rss] of descendantRss(process.pid)) peak.set(pid, Math.max(peak.get(pid) ?? 0, rss));
      };
      const before = descendantRss(process.pid);
      const sampler = setInterval(sample, 50);
      const cpuBefore = treeCpuMs();
      const selfBefore = process.cpuUsage();
      const requestsBefore = requestsSoFar();
      const started = performance.now();
      const file = (await call('exportLedger', filter, openid)) as { rowCount: number; truncated: boolean; url: string };
      const seconds = (performance.now() - started) / 1000;
      const cpuAfter = treeCpuMs();
      const self = process.cpuUsage(selfBefore);
      const requests = requestsSoFar() - requestsBefore;
      clearInterval(sampler);
      sample();
      // The instance that made the file is the one whose RSS grew most.
      let grewPid = 0;
      let grew = -1;
      for (const [pid, rss] of peak) {
        const g = rss - (before.get(pid) ?? 0);
        if (g > grew) {
          grew = g;
          grewPid = pid;
        }
      }
      const res = await fetch(file.url);
      const bytes = (await res.arrayBuffer()).byteLength;
      console.log(
        `export ${label}: ${file.rowCount} rows${file.truncated ? ' (truncated)' : ''}, ${(bytes / 1024).toFixed(0)} KB, in ${seconds.toFixed(1)} s (${cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) / 1000).toFixed(1) : '?'} s CPU over all processes, of which the local cloud ${((self.user + self.system) / 1e6).toFixed(1)} s; ${requests} cloud API requests) — function instance peak RSS ${mb(peak.get(grewPid) ?? 0)} (was ${mb(before.get(grewPid) ?? 0)} before) — ${seconds <= 10 && (peak.get(grewPid) ?? 0) <= 300 * 1024 * 1024 ? 'within' : 'OVER'} the 10 s / 300 MB target`,
      );
    };
    // The last N days that hold about 10,000 problems (the institute's usual quarter-ish export).
    const windowDays = Math.ceil((10_000 / PROBLEMS) * 365) + 1;
    await exportOnce(`institute, last ${windowDays} days`, { fromDay: day(now - (windowDays - 1) * DAY_MS), toDay: day(now) });
    await exportOnce('institute, the whole year (all states)', {});
    await exportOnce(`one station (社区1), the whole year`, {}, stationOf(0));

    // ── 4. scans ────────────────────────────────────────────────────────────────────────────
    const scans = (await (await fetch(`${cloud.url}/_dev/scans`)).json()) as { scans: unknown[] };
    console.log(
      `/_dev/scans: ${scans.scans.length} unindexed query shape(s)${scans.scans.length ? `: ${JSON.stringify(scans.scans).slice(0, 600)}` : ''}`,
    );
    if (scans.scans.length > 0) process.exitCode = 1;
    gateway.close();
  } finally {
    await cloud.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
