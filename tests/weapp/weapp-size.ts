/**
 * Measures the built mini-program (dist/weapp) with WeChat's own compiler, miniprogram-ci, offline.
 * Shared by tests/weapp/weapp-compile.test.ts and scripts/bench.ts.
 *
 * Offline, checked against miniprogram-ci 2.1.42's source:
 * - `new ci.Project(options)` keeps `options`; `project.attr()` returns `await options.attr()` when it
 *   is a function, and only otherwise calls servicewechat.com/wxa/ci/getattr with the private key.
 *   A private key string is still required by the constructor, but is never used for compiling.
 * - `getCompiledResult` asks servicewechat.com for the list of allowed file extensions
 *   (`utils/white_ext_list.getWhiteExtList`) and falls back to a built-in list when that fails; we
 *   replace that function with the built-in list so no request is even tried.
 * - The offline guard (offline-guard.cjs) fails any other non-loopback connection at once, in this
 *   process and in processes miniprogram-ci forks (through NODE_OPTIONS), and logs it; a test asserts
 *   the log stays empty.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
/** The weapp build the tests read; `E2E_WEAPP_DIR` points at another (e.g. `TARO_OUTPUT_ROOT=dist-mine npm run build:weapp`). */
export const WEAPP_DIST = process.env.E2E_WEAPP_DIR ?? path.join(ROOT, 'dist', 'weapp');
/** WeChat's limits: main package (and each subpackage) 2 MB, whole app 20 MB. */
export const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
export const TOTAL_LIMIT = 20 * 1024 * 1024;
/** Placeholder appid of project.config.json; compiling does not depend on it. */
const APPID = 'touristappid';
const GUARD = path.join(__dirname, 'offline-guard.cjs');

export interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string; text: string }> };
  window?: Record<string, unknown>;
}

export interface WeappReport {
  /** bytes per package as compiled by miniprogram-ci (`__APP__` = main package) */
  packages: Record<string, number>;
  mainBytes: number;
  totalBytes: number;
  fileCount: number;
  /** main package size as reported by WeChat's code-quality check (PACKAGE_SIZE_LIMIT) */
  qualityMainBytes: number | undefined;
  /** failed code-quality checks (names), informational */
  qualityFailures: string[];
  /** dependency-resolution and build errors of WeChat's code analyser */
  analysisErrors: string[];
  /** non-loopback connections attempted (and blocked) during the run */
  networkAttempts: string[];
  compileMs: number;
}

/** Throws a helpful error when the weapp build is missing. */
export function assertWeappBuilt(): void {
  if (!fs.existsSync(path.join(WEAPP_DIST, 'app.json'))) {
    throw new Error(`dist/weapp/app.json not found: build the mini-program first with \`npm run build:weapp\``);
  }
}

export function readAppJson(): AppJson {
  assertWeappBuilt();
  return JSON.parse(fs.readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as AppJson;
}

/** Every file under dist/weapp, as posix paths relative to it. */
export function listWeappFiles(dir = WEAPP_DIST, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listWeappFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

/** Installs the offline guard here and for child processes; returns the attempts log path. */
export function goOffline(): string {
  const log = path.join(os.tmpdir(), `weapp-offline-guard-${process.pid}.log`);
  fs.writeFileSync(log, '');
  process.env.OFFLINE_GUARD_LOG = log;
  const flag = `--require ${GUARD}`;
  if (!(process.env.NODE_OPTIONS ?? '').includes(flag)) {
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} ${flag}`.trim();
  }
  require(GUARD);
  return log;
}

function byteLength(content: string | Buffer): number {
  return Buffer.isBuffer(content) ? content.length : Buffer.byteLength(content);
}

/**
 * Compiles and checks dist/weapp with miniprogram-ci in a child process (miniprogram-ci leaves a
 * forked compiler and file watchers behind, which would keep a test runner alive).
 */
export function measureWeapp(): Promise<WeappReport> {
  assertWeappBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const marker = stdout.lastIndexOf(REPORT_MARKER);
      if (code !== 0 || marker < 0) {
        reject(new Error(`miniprogram-ci measurement failed (exit ${code}):\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(stdout.slice(marker + REPORT_MARKER.length)) as WeappReport);
    });
  });
}

const REPORT_MARKER = '\n@@WEAPP_REPORT@@';

