import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ORDERS } from '../database/collections';
import type { UserProfile } from '../src/domain/identity/role';
import { Clock } from './clock';
import { createDatabaseActions } from './db/database-actions';
import { DocumentStore } from './db/document-store';
import { FunctionRuntime } from './functions/function-runtime';
import { TimerScheduler } from './functions/timer-scheduler';
import { createDevRoutes } from './http/dev-routes';
import { createGateway } from './http/gateway';
import { sendJson } from './http/json-response';
import { serveStatic } from './http/static-files';
import { createOpenApiActions } from './openapi/open-api-actions';
import { OpenApiOutbox } from './openapi/open-api-outbox';
import { RobotReceiver } from './robot/robot-receiver';
import { buildActivitySeed } from './seed/activity-seed';
import { listDemoIdentities } from './seed/demo-identities';
import { buildDemoPii } from './seed/demo-pii';
import { buildDemoSeed } from './seed/demo-seed';
import { type LivingSeedResult, playLivingSeed } from './seed/living-seed';
import { seedIfEmpty } from './seeding';
import { createStorageActions } from './storage/storage-actions';
import type { ActionRegistry } from './tcb/action-registry';
import { createTcbEndpoint } from './tcb/tcb-endpoint';

export const TCB_PATH = '/tcb/admin';
/** Development-only key for PII at rest; production sets PII_SECRET on every function. */
export const LOCAL_PII_SECRET = 'local-dev-pii-secret-not-for-production';

export interface LocalCloudOptions {
  /** 0 picks a free port (tests). */
  port: number;
  dataDir: string;
  functionsDir?: string;
  /** The H5 build to serve at `/`, if any. */
  staticDir?: string;
  envName?: string;
  /** Load the demo seed into an empty database (default true). */
  seed?: boolean;
  maxInstancesPerFunction?: number;
  /** Extra env for function instances (tests pass NODE_OPTIONS with the network guard). */
  functionEnv?: Record<string, string>;
  /** Silence the functions' console output. */
  quiet?: boolean;
  /** Fire timer triggers on a real-time tick (default true); tests call `timers.tick()`. */
  runTimers?: boolean;
  /** Key for PII at rest; functions get it as PII_SECRET (default: a fixed development value). */
  piiSecret?: string;
  /**
   * Play four weeks of the subdistrict's work onto a fresh seed (orders in every state,
   * announcements and reads, pending registrations): `npm start` / `npm run cloud:reset` do;
   * tests keep the quiet base seed unless they ask (local-cloud/seed/living-seed.ts).
   */
  livingDemo?: boolean;
  /** Progress lines (the living demo's summary). */
  log?: (line: string) => void;
}

