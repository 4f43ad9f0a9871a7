import Taro from '@tarojs/taro';
import type { ActionName, AnswerOf, FunctionContract, InputOf } from '@/contracts/kit';
import type { FunctionRef } from '@/contracts/ref';
import { currentDevOpenid } from './dev-identity';

/**
 * The ONE place the front end calls the cloud.
 *
 * - weapp: `Taro.cloud.callFunction` (WeChat Cloud), initialised lazily once.
 * - h5 (local/browser build): POST to the local gateway, `/gateway/functions/<name>`, with the
 *   switchable dev identity in `x-wx-openid`. The gateway answers `{ result }` like callFunction's
 *   `res.result`, or HTTP >= 400 with `{ errCode, errMsg }`.
 * - Cloud storage likewise: `uploadCloudFile` (wx.cloud.uploadFile / `/gateway/storage/upload`) and
 *   `cloudImageUrls` (cloud:// fileIDs → URLs an image can load).
 *
 * Every function answers `{ ok: true, data }` or `{ ok: false, code, message }`; `callCloud` returns
 * `data` or throws a `CloudCallError`. The branch on `process.env.TARO_ENV` is a build-time constant,
 * so each build carries only its own transport (the weapp output contains no gateway code).
 */

export const NETWORK_ERROR_MESSAGE = '网络不太好，请检查网络后点「重试」';
/** No answer within CALL_TIMEOUT_MS: the spinner ends with this and a 重试 button. */
export const TIMEOUT_MESSAGE = '等了很久还没有结果，请检查网络后点「重试」';
export const NO_IDENTITY_MESSAGE = '还没有选择身份，请回到首页选一个身份后再试';
/** Long enough for a cold cloud function (a few seconds), short enough that nobody stares at 加载中 for ever. */
export const CALL_TIMEOUT_MS = 15_000;

const CJK = /[\u4e00-\u9fff]/;

/**
 * Every message a person reads is Chinese and says what to do next: a message without Chinese
 * (a platform's English errMsg, an unexpected answer) gives way to one chosen by its code.
 */
export function userMessage(code: string, message: string | undefined): string {
  // Browser build: no identity means nobody was chosen on 以…身份进入 yet (WeChat always attaches one).
  if (process.env.TARO_ENV === 'h5' && (code === 'AUTH.UNAUTHENTICATED' || code === '-601034' || code === 'HTTP_401')) {
    return NO_IDENTITY_MESSAGE;
  }
  if (message && CJK.test(message)) return message;
  if (code === 'TIMEOUT') return TIMEOUT_MESSAGE;
  if (code.startsWith('INPUT.')) return '填写的内容有误，请检查后再试';
  if (code.startsWith('AUTH.')) return '没有权限进行这个操作，如有疑问请联系社区';
  return '服务暂时不可用，请稍后点「重试」';
}

export class CloudCallError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(userMessage(code, message));
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
    return new CloudCallError(String(err.errCode), errMsg);
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

/**
 * One request to the local gateway as the chosen demo user: the parsed JSON answer, or a
 * CloudCallError (network, unreadable answer, or the gateway's `{ errCode, errMsg }`).
 */
async function gatewayRequest(path: string, body: BodyInit, what: string, contentType?: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { ...(contentType ? { 'content-type': contentType } : {}), 'x-wx-openid': currentDevOpenid() ?? '' },
      body,
    });
  } catch {
    throw new CloudCallError('NETWORK', NETWORK_ERROR_MESSAGE);
  }
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    throw response.ok
      ? new CloudCallError('BAD_RESPONSE', `服务返回了无法识别的结果（${what}）`)
      : new CloudCallError(`HTTP_${response.status}`, NETWORK_ERROR_MESSAGE);
  }
  if (!response.ok) {
    throw isRecord(answer) && answer.errCode !== undefined
      ? transportError(answer)
      : new CloudCallError(`HTTP_${response.status}`, NETWORK_ERROR_MESSAGE);
  }
  return isRecord(answer) ? answer : {};
}

async function callViaGateway(name: string, data: object | undefined): Promise<unknown> {
  const body = JSON.stringify({ data: data ?? {} });
  return (await gatewayRequest(`/gateway/functions/${encodeURIComponent(name)}`, body, name, 'application/json')).result;
}

/** The call's answer, or a TIMEOUT CloudCallError after `ms` (a late answer is then ignored). */
export function withTimeout<T>(call: Promise<T>, ms = CALL_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CloudCallError('TIMEOUT', TIMEOUT_MESSAGE)), ms);
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

async function invoke<T>(name: string, data: object | undefined): Promise<T> {
  const call = process.env.TARO_ENV === 'h5' ? callViaGateway(name, data) : callViaWeChat(name, data);
  return unwrapResult<T>(name, await withTimeout(call));
}

