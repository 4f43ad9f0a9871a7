/**
 * Build benchmark: production builds of the weapp and H5 targets, timed, then the weapp main
 * package and total size as WeChat's compiler (miniprogram-ci, offline) counts them, and what the
 * browser home downloads (transferred, i.e. compressed, bytes as Chromium counts them, served by the
 * local cloud) with its first contentful paint.
 *
 *   npx tsx scripts/bench.ts [--json]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { formatH5Weight, type H5Weight, measureH5Home } from '../tests/support/h5-weight';
import { startTestCloud } from '../tests/support/local-cloud-harness';
import { formatBytes, formatReport, measureWeapp, ROOT } from '../tests/weapp/weapp-size';

/** Targets of issue 14: the browser home ≤ 250 KB transferred, first content ≤ 1 s on localhost. */
const H5_HOME_BUDGET = 250 * 1024;
const H5_FCP_BUDGET_MS = 1000;

async function measureH5(): Promise<H5Weight> {
  const cloud = await startTestCloud({ staticDir: path.resolve(ROOT, process.env.TARO_OUTPUT_ROOT ?? 'dist', 'h5') });
  try {
    await measureH5Home(`${cloud.url}/`); // warm the server's compressed copies and the OS caches
    return await measureH5Home(`${cloud.url}/`);
  } finally {
    await cloud.dispose();
  }
}

const TARO = path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro');

function build(type: 'weapp' | 'h5'): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [TARO, 'build', '--type', type], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  // Taro reports webpack errors on its output and may still exit 0: check both.
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || /Compiled with (some )?errors|ModuleBuildError|Failed to compile/.test(output)) {
    process.stderr.write(output.slice(-6000));
    throw new Error(`taro build --type ${type} failed (exit ${result.status})`);
  }
  return ms;
}

async function main(): Promise<void> {
  const weappMs = build('weapp');
  console.log(`build weapp (production): ${(weappMs / 1000).toFixed(1)} s`);
  const h5Ms = build('h5');
  console.log(`build h5 (production):    ${(h5Ms / 1000).toFixed(1)} s`);
  const report = await measureWeapp();
  console.log(formatReport(report));
  const h5 = await measureH5();
  console.log(formatH5Weight(h5));
  if (process.argv.includes('--json')) {
    console.log(
      JSON.stringify({
        buildWeappMs: weappMs,
        buildH5Ms: h5Ms,
        weappMainBytes: report.mainBytes,
        weappTotalBytes: report.totalBytes,
        weappMainBytesQualityCheck: report.qualityMainBytes,
        h5HomeTransferredBytes: h5.totalTransferred,
        h5HomeRequests: h5.requests.length,
        h5HomeFirstContentfulPaintMs: h5.firstContentfulPaintMs,
      }),
    );
  }
  console.log(
    `summary: weapp ${weappMs} ms, h5 ${h5Ms} ms, main package ${formatBytes(report.mainBytes)}, total ${formatBytes(report.totalBytes)}, ` +
      `h5 home ${formatBytes(h5.totalTransferred)} transferred in ${h5.requests.length} requests` +
      `${h5.totalTransferred > H5_HOME_BUDGET ? ` (over the ${formatBytes(H5_HOME_BUDGET)} budget)` : ''}, ` +
      `first content ${h5.firstContentfulPaintMs} ms${h5.firstContentfulPaintMs > H5_FCP_BUDGET_MS ? ' (over 1 s)' : ''}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