export interface LocalCloud {
  url: string;
  /** The value of TCB_CONTEXT_CNFG that points an unmodified wx-server-sdk here. */
  tcbContextConfig: string;
  envName: string;
  store: DocumentStore;
  runtime: FunctionRuntime;
  outbox: OpenApiOutbox;
  /** The local WeCom group-robot receiver (`/_dev/robot/*`). */
  robot: RobotReceiver;
  clock: Clock;
  timers: TimerScheduler;
  /** Back to the seed (with the living demo played again when the cloud was started with it). */
  resetToSeed(): Promise<void>;
  /** What the living demo played (null without it, or when the data dir already had data). */
  livingDemo: LivingSeedResult | null;
  /** How many CloudBase API requests (database, functions, storage, open API) each action got. */
  requestCounts: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..');

/**
 * The local cloud: CloudBase's protocol over an on-disk database, the project's unmodified
 * cloud functions run as WeChat runs them, open APIs recorded instead of sent, storage on disk,
 * the browser gateway and the H5 build — all on one loopback port.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const envName = options.envName ?? 'local-env';
  mkdirSync(options.dataDir, { recursive: true });
  const clock = new Clock();
  const store = DocumentStore.open({ dir: path.join(options.dataDir, 'database'), now: () => clock.now() });
  const seed = buildDemoSeed();
  const piiSecret = options.piiSecret ?? process.env.PII_SECRET ?? LOCAL_PII_SECRET;
  // Demo activities lie in the coming days, so they are built from the clock when first loaded.
  const seedAll = () => {
    seedIfEmpty(store, seed, piiSecret);
    seedIfEmpty(store, buildActivitySeed(clock.now().getTime()), piiSecret);
  };
  // The living demo plays only onto a database that has never had orders.
  const fresh = () => !store.listCollections().includes(ORDERS) || store.count(ORDERS, {}) === 0;
  const playLiving = options.livingDemo === true && options.seed !== false && fresh();
  if (options.seed !== false) seedAll();
  const outbox = new OpenApiOutbox();
  const robot = new RobotReceiver(clock);

  let handleTcb: ReturnType<typeof createTcbEndpoint> | undefined;
  let handleStorage: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  let handleGateway: ReturnType<typeof createGateway> | undefined;
  let handleDev: ReturnType<typeof createDevRoutes> | undefined;

  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://local').pathname;
    void (async () => {
      try {
        if (pathname === TCB_PATH && req.method === 'POST' && handleTcb) return void (await handleTcb(req, res));
        if (handleStorage?.(req, res)) return;
        if (handleGateway && (await handleGateway(req, res, pathname))) return;
        if (await robot.handle(req, res, pathname)) return;
        if (handleDev && (await handleDev(req, res, pathname))) return;
        if (options.staticDir && serveStatic(options.staticDir, req, res, pathname)) return;
        sendJson(res, 404, { errCode: 404, errMsg: `nothing at ${pathname}` });
      } catch (err) {
        console.error('[local-cloud] request failed', err);
        if (!res.headersSent) sendJson(res, 500, { errCode: 500, errMsg: 'local cloud error' });
      }
    })();
  });
  // The SDK's keep-alive agent drops an idle socket after 4.8 s; Node's server default (5 s) closes it
  // only 0.2 s later, and on a busy machine the client's timer runs late and reuses a socket the
  // server is closing (read ECONNRESET). CloudBase's front ends keep connections far longer, as here.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const tcbUrl = `${url}${TCB_PATH}`;

  const runtime = new FunctionRuntime({
    functionsDir: options.functionsDir ?? path.join(ROOT, 'cloudfunctions'),
    tcbUrl,
    envName,
    maxInstancesPerFunction: options.maxInstancesPerFunction,
    // WeCom robot webhooks go to the local receiver (/_dev/robot/*), never to qyapi.weixin.qq.com.
    extraEnv: { CLOUD_STAGE: 'local', PII_SECRET: piiSecret, ROBOT_WEBHOOK_BASE: `${url}/_dev/robot/send?key=`, ...options.functionEnv },
    clockOffsetMs: () => clock.offset,
    quiet: options.quiet,
  });
  const storage = createStorageActions({ dir: path.join(options.dataDir, 'storage'), publicBaseUrl: url, envName });
  const registry: ActionRegistry = {
    ...createDatabaseActions(store),
    ...runtime.actions(),
    ...createOpenApiActions({ outbox, identityOf: (token) => runtime.identityOf(token) as never, now: () => clock.now() }),
    ...storage.actions,
  };
  const requestCounts = new Map<string, number>();
  handleTcb = createTcbEndpoint(registry, (action) => requestCounts.set(action, (requestCounts.get(action) ?? 0) + 1));
  handleStorage = storage.handleHttp;
  // The switcher tells people apart by their (made-up) demo full names: three 金* are three people.
  const demoPii = buildDemoPii(seed.users as UserProfile[]);
  const identities = listDemoIdentities(seed).map((i) => ({ ...i, realName: demoPii.get(i.openid)?.realName ?? i.name }));
  handleGateway = createGateway(runtime, () => identities, storage);
  const timers = new TimerScheduler(runtime, clock);
  const living = () => playLivingSeed(seed, { runtime, clock, timers, log: options.log });
  let livingDemo: LivingSeedResult | null = null;
  if (playLiving) livingDemo = await living();
  if (options.runTimers !== false) timers.start();

  const resetToSeed = async () => {
    store.abortAllTransactions(); // their locks would make the removals wait
    for (const name of store.listCollections()) store.remove(name, {}, { multi: true });
    seedAll();
    outbox.clear();
    robot.clear();
    if (options.livingDemo === true && options.seed !== false) livingDemo = await living();
  };
  handleDev = createDevRoutes({ store, outbox, clock, timers, resetToSeed });

  return {
    url,
    tcbContextConfig: JSON.stringify({ URL: tcbUrl }),
    envName,
    store,
    runtime,
    outbox,
    robot,
    clock,
    timers,
    resetToSeed,
    get livingDemo() {
      return livingDemo;
    },
    requestCounts,
    async close() {
      timers.stop();
      runtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
