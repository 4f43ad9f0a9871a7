import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../local-cloud/local-cloud';

const NETWORK_GUARD = path.join(__dirname, 'network-guard.cjs');
export const FIXTURE_FUNCTIONS = path.join(__dirname, '..', 'fixtures', 'cloudfunctions');

export interface TestCloud extends LocalCloud {
  dataDir: string;
  /** Calls a function through the browser gateway as `openid`. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  call(name: string, data: object, openid?: string): Promise<{ status: number; body: any }>;
  dispose(): Promise<void>;
}

/**
 * A local cloud on a free loopback port over a throw-away data dir, seeded with the demo data.
 * Function instances run with the network guard too, so nothing in a test leaves the machine.
 */
export async function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'local-cloud-test-'));
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    quiet: !process.env.DEBUG_FUNCTIONS,
    runTimers: false,
    functionEnv: { NODE_OPTIONS: `--require ${NETWORK_GUARD}` },
    // Another build of the functions to run the suites against (e.g. the bundled-SDK experiment of scripts/build-functions.ts).
    ...(process.env.TEST_FUNCTIONS_DIR ? { functionsDir: process.env.TEST_FUNCTIONS_DIR } : {}),
    ...options,
  });
  return Object.assign(cloud, {
    dataDir,
    async call(name: string, data: object, openid = 'o-resident-0001') {
      const res = await fetch(`${cloud.url}/gateway/functions/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
        body: JSON.stringify({ data }),
      });
      return { status: res.status, body: await res.json() };
    },
    async dispose() {
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/**
 * A suite's local cloud: started before its tests, disposed after them, with the suite's client
 * made from it. Read `env.cloud` / `env.api` inside tests and hooks (they exist once `beforeAll` ran).
 */
export function withTestCloud<A = undefined>(
  makeClient?: (cloud: TestCloud) => A,
  options: Partial<LocalCloudOptions> = {},
): { cloud: TestCloud; api: A } {
  const env = {} as { cloud: TestCloud; api: A };
  beforeAll(async () => {
    env.cloud = await startTestCloud(options);
    env.api = makeClient?.(env.cloud) as A;
  });
  afterAll(() => env.cloud?.dispose());
  return env;
}
