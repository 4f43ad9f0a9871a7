/**
 * npm run bench:activities — the two loads of issue #16 through the local cloud, as the
 * mini-program drives it (gateway → function instances → real wx-server-sdk → local cloud):
 *
 * 1. 200 volunteers sign in to one session within 60 s with the organiser's rotating code (their
 *    arrivals spread evenly over the minute, the organiser's screen asking for the current code every
 *    5 s as the code screen does). Prints p50 / p99 per sign-in and asserts none is lost or doubled:
 *    every volunteer signed in exactly once, the roster counts 200, and 20 repeated sign-ins (a
 *    double tap, a retry after a timeout) change nothing. `--burst`: all 200 at the same moment.
 * 2. A 志愿服务记录证明 of 200 ledger entries: render time in-process (cold: first render including
 *    loading pdf-lib and the font; warm: median of 5), and end to end through the function
 *    (`certificatePdf`: render, save to storage, signed link), first and cached.
 *
 * Bounded: a fixed number of calls; loopback only; everything stops at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../local-cloud/local-cloud';
import { renderCertificatePdf } from '../server/hours/certificate-pdf';
import type { CertificateContent } from '../src/domain/hours/hours.rules';
import { gatewayClient } from './bench-gateway';
import { buildFunctions } from './build-functions';

const VOLUNTEERS = 200;
const WINDOW_MS = 60_000;
const BURST = process.argv.includes('--burst');
const STATION = 'o-station-01';
const INSTITUTE = 'o-institute-01';
const HOUR = 3600_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
function percentile(sorted: number[], p: number): number {
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) : 0;
}
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  await buildFunctions(['activity']);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-activities-'));
  const cloud = await startLocalCloud({ port: 0, dataDir, quiet: true, runTimers: false });
  const gateway = gatewayClient(cloud.url, 'activity');
  const { call, must } = gateway;

  try {
    console.log(
      `activity bench (gateway → function instances → real SDK → local cloud; node ${process.version}, ${os.cpus().length} cpus)`,
    );
    // 200 approved volunteers: the demo's, and copies of its first one for the rest.
    const template = cloud.store.findById('volunteer_profiles', 'o-volunteer-0001') as Record<string, unknown>;
    const user = cloud.store.findById('users', 'o-volunteer-0001') as Record<string, unknown>;
    const approved = (cloud.store.find('volunteer_profiles', { status: 'approved' }, { limit: 1000 }) as { _id: string }[])
      .map((p) => p._id)
      .filter((id) => id.startsWith('o-volunteer-'));
    const extra = Array.from({ length: Math.max(0, VOLUNTEERS - approved.length) }, (_, i) => `o-bench-volunteer-${i + 1}`);
    cloud.store.insert(
      'users',
      extra.map((_id) => ({ ...user, _id })),
    );
    cloud.store.insert(
      'volunteer_profiles',
      extra.map((_id) => ({ ...template, _id })),
    );
    const people = [...approved, ...extra].slice(0, VOLUNTEERS);

    // One session for all of them, starting in an hour.
    const t0 = cloud.clock.now().getTime();
    const { activityId } = (await must(
      'create',
      {
        requestId: `bench-activity-${process.pid}`,
        title: '文明劝导·早高峰路口',
        category: '文明劝导',
        description: '路口文明劝导，提醒行人和电动车遵守交通信号',
        address: '人民路与解放路交叉口',
        contactName: '王老师',
        contactPhone: '13800001111',
        sessions: [{ startAt: t0 + HOUR, endAt: t0 + 3 * HOUR, quota: VOLUNTEERS }],
      },
      STATION,
    )) as { activityId: string };
    const detail = await must('detail', { activityId }, STATION);
    const sessionId = (detail.sessions as { sessionId: string }[])[0]?.sessionId as string;
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < people.length) {
          const v = people[next++] as string;
          await must('signUp', { sessionId }, v);
        }
      }),
    );
    cloud.clock.advance(HOUR + 60_000);

    // The organiser's screen: the current code, asked for every 5 s.
    let code = ((await must('code', { sessionId, step: 'in' }, STATION)) as { code: string }).code;
    let screenOn = true;
    const screen = (async () => {
      while (screenOn) {
        await sleep(5000);
        if (screenOn) code = ((await must('code', { sessionId, step: 'in' }, STATION)) as { code: string }).code;
      }
    })();

    const latencies: number[] = [];
    const failures: string[] = [];
    const started = performance.now();
    await Promise.all(
      people.map(async (v, i) => {
        if (!BURST) await sleep((i * WINDOW_MS) / people.length);
        const t = performance.now();
        const res = await call('attend', { sessionId, step: 'in', code }, v);
        latencies.push(performance.now() - t);
        if (!res.ok) failures.push(`${v}: ${res.code} ${res.message}`);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    type Row = { openid: string; attendance: string; checkInAt: number | null };
    const rows = cloud.store.find('activity_signups', { sessionId }, { limit: 1000 }) as unknown as Row[];
    const checkedIn = new Map(rows.map((r) => [r.openid, r.checkInAt]));
    // Retries of 20 of them (a double tap, a retry after a timeout) change nothing.
    const retries = await Promise.all(people.slice(0, 20).map((v) => call('attend', { sessionId, step: 'in', code }, v)));
    screenOn = false;
    await screen;
    const after = cloud.store.find('activity_signups', { sessionId }, { limit: 1000 }) as unknown as Row[];
    const changed = after.filter((r) => checkedIn.get(r.openid) !== r.checkInAt).length;
    const signedIn = after.filter((r) => r.attendance === 'in' && r.checkInAt !== null);
    const rowsPerPerson = new Map<string, number>();
    for (const r of after) rowsPerPerson.set(r.openid, (rowsPerPerson.get(r.openid) ?? 0) + 1);
    const doubled = [...rowsPerPerson.values()].filter((n) => n > 1).length + changed;
    const roster = (await must('roster', { sessionId }, STATION)) as { rows: { attendance: string }[] };
    const rosterIn = roster.rows.filter((r) => r.attendance === 'in').length;
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `sign-in     | ${people.length} volunteers ${BURST ? 'at once' : `over ${WINDOW_MS / 1000} s`}, done in ${seconds.toFixed(1)} s | p50 ${ms(percentile(sorted, 50))} | p99 ${ms(percentile(sorted, 99))} | max ${ms(sorted.at(-1) ?? 0)}`,
    );
    console.log(
      `sign-in     | refused ${failures.length}, signed in ${signedIn.length} (roster ${rosterIn}), doubled 0 expected: ${doubled}; 20 repeats answered ${[...new Set(retries.map((r) => (r.ok ? 'ok' : r.code)))].join('/')}, ${changed} changed a sign-in time`,
    );
    if (failures.length) console.log(failures.slice(0, 5).join('\n'));
    const lost = people.length - signedIn.length;
    if (failures.length || lost !== 0 || doubled !== 0 || rosterIn !== people.length || after.length !== people.length) {
      throw new Error(`sign-in lost ${lost}, doubled ${doubled}, refused ${failures.length}`);
    }

    // A certificate of 200 entries, in-process and through the function.
    const volunteer = people[0] as string;
    const day = 24 * HOUR;
    const base = t0 - 300 * day;
    const entries = Array.from({ length: 200 }, (_, i) => {
      const startAt = base + i * day;
      const _id = `bench-ledger-${i}`;
      return {
        _id,
        key: _id,
        openid: volunteer,
        displayName: '田*',
        source: 'activity',
        sourceId: `bench-act-${i}`,
        sessionId: `bench-ses-${i}`,
        title: `文明劝导·人民路口第${i + 1}班`,
        content: '路口文明劝导：提醒行人遵守交通信号，劝导电动车佩戴头盔',
        place: '人民路与解放路交叉口东北角',
        startAt,
        endAt: startAt + 1.5 * HOUR,
        hours: 1.5,
        kind: 'live',
        status: 'confirmed',
        reason: '',
        recorder: '和平社区新时代文明实践站',
        recordedBy: STATION,
        confirmedBy: STATION,
        at: startAt + 2 * HOUR,
        subdistrictId: 'org-subdistrict-01',
        communityId: 'org-community-01',
        sortKey: `${String(startAt + 2 * HOUR).padStart(13, '0')}-${_id}`,
      };
    });
    cloud.store.insert('hours_ledger', entries);
    const requested = await must('requestCertificate', { from: base - day, to: t0 }, volunteer);
    const issued = (await must('issueCertificate', { certificateId: requested.certificateId }, INSTITUTE)) as {
      content: CertificateContent;
      verifyCode: string;
    };
    if (issued.content.lines.length < 200) throw new Error(`certificate has ${issued.content.lines.length} lines`);
    const render = () =>
      renderCertificatePdf({ content: issued.content, verifyCode: issued.verifyCode, qrText: `bench ${issued.content.number}` });
    let t = performance.now();
    const pdf = await render();
    const cold = performance.now() - t;
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await render();
      warm.push(performance.now() - t);
    }
    warm.sort((a, b) => a - b);
    t = performance.now();
    await must('certificatePdf', { certificateId: requested.certificateId }, volunteer);
    const viaFunction = performance.now() - t;
    t = performance.now();
    await must('certificatePdf', { certificateId: requested.certificateId }, volunteer);
    const cached = performance.now() - t;
    console.log(
      `certificate | ${issued.content.lines.length} entries, ${(pdf.length / 1024).toFixed(0)} KB | render cold ${ms(cold)}, warm median ${ms(percentile(warm, 50))} | certificatePdf through the function ${ms(viaFunction)} first, ${ms(cached)} cached`,
    );
  } finally {
    gateway.close();
    await cloud.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
