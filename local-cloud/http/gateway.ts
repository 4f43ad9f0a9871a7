import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionRuntime } from '../functions/function-runtime';
import type { StorageService } from '../storage/storage-actions';
import { CloudError } from '../tcb/cloud-error';
import { gatewayOpenid } from './gateway-identity';
import { createGatewayStorage, readAtMost } from './gateway-storage';
import { sendJson } from './json-response';

/** The appid the local cloud pretends the mini-program has. */
export const LOCAL_APPID = 'wx-local-dev-app';

/** WeChat's client-side error codes for callFunction, so the front end handles both alike. */
const CLIENT_ERROR: Record<string, { status: number; errCode: number }> = {
  FUNCTIONS_NOT_EXIST: { status: 404, errCode: -501000 },
  FUNCTIONS_TIME_LIMIT_EXCEEDED: { status: 504, errCode: -504003 },
  FUNCTIONS_EXECUTE_FAIL: { status: 500, errCode: -504002 },
  /** An event the runtime will not deliver (nested absurdly deep): the caller's fault, the instance stays warm. */
  INVALID_PARAM: { status: 400, errCode: -1 },
};

/** The largest `{ data }` body the gateway takes (WeChat limits callFunction events by size too). */
export const MAX_CALL_BYTES = 1024 * 1024;
/** Past this declared length the body is not even drained: the 413 goes out and the connection closes. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

export interface DemoIdentity {
  openid: string;
  name: string;
  roles: string[];
  label: string;
}

/**
 * The browser build's stand-in for `wx.cloud.callFunction`: `POST /gateway/functions/<name>`
 * with `{ data }` and the chosen demo user in `x-wx-openid`, answered `{ result }` like
 * callFunction's `res.result`; and for wx.cloud.uploadFile / getTempFileURL, `/gateway/storage/*`
 * (gateway-storage.ts). Exists only in the local cloud, never in the weapp build.
 */
export function createGateway(runtime: FunctionRuntime, identities: () => DemoIdentity[], storage?: StorageService) {
  const handleStorage = storage ? createGatewayStorage(storage) : undefined;
  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (handleStorage && (await handleStorage(req, res, pathname))) return true;
    if (pathname === '/gateway/identities' && req.method === 'GET') {
      sendJson(res, 200, { identities: identities() });
      return true;
    }
    const match = /^\/gateway\/functions\/([A-Za-z0-9_-]{1,64})$/.exec(pathname);
    if (!match) return false;
    if (req.method !== 'POST') {
      sendJson(res, 405, { errCode: -1, errMsg: 'use POST' });
      return true;
    }
    const openid = gatewayOpenid(req, res);
    if (!openid) return true;
    const declared = Number(req.headers['content-length']);
    const raw = declared > MAX_DRAIN_BYTES ? undefined : await readAtMost(req, MAX_CALL_BYTES);
    if (!raw) {
      if (declared > MAX_DRAIN_BYTES) res.setHeader('connection', 'close');
      sendJson(res, 413, { errCode: -1, errMsg: `请求内容过大：云函数调用的数据不能超过 ${MAX_CALL_BYTES / 1024 / 1024} MB` });
      return true;
    }
    let data: unknown = {};
    try {
      const body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      data = body && typeof body === 'object' && 'data' in body ? body.data : {};
    } catch {
      sendJson(res, 400, { errCode: -1, errMsg: 'body must be JSON: { "data": { … } }' });
      return true;
    }
    const name = match[1] as string;
    try {
      // Like WeChat, the event carries the caller's userInfo next to the data.
      const event = { ...(data && typeof data === 'object' ? data : {}), userInfo: { appId: LOCAL_APPID, openId: openid } };
      const result = await runtime.invoke(name, event, { openid, appid: LOCAL_APPID, source: 'wx_client', clientIp: '127.0.0.1' });
      sendJson(res, 200, { result });
    } catch (err) {
      const code = err instanceof CloudError ? err.code : 'FUNCTIONS_EXECUTE_FAIL';
      const mapped = CLIENT_ERROR[code] ?? { status: 500, errCode: -504002 };
      const message = err instanceof Error ? err.message : String(err);
      sendJson(res, mapped.status, { errCode: mapped.errCode, errMsg: `cloud.callFunction:fail ${mapped.errCode} ${message}` });
    }
    return true;
  };
}
