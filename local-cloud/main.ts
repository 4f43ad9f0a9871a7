/**
 * Starts the local cloud from the command line.
 *   npm run cloud               the local cloud alone (serves dist/h5 too if it was built)
 *   npm start                   builds functions and the H5 app, then runs this
 *   npm run cloud:reset         wipes CLOUD_DATA_DIR back to the demo seed and exits
 * Env: CLOUD_PORT (default 8787), CLOUD_DATA_DIR (default .cloud-data).
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startLocalCloud } from './local-cloud';

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const port = Number(process.env.CLOUD_PORT ?? 8787);
const dataDir = path.resolve(process.env.CLOUD_DATA_DIR ?? path.join(root, '.cloud-data'));
const staticArg = args.indexOf('--static');
const staticDir = path.resolve(root, staticArg >= 0 ? (args[staticArg + 1] ?? 'dist/h5') : 'dist/h5');

async function main(): Promise<void> {
  if (args.includes('--reset')) {
    rmSync(dataDir, { recursive: true, force: true });
    const cloud = await startLocalCloud({ port: 0, dataDir, runTimers: false, livingDemo: true, log: console.log });
    await cloud.close();
    console.log(`local cloud data reset to the demo seed in ${dataDir}`);
    return;
  }
  const cloud = await startLocalCloud({
    port,
    dataDir,
    staticDir: existsSync(staticDir) ? staticDir : undefined,
    livingDemo: process.env.CLOUD_QUIET_SEED !== '1',
    log: console.log,
  });
  const app = existsSync(staticDir) ? `${cloud.url}/` : '(no H5 build yet: npm run build:h5)';
  console.log(
    [
      '',
      `  本地云已启动 Local cloud is running`,
      `  打开应用 Open the app:      ${app}`,
      `  数据目录 Data:              ${dataDir}`,
      `  云函数 Functions:           ${cloud.runtime.definitions.map((d) => d.name).join(', ') || '(none built: npm run build:functions)'}`,
      `  Point an unmodified wx-server-sdk here with:`,
      `    export TCB_CONTEXT_CNFG='${cloud.tcbContextConfig}' TENCENTCLOUD_SECRETID=local TENCENTCLOUD_SECRETKEY=local TENCENTCLOUD=true SCF_NAMESPACE=${cloud.envName}`,
      `  Dev: ${cloud.url}/_dev/outbox  ${cloud.url}/_dev/scans  ${cloud.url}/_dev/clock  ${cloud.url}/gateway/identities`,
      '',
    ].join('\n'),
  );
  const stop = () => {
    void cloud.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