/** Input may be left out for actions whose whole input is optional. */
/** An action that takes nothing takes no fields at all (`{}` alone would accept any object). */
type InputArgs<C extends FunctionContract, A extends ActionName<C>> = [keyof InputOf<C, A>] extends [never]
  ? [input?: Record<string, never>]
  : Partial<InputOf<C, A>> extends InputOf<C, A>
    ? [input?: InputOf<C, A>]
    : [input: InputOf<C, A>];

/**
 * Calls one action of a cloud function, typed by its contract: a wrong action, input field or
 * answer field fails `tsc`. Answers the action's data or throws a `CloudCallError`.
 */
export function callCloud<C extends FunctionContract, A extends ActionName<C>>(
  fn: FunctionRef<C>,
  action: A,
  ...[input]: InputArgs<C, A>
): Promise<AnswerOf<C, A>> {
  return invoke<AnswerOf<C, A>>(fn.name, { ...(input as object | undefined), action });
}

export const UPLOAD_ERROR_MESSAGE = '图片上传失败，请重试';

async function uploadViaWeChat(cloudPath: string, filePath: string): Promise<string> {
  ensureCloud();
  try {
    return (await Taro.cloud.uploadFile({ cloudPath, filePath })).fileID;
  } catch (err) {
    const errMsg = isRecord(err) && typeof err.errMsg === 'string' ? err.errMsg : '';
    throw /timeout|network|request:fail/i.test(errMsg)
      ? new CloudCallError('NETWORK', NETWORK_ERROR_MESSAGE)
      : new CloudCallError('UPLOAD_FAILED', UPLOAD_ERROR_MESSAGE);
  }
}

/** The browser's chosen files are blob: URLs; the gateway takes them as a multipart form. */
async function uploadViaGateway(cloudPath: string, filePath: string): Promise<string> {
  let file: Blob;
  try {
    file = await (await fetch(filePath)).blob();
  } catch {
    throw new CloudCallError('UPLOAD_FAILED', '读取图片失败，请重新选择');
  }
  const form = new FormData();
  form.set('cloudPath', cloudPath);
  form.set('file', file, cloudPath.slice(cloudPath.lastIndexOf('/') + 1));
  const answer = await gatewayRequest('/gateway/storage/upload', form, 'uploadFile');
  if (typeof answer.fileID !== 'string') throw new CloudCallError('BAD_RESPONSE', UPLOAD_ERROR_MESSAGE);
  return answer.fileID;
}

/**
 * Uploads a chosen file (a temp file path from Taro.chooseImage) to cloud storage under
 * `cloudPath` as the current user; answers its fileID (`cloud://…`). weapp: wx.cloud.uploadFile;
 * h5: the gateway, which takes images only (JPG/PNG/GIF/WEBP, at most 10 MB) and says why not.
 */
export async function uploadCloudFile(cloudPath: string, filePath: string): Promise<string> {
  return process.env.TARO_ENV === 'h5' ? uploadViaGateway(cloudPath, filePath) : uploadViaWeChat(cloudPath, filePath);
}

async function tempUrlsViaGateway(fileIDs: string[]): Promise<Map<string, string>> {
  const answer = await gatewayRequest(
    '/gateway/storage/temp-urls',
    JSON.stringify({ fileList: fileIDs }),
    'getTempFileURL',
    'application/json',
  );
  const list = Array.isArray(answer.fileList) ? answer.fileList : [];
  const urls = new Map<string, string>();
  for (const item of list) {
    if (isRecord(item) && item.status === 0 && typeof item.fileID === 'string' && typeof item.tempFileURL === 'string') {
      urls.set(item.fileID, item.tempFileURL);
    }
  }
  return urls;
}

/**
 * URLs that show cloud files (`cloud://` fileIDs) as images, by fileID; files that do not exist
 * are left out. weapp's <Image> shows a fileID itself, so there it is its own URL; the browser
 * asks the gateway for temp URLs (the stand-in for wx.cloud.getTempFileURL, at most 50 a call).
 */
export function cloudImageUrls(fileIDs: string[]): Promise<Map<string, string>> {
  // One expression, not an early return: the minifier drops the browser branch from the weapp build.
  return process.env.TARO_ENV === 'h5' ? tempUrlsViaGateway(fileIDs) : Promise.resolve(new Map(fileIDs.map((id) => [id, id])));
}

/** Message to show a user for any error thrown by `callCloud`. */
export function errorMessage(err: unknown): string {
  if (err instanceof CloudCallError) return err.message;
  return NETWORK_ERROR_MESSAGE;
}