/** Compiles and checks dist/weapp with miniprogram-ci, offline, in this process. */
export async function measureWeappInProcess(): Promise<WeappReport> {
  const appJson = readAppJson();
  const log = goOffline();

  // Loaded lazily so the guard is in place first.
  const whiteExtList = require('miniprogram-ci/dist/utils/white_ext_list') as {
    getWhiteExtList: () => Promise<unknown>;
    GameWhiteList: string[];
    MiniProgramWhiteList: string[];
  };
  whiteExtList.getWhiteExtList = async () => ({
    GameWhiteList: new Set(whiteExtList.GameWhiteList),
    MiniProgramWhiteList: new Set(whiteExtList.MiniProgramWhiteList),
  });
  const ci = require('miniprogram-ci') as typeof import('miniprogram-ci');
  const { Analyzer } = require('miniprogram-ci/dist/common/code-analyse') as {
    Analyzer: new (options: { root: string; type: 'miniprogram'; plugins: unknown[] }) => { analyse(): Promise<void> };
  };

  // The project is the repository root: project.config.json there names miniprogramRoot dist/weapp/
  // (miniprogram-ci ignores node_modules by default).
  const project = new ci.Project({
    appid: APPID,
    type: 'miniProgram',
    projectPath: ROOT,
    privateKey: 'offline-compile-only',
    // consumed by CIProject.attr(): the project attributes WeChat would otherwise fetch
    attr: async () => ci.DefaultProjectAttr,
  } as ConstructorParameters<typeof ci.Project>[0]);

  const started = Date.now();
  // getCompiledResult reads only `project`, `setting`, `onProgressUpdate`, `threads` and `includedMap`.
  const compileOptions = { project, setting: { es6: false, minify: false } };
  const compiled = await ci.getCompiledResult(compileOptions as unknown as Parameters<typeof ci.getCompiledResult>[0]);
  const compileMs = Date.now() - started;

  const roots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) =>
    p.root.replace(/^\.?\/*/, '').replace(/\/*$/, '/'),
  );
  const packages: Record<string, number> = { __APP__: 0 };
  let totalBytes = 0;
  for (const [file, content] of Object.entries(compiled)) {
    const size = byteLength(content);
    const pkg = roots.find((root) => file.startsWith(root)) ?? '__APP__';
    packages[pkg] = (packages[pkg] ?? 0) + size;
    totalBytes += size;
  }

  const analysisErrors: string[] = [];
  const analyzer = new Analyzer({
    root: WEAPP_DIST,
    type: 'miniprogram',
    plugins: [
      {
        name: 'collect-errors',
        onDepResolveFailed: (dep: { originModule?: { path?: string } }, error: Error) =>
          analysisErrors.push(`${dep.originModule?.path ?? '?'}: ${String(error)}`),
        onModuleBuildFailed: (module: { path: string }, _cost: number, error: Error) =>
          analysisErrors.push(`${module.path}: ${String(error)}`),
      },
    ],
  });
  await analyzer.analyse();

  const quality = (await ci.checkCodeQuality(project)) as Array<{
    name: string;
    success: boolean;
    detail?: Record<string, unknown>;
  }>;
  const sizeCheck = quality.find((q) => q.name === 'PACKAGE_SIZE_LIMIT');
  const qualityMain = sizeCheck?.detail?.__APP__;

  return {
    packages,
    mainBytes: packages.__APP__ ?? 0,
    totalBytes,
    fileCount: Object.keys(compiled).length,
    qualityMainBytes: typeof qualityMain === 'number' ? qualityMain : undefined,
    qualityFailures: quality.filter((q) => !q.success).map((q) => q.name),
    analysisErrors,
    networkAttempts: fs.readFileSync(log, 'utf8').split('\n').filter(Boolean),
    compileMs,
  };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

export function formatReport(report: WeappReport): string {
  const lines = [
    `weapp size (miniprogram-ci getCompiledResult, ${report.fileCount} files, compiled in ${report.compileMs} ms)`,
    ...Object.entries(report.packages).map(
      ([name, bytes]) => `  ${name === '__APP__' ? 'main package' : `subpackage ${name}`}: ${bytes} B (${formatBytes(bytes)})`,
    ),
    `  total: ${report.totalBytes} B (${formatBytes(report.totalBytes)})`,
    `  main package per WeChat code-quality check: ${report.qualityMainBytes ?? 'n/a'} B`,
    `  limits: main ${formatBytes(MAIN_PACKAGE_LIMIT)}, total ${formatBytes(TOTAL_LIMIT)}`,
  ];
  if (report.qualityFailures.length) lines.push(`  code-quality hints not met: ${report.qualityFailures.join(', ')}`);
  return lines.join('\n');
}

// Child-process entry: `node --import tsx tests/weapp/weapp-size.ts --json`
if (process.argv[1] && path.resolve(process.argv[1]) === __filename && process.argv.includes('--json')) {
  measureWeappInProcess().then(
    (report) => {
      // miniprogram-ci's own logging goes to stdout too; the marker tells where the report starts.
      process.stdout.write(`${REPORT_MARKER}${JSON.stringify(report)}`, () => process.exit(0));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
