import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasImageExtension, sniffImage } from '../storage/image-type';
import { type StorageService, StorageWriteError } from '../storage/storage-actions';
import { parseMultipart } from '../tcb/multipart';
import { gatewayOpenid } from './gateway-identity';
import { sendJson } from './json-response';

/** Photos only, and not more than a phone photo needs. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Room for the multipart envelope around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** wx.cloud.getTempFileURL takes at most 50 fileIDs a call. */
const MAX_TEMP_URLS = 50;
const TEMP_URL_MAX_AGE_SECONDS = 2 * 3600;
/** What wx.cloud.getTempFileURL reports for a fileID that does not exist (STORAGE_FILE_NONEXIST). */
const FILE_MISSING_STATUS = -503003;

/** The codes a failed upload answers as `errCode`; `errMsg` is fit to show the user. */
export type UploadErrorCode = 'UPLOAD_BAD_REQUEST' | 'UPLOAD_BAD_PATH' | 'UPLOAD_TOO_LARGE' | 'UPLOAD_NOT_IMAGE' | 'UPLOAD_NOT_OWNER';

function fail(res: ServerResponse, status: number, errCode: UploadErrorCode | 'BAD_REQUEST', errMsg: string): void {
  sendJson(res, status, { errCode, errMsg });
}

/**
 * The body, or undefined when it is over `limit`. An oversized body is drained rather than cut
 * off, so the client still reads the 413 instead of a reset connection.
 */
export function readAtMost(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

/**
 * `POST /gateway/storage/upload` — multipart form with `cloudPath` and `file`: the browser's
 * wx.cloud.uploadFile. Stores the photo as the calling demo user and answers
 * `{ fileID, statusCode: 200, errMsg }` with the same `cloud://` fileID real storage hands out;
 * refused with 413 UPLOAD_TOO_LARGE, 415 UPLOAD_NOT_IMAGE (told by the bytes, not the name),
 * 400 UPLOAD_BAD_PATH (traversal, absolute, no image extension), 403 UPLOAD_NOT_OWNER.
 */
async function upload(storage: StorageService, req: IncomingMessage, res: ServerResponse, openid: string): Promise<void> {
  const declared = Number(req.headers['content-length']);
  const body = declared > MAX_PHOTO_BYTES + FORM_OVERHEAD_BYTES ? undefined : await readAtMost(req, MAX_PHOTO_BYTES + FORM_OVERHEAD_BYTES);
  if (!body) return fail(res, 413, 'UPLOAD_TOO_LARGE', `图片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`);
  const type = String(req.headers['content-type'] ?? '');
  let form: Record<string, unknown>;
  try {
    form = type.startsWith('multipart/form-data') ? parseMultipart(body, type) : {};
  } catch {
    form = {};
  }
  const { cloudPath, file } = form;
  if (typeof cloudPath !== 'string' || !Buffer.isBuffer(file)) {
    return fail(res, 400, 'UPLOAD_BAD_REQUEST', '上传内容不完整：需要 multipart 表单字段 cloudPath 和 file');
  }
  if (file.length > MAX_PHOTO_BYTES) return fail(res, 413, 'UPLOAD_TOO_LARGE', `图片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`);
  if (!sniffImage(file)) return fail(res, 415, 'UPLOAD_NOT_IMAGE', '只能上传 JPG、PNG、GIF 或 WEBP 格式的图片');
  if (!hasImageExtension(cloudPath)) {
    return fail(res, 400, 'UPLOAD_BAD_PATH', `图片的保存路径须以 .jpg、.jpeg、.png、.gif 或 .webp 结尾（${cloudPath}）`);
  }
  try {
    const fileID = await storage.putFile(cloudPath, file, openid);
    sendJson(res, 200, { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
  } catch (err) {
    if (!(err instanceof StorageWriteError)) throw err;
    if (err.reason === 'NOT_OWNER') return fail(res, 403, 'UPLOAD_NOT_OWNER', '这个位置已有别人上传的图片，不能覆盖');
    fail(res, 400, 'UPLOAD_BAD_PATH', `图片的保存路径不合法：${err.message}`);
  }
}

/**
 * `POST /gateway/storage/temp-urls` `{ fileList: [fileID…] }` — the browser's wx.cloud.getTempFileURL:
 * `{ fileList: [{ fileID, tempFileURL, status, errMsg, maxAge }] }`, signed URLs an <img> can load.
 */
async function tempUrls(storage: StorageService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let fileList: unknown;
  try {
    const body = await readAtMost(req, 64 * 1024);
    fileList = body && JSON.parse(body.toString('utf8') || '{}').fileList;
  } catch {
    fileList = undefined;
  }
  if (!Array.isArray(fileList) || fileList.length > MAX_TEMP_URLS || !fileList.every((f) => typeof f === 'string')) {
    return fail(res, 400, 'BAD_REQUEST', `body must be JSON { "fileList": [fileID, …] } with at most ${MAX_TEMP_URLS} fileIDs`);
  }
  const urls = await storage.tempFileUrls(fileList as string[], TEMP_URL_MAX_AGE_SECONDS);
  sendJson(res, 200, {
    fileList: urls.map((u) => ({
      fileID: u.fileID,
      tempFileURL: u.tempFileURL,
      status: u.code === 'SUCCESS' ? 0 : FILE_MISSING_STATUS,
      errMsg: u.code === 'SUCCESS' ? 'ok' : (u.message ?? u.code),
      maxAge: u.maxAge,
    })),
  });
}

/** The gateway's storage routes; false when the path is not one of them. */
export function createGatewayStorage(storage: StorageService) {
  const routes: Record<string, typeof tempUrls> = {
    '/gateway/storage/upload': (s, req, res) => {
      const openid = gatewayOpenid(req, res);
      return openid ? upload(s, req, res, openid) : Promise.resolve();
    },
    '/gateway/storage/temp-urls': (s, req, res) => (gatewayOpenid(req, res) ? tempUrls(s, req, res) : Promise.resolve()),
  };
  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (!pathname.startsWith('/gateway/storage/')) return false;
    const route = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
    if (!route) {
      sendJson(res, 404, { errCode: 404, errMsg: `nothing at ${pathname}` });
    } else if (req.method !== 'POST') {
      sendJson(res, 405, { errCode: -1, errMsg: 'use POST' });
    } else {
      await route(storage, req, res);
    }
    return true;
  };
}
