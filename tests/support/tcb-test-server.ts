import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createOpenApiActions } from '../../local-cloud/openapi/open-api-actions';
import { handleOutboxRequest, OpenApiOutbox } from '../../local-cloud/openapi/open-api-outbox';
import { createStorageActions, type StorageService } from '../../local-cloud/storage/storage-actions';
import type { ActionRegistry } from '../../local-cloud/tcb/action-registry';
import { createTcbEndpoint } from '../../local-cloud/tcb/tcb-endpoint';

export const TEST_ENV = 'local-env';
export const TEST_APPID = 'wx-local-test-app';

export interface TcbTestServer {
  /** Base URL, e.g. http://127.0.0.1:43210 */
  url: string;
  outbox: OpenApiOutbox;
  storage: StorageService;
  storageDir: string;
  /** Token → caller identity, as the function runner would register them per invocation. */
  identities: Map<string, { openid: string; appid: string }>;
  /** Makes the SDK in this process call as `openid` (sets WX_API_TOKEN / WX_OPENID / WX_APPID). */
  actAs(openid: string): void;
  close(): Promise<void>;
}

/**
 * A local cloud for tests: `/tcb/admin` is the CloudBase endpoint with the open-API and storage
 * actions (plus any `extraActions`), `/storage/…` the file URLs, `/_dev/outbox` the outbox.
 * Points the real wx-server-sdk in this process at it through env; `close()` restores the env.
 */
export async function startTcbTestServer(opts: { extraActions?: ActionRegistry; now?: () => Date } = {}): Promise<TcbTestServer> {
  const outbox = new OpenApiOutbox();
  const identities = new Map<string, { openid: string; appid: string }>();
  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'local-cloud-storage-'));
  let storage: StorageService | undefined;
  let tcb: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://local').pathname;
    if (pathname === '/tcb/admin' && tcb) {
      void tcb(req, res);
      return;
    }
    if (storage?.handleHttp(req, res)) return;
    if (handleOutboxRequest(req, res, outbox)) return;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  storage = createStorageActions({ dir: storageDir, publicBaseUrl: url, envName: TEST_ENV });
  const openApi = createOpenApiActions({
    outbox,
    identityOf: (token) => identities.get(token),
    now: opts.now ?? (() => new Date()),
  });
  tcb = createTcbEndpoint({ ...openApi, ...storage.actions, ...opts.extraActions });

  const envKeys = [
    'TCB_CONTEXT_CNFG',
    'TENCENTCLOUD_SECRETID',
    'TENCENTCLOUD_SECRETKEY',
    'TENCENTCLOUD',
    'SCF_NAMESPACE',
    'WX_API_TOKEN',
    'WX_OPENID',
    'WX_APPID',
    'WX_CONTEXT_KEYS',
  ] as const;
  const savedEnv = Object.fromEntries(envKeys.map((k) => [k, process.env[k]]));
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/tcb/admin` }),
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'x',
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: TEST_ENV,
    // WX_API_TOKEN must be listed here too: the SDK reads it only through WX_CONTEXT_KEYS.
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_API_TOKEN',
  });

  return {
    url,
    outbox,
    storage,
    storageDir,
    identities,
    actAs(openid: string) {
      const token = `test-token-${openid}`;
      identities.set(token, { openid, appid: TEST_APPID });
      Object.assign(process.env, { WX_API_TOKEN: token, WX_OPENID: openid, WX_APPID: TEST_APPID });
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const k of envKeys) {
        if (savedEnv[k] === undefined) delete process.env[k];
        else process.env[k] = savedEnv[k];
      }
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
