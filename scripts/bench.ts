/**
 * Build benchmark: production builds of the weapp and H5 targets, timed, then the weapp main
 * package and total size as WeChat's compiler (miniprogram-ci, offline) counts them.
 *
 *   npx tsx scripts/bench.ts [--json]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { formatBytes, formatReport, measureWeapp, ROOT } from '../tests/weapp/weapp-size';

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
  if (process.argv.includes('--json')) {
    console.log(
      JSON.stringify({
        buildWeappMs: weappMs,
        buildH5Ms: h5Ms,
        weappMainBytes: report.mainBytes,
        weappTotalBytes: report.totalBytes,
        weappMainBytesQualityCheck: report.qualityMainBytes,
      }),
    );
  }
  console.log(
    `summary: weapp ${weappMs} ms, h5 ${h5Ms} ms, main package ${formatBytes(report.mainBytes)}, total ${formatBytes(report.totalBytes)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
