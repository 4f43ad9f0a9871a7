import Taro from '@tarojs/taro';
import { currentDevOpenid } from './dev-identity';

/**
 * The ONE place the front end calls the cloud.
 *
 * - weapp: `Taro.cloud.callFunction` (WeChat Cloud), initialised lazily once.
 * - h5 (local/browser build): POST to the local gateway, `/gateway/functions/<name>`, with the
 *   switchable dev identity in `x-wx-openid`. The gateway answers `{ result }` like callFunction's
 *   `res.result`, or HTTP >= 400 with `{ errCode, errMsg }`.
 *
 * Every function answers `{ ok: true, data }` or `{ ok: false, code, message }`; `callCloud` returns
 * `data` or throws a `CloudCallError`. The branch on `process.env.TARO_ENV` is a build-time constant,
 * so each build carries only its own transport (the weapp output contains no gateway code).
 */

export const NETWORK_ERROR_MESSAGE = '网络异常，请稍后重试';

export class CloudCallError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'CloudCallError';
    this.code = code;
  }
}

type FunctionResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Turns a function's `{ ok, ... }` answer into its data or a thrown CloudCallError. */
export function unwrapResult<T>(name: string, result: unknown): T {
  if (!isRecord(result) || typeof result.ok !== 'boolean') {
    throw new CloudCallError('BAD_RESPONSE', `服务返回了无法识别的结果（${name}）`);
  }
  const typed = result as FunctionResult<T>;
  if (typed.ok) return typed.data;
  throw new CloudCallError(String(typed.code ?? 'UNKNOWN'), String(typed.message ?? '操作失败'));
}

/** Transport errors (`{ errCode, errMsg }` from callFunction or the gateway) → CloudCallError. */
function transportError(err: unknown): CloudCallError {
  if (err instanceof CloudCallError) return err;
  if (isRecord(err) && err.errCode !== undefined && err.errCode !== null) {
    const errMsg = typeof err.errMsg === 'string' ? err.errMsg : '';
    if (/timeout|network|request:fail/i.test(errMsg)) {
      return new CloudCallError('NETWORK', NETWORK_ERROR_MESSAGE);
    }
    return new CloudCallError(String(err.errCode), errMsg || '服务暂不可用，请稍后重试');
  }
  return new CloudCallError('NETWORK', NETWORK_ERROR_MESSAGE);
}

let cloudReady = false;

function ensureCloud(): void {
  if (cloudReady) return;
  const env = process.env.TARO_APP_CLOUD_ENV;
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true });
  cloudReady = true;
}

async function callViaWeChat(name: string, data: object | undefined): Promise<unknown> {
  ensureCloud();
  try {
    const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> | undefined });
    return res.result;
  } catch (err) {
    throw transportError(err);
  }
}

async function callViaGateway(name: string, data: object | undefined): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/gateway/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': currentDevOpenid() ?? '' },
      body: JSON.stringify({ data: data ?? {} }),
    });
  } catch {
    throw new CloudCallError('NETWORK', NETWORK_ERROR_MESSAGE);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw response.ok
      ? new CloudCallError('BAD_RESPONSE', `服务返回了无法识别的结果（${name}）`)
      : new CloudCallError(`HTTP_${response.status}`, NETWORK_ERROR_MESSAGE);
  }
  if (!response.ok) {
    throw isRecord(body) && body.errCode !== undefined
      ? transportError(body)
      : new CloudCallError(`HTTP_${response.status}`, NETWORK_ERROR_MESSAGE);
  }
  return isRecord(body) ? body.result : undefined;
}

export async function callCloud<T>(name: string, data?: object): Promise<T> {
  const result = process.env.TARO_ENV === 'h5' ? await callViaGateway(name, data) : await callViaWeChat(name, data);
  return unwrapResult<T>(name, result);
}

/** Message to show a user for any error thrown by `callCloud`. */
export function errorMessage(err: unknown): string {
  if (err instanceof CloudCallError) return err.message;
  return NETWORK_ERROR_MESSAGE;
}
