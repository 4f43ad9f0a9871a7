import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { ActionRegistry } from '../tcb/action-registry';
import { CloudError } from '../tcb/cloud-error';
import { parseMultipart } from '../tcb/multipart';
import { readBody } from '../tcb/tcb-endpoint';

/**
 * Cloud storage of the local cloud, as @cloudbase/node-sdk 3.17.2 (inside wx-server-sdk) uses it:
 *
 * - `uploadFile`: action `storage.getUploadMetadata` `{ path, method: 'put' }` → `data`
 *   `{ url, token, authorization, fileId, cosFileId }`; then a plain HTTP **PUT** of the bytes to
 *   `url` with headers `authorization`, `Signature`, `x-cos-security-token`,
 *   `x-cos-meta-fileid`, `key` (= encodeURIComponent(cloudPath)). Success is an empty 200 body;
 *   failure a COS XML `<Error><Code/><Message/><RequestId/><TraceId/></Error>`.
 * - `getTempFileURL`: action `storage.batchGetDownloadUrl` `{ file_list: [{ fileid, max_age }] }`
 *   → `data.download_list: [{ fileID, tempFileURL, code: 'SUCCESS', maxAge }]`, a per-item
 *   `code`/`message` (`STORAGE_FILE_NONEXIST`) for missing files.
 * - `downloadFile`: getTempFileURL, then a plain GET of `encodeURI(tempFileURL)`.
 * - `deleteFile`: action `storage.batchDeleteFile` `{ fileid_list }` →
 *   `data.delete_list: [{ fileID, code }]`.
 *
 * Files live under `dir/<cloudPath>`; fileIDs are `cloud://<env>.<bucket>/<cloudPath>`.
 * Upload URLs carry the cloudPath in the query string (never in the URL path, where a client
 * would normalise `..` away before we could refuse it) plus an HMAC; temp URLs are
 * `<publicBaseUrl>/storage/files/<cloudPath>?t=<expiry>&sign=<hmac>`.
 *
 * The browser build's uploads (the gateway's stand-in for wx.cloud.uploadFile) come in through
 * `putFile`, which records the uploading user as the file's creator.
 */
export interface StorageDeps {
  /** Where files are kept on disk. */
  dir: string;
  /** Base of the URLs handed out, e.g. `http://127.0.0.1:PORT`. */
  publicBaseUrl: string;
  envName: string;
  /** Signs upload and temp URLs; random per process unless given (set it to keep URLs valid across restarts). */
  secret?: string;
}

/** Why `putFile` refused a write: a cloudPath storage cannot take, or a file someone else owns. */
export class StorageWriteError extends Error {
  constructor(
    readonly reason: 'BAD_PATH' | 'NOT_OWNER',
    message: string,
  ) {
    super(message);
    this.name = 'StorageWriteError';
  }
}

export interface TempFileUrl {
  fileID: string;
  /** '' when the file does not exist */
  tempFileURL: string;
  code: 'SUCCESS' | 'STORAGE_FILE_NONEXIST';
  message?: string;
  maxAge: number;
}

export interface StorageService {
  actions: ActionRegistry;
  /** Serves the upload PUT (and a POST form upload) and temp-URL GET/HEAD under `/storage/`; false if the path is not storage's. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** `cloud://<env>.<bucket>/<cloudPath>` for a cloud path. */
  fileIdOf(cloudPath: string): string;
  /**
   * Stores bytes under `cloudPath` as the mini-program user `owner` would with wx.cloud.uploadFile,
   * under CloudBase's default rule (everyone reads, only the creator writes): a user may replace a
   * file only if they created it. Answers the fileID; throws StorageWriteError.
   */
  putFile(cloudPath: string, content: Buffer, owner: string): Promise<string>;
  /** Signed temp URLs, as `storage.batchGetDownloadUrl` answers them (per-item code for missing files). */
  tempFileUrls(fileIDs: string[], maxAge?: number): Promise<TempFileUrl[]>;
}

const DEFAULT_MAX_AGE = 86400;
/**
 * Creators of files uploaded by mini-program users live in a parallel tree under this folder. Its
 * name holds "%", which `cloudPathProblem` refuses, so no cloudPath can ever reach or replace it.
 */
const OWNERS_DIR = '%owners';
const UPLOAD_URL_TTL_SECONDS = 900;
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Why a cloudPath is refused, or undefined when it is acceptable. Beyond path safety (no `..`,
 * no absolute paths) the characters `? # %` and backslashes are refused because temp URLs carry
 * the path unencoded, as CloudBase's do, and the SDK runs them through `encodeURI`.
 */
export function cloudPathProblem(cloudPath: unknown): string | undefined {
  if (typeof cloudPath !== 'string' || cloudPath.length === 0) return 'cloudPath must be a non-empty string';
  if (cloudPath.length > 1024) return 'cloudPath is longer than 1024 characters';
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with "/"';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\x00-\x1f\x7f\\?#%]/.test(cloudPath)) return 'cloudPath must not contain control characters, "\\", "?", "#" or "%"';
  const segments = cloudPath.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 'cloudPath must not contain "." or ".." segments';
  if (segments.some((s) => s === '')) return 'cloudPath must not contain empty segments';
  return undefined;
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendCosError(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
  const requestId = randomBytes(8).toString('hex');
  const xml =
    "<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n" +
    `  <Code>${xmlEscape(code)}</Code>\n  <Message>${xmlEscape(message)}</Message>\n` +
    `  <Resource>${xmlEscape(resource)}</Resource>\n  <RequestId>${requestId}</RequestId>\n` +
    `  <TraceId>local-${requestId}</TraceId>\n</Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml), 'x-cos-request-id': requestId });
  res.end(xml);
}

export function createStorageActions(deps: StorageDeps): StorageService {
  const root = path.resolve(deps.dir);
  const bucket = `${deps.envName}-local-bucket`;
  const prefix = `cloud://${deps.envName}.${bucket}/`;
  const secret = deps.secret ?? randomBytes(32).toString('hex');
  const base = deps.publicBaseUrl.replace(/\/+$/, '');

  const hmac = (text: string) => createHmac('sha256', secret).update(text).digest('hex');
  const sameSign = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  const fileIdOf = (cloudPath: string) => prefix + cloudPath;

  /** Absolute file path for a valid cloudPath, never outside `root`. */
  function diskPath(cloudPath: string): string | undefined {
    if (cloudPathProblem(cloudPath)) return undefined;
    const full = path.resolve(root, ...cloudPath.split('/'));
    return full.startsWith(root + path.sep) ? full : undefined;
  }

  function cloudPathOf(fileId: unknown): string | undefined {
    if (typeof fileId !== 'string' || !fileId.startsWith(prefix)) return undefined;
    const cloudPath = fileId.slice(prefix.length);
    return cloudPathProblem(cloudPath) ? undefined : cloudPath;
  }

  async function isFile(full: string): Promise<boolean> {
    try {
      return (await fs.stat(full)).isFile();
    } catch {
      return false;
    }
  }

  const ownerRecord = (cloudPath: string) => path.join(root, OWNERS_DIR, ...cloudPath.split('/'));

  async function writeAtomically(full: string, content: Buffer): Promise<void> {
    await fs.mkdir(path.dirname(full), { recursive: true });
    const tmp = `${full}.uploading-${randomBytes(4).toString('hex')}`;
    await fs.writeFile(tmp, content);
    await fs.rename(tmp, full);
  }

  async function ownerOf(cloudPath: string): Promise<string | undefined> {
    try {
      return await fs.readFile(ownerRecord(cloudPath), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The server side (SDK, admin) writes or deletes: the file no longer belongs to a user. */
  const forgetOwner = (cloudPath: string) => fs.rm(ownerRecord(cloudPath), { force: true });

  function tempUrl(cloudPath: string, maxAge: number): string {
    const expires = Math.floor(Date.now() / 1000) + maxAge;
    // Unencoded path, as CloudBase hands them out: the SDK applies encodeURI before fetching.
    return `${base}/storage/files/${cloudPath}?t=${expires}&sign=${hmac(`get\n${cloudPath}\n${expires}`)}`;
  }

  async function tempFileUrl(fileID: string, maxAge: number): Promise<TempFileUrl> {
    const cloudPath = cloudPathOf(fileID);
    const full = cloudPath && diskPath(cloudPath);
    if (!cloudPath || !full || !(await isFile(full))) return { ...missing(fileID), maxAge };
    return { fileID, tempFileURL: tempUrl(cloudPath, maxAge), code: 'SUCCESS', maxAge };
  }

  const missing = (fileID: string) => ({
    fileID,
    tempFileURL: '',
    code: 'STORAGE_FILE_NONEXIST' as const,
    message: `file ${fileID} does not exist in the local cloud storage`,
  });

  const actions: ActionRegistry = {
    'storage.getUploadMetadata': (params) => {
      // The path is checked again (and refused with a clear COS error the SDK reports) when
      // the bytes arrive: wx-server-sdk cannot surface an error answer of this step, it crashes
      // destructuring the missing `data`. Non-strings are refused here.
      if (typeof params.path !== 'string') throw new CloudError('INVALID_PARAM', 'path must be a string');
      const cloudPath = params.path;
      const expires = Math.floor(Date.now() / 1000) + UPLOAD_URL_TTL_SECONDS;
      const sign = hmac(`put\n${cloudPath}\n${expires}`);
      const url = `${base}/storage/upload?key=${encodeURIComponent(cloudPath)}&t=${expires}`;
      const fileId = fileIdOf(cloudPath);
      return {
        url,
        token: `local-token-${expires}`,
        authorization: sign,
        fileId,
        cosFileId: `local-cos-${sign.slice(0, 16)}`,
        download_url: `${base}/storage/files/${cloudPath}`,
      };
    },

    'storage.batchGetDownloadUrl': async (params) => {
      const list = Array.isArray(params.file_list) ? params.file_list : undefined;
      if (!list) throw new CloudError('INVALID_PARAM', 'file_list must be an array');
      const download_list = await Promise.all(
        list.map((item: unknown) => {
          const entry = (item && typeof item === 'object' ? item : {}) as { fileid?: unknown; max_age?: unknown };
          const maxAge = Number(entry.max_age) > 0 ? Math.floor(Number(entry.max_age)) : DEFAULT_MAX_AGE;
          return tempFileUrl(String(entry.fileid ?? ''), maxAge);
        }),
      );
      return { download_list };
    },

    'storage.batchDeleteFile': async (params) => {
      const list = Array.isArray(params.fileid_list) ? params.fileid_list : undefined;
      if (!list) throw new CloudError('INVALID_PARAM', 'fileid_list must be an array');
      const delete_list = [];
      for (const fileId of list) {
        const fileID = String(fileId);
        const cloudPath = cloudPathOf(fileId);
        const full = cloudPath && diskPath(cloudPath);
        if (!full || !(await isFile(full))) {
          const { tempFileURL: _, ...rest } = missing(fileID);
          delete_list.push(rest);
          continue;
        }
        await fs.unlink(full);
        await forgetOwner(cloudPath);
        delete_list.push({ fileID, code: 'SUCCESS' });
      }
      return { delete_list };
    },
  };

  async function acceptUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const expires = Number(url.searchParams.get('t'));
    let cloudPath = url.searchParams.get('key') ?? '';
    let content: Buffer;
    let signature = String(req.headers.authorization ?? '');
    const body = await readBody(req, MAX_UPLOAD_BYTES);
    if (req.method === 'POST') {
      // A browser-style form upload: fields `key`, `Signature` (or `authorization`), `file`.
      const form = parseMultipart(body, String(req.headers['content-type'] ?? ''));
      if (typeof form.key === 'string') cloudPath = form.key;
      signature = String(form.Signature ?? form.authorization ?? signature);
      content = Buffer.isBuffer(form.file) ? form.file : Buffer.from(String(form.file ?? ''));
    } else {
      content = body;
      const keyHeader = req.headers.key;
      if (typeof keyHeader === 'string' && decodeURIComponent(keyHeader) !== cloudPath) {
        return sendCosError(res, 400, 'InvalidArgument', 'the key header does not match the upload URL', cloudPath);
      }
    }
    if (!sameSign(signature, hmac(`put\n${cloudPath}\n${expires}`))) {
      return sendCosError(res, 403, 'SignatureDoesNotMatch', 'the upload signature does not match this cloudPath', cloudPath);
    }
    if (!(expires * 1000 > Date.now())) return sendCosError(res, 403, 'AccessDenied', 'the upload URL has expired', cloudPath);
    const problem = cloudPathProblem(cloudPath);
    const full = problem ? undefined : diskPath(cloudPath);
    if (!full)
      return sendCosError(res, 400, 'InvalidArgument', `invalid cloudPath "${cloudPath}": ${problem ?? 'outside storage'}`, cloudPath);
    await writeAtomically(full, content);
    await forgetOwner(cloudPath);
    res.writeHead(200, { 'content-length': 0, 'x-cos-request-id': randomBytes(8).toString('hex') });
    res.end();
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let cloudPath: string;
    try {
      cloudPath = url.pathname
        .slice('/storage/files/'.length)
        .split('/')
        .map((s) => decodeURIComponent(s))
        .join('/');
    } catch {
      return sendCosError(res, 400, 'InvalidURI', 'malformed URL encoding', url.pathname);
    }
    const expires = Number(url.searchParams.get('t'));
    const sign = url.searchParams.get('sign') ?? '';
    if (!sameSign(sign, hmac(`get\n${cloudPath}\n${expires}`))) {
      return sendCosError(res, 403, 'AccessDenied', 'invalid signature: get a fresh URL with getTempFileURL', cloudPath);
    }
    if (!(expires * 1000 > Date.now())) return sendCosError(res, 403, 'AccessDenied', 'the temp URL has expired', cloudPath);
    const full = diskPath(cloudPath);
    if (!full || !(await isFile(full))) return sendCosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', cloudPath);
    const content = await fs.readFile(full);
    res.writeHead(200, {
      'content-type': MIME[path.extname(full).toLowerCase()] ?? 'application/octet-stream',
      'content-length': content.length,
      'cache-control': 'private, max-age=60',
      'access-control-allow-origin': '*',
    });
    res.end(req.method === 'HEAD' ? undefined : content);
  }

  function handleHttp(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://local');
    let work: Promise<void> | undefined;
    if (url.pathname === '/storage/upload' && (req.method === 'PUT' || req.method === 'POST')) {
      work = acceptUpload(req, res, url);
    } else if (url.pathname.startsWith('/storage/files/') && (req.method === 'GET' || req.method === 'HEAD')) {
      work = serveFile(req, res, url);
    } else if (url.pathname === '/storage/upload' || url.pathname.startsWith('/storage/files/')) {
      sendCosError(res, 405, 'MethodNotAllowed', `${req.method} is not allowed here`, url.pathname);
      return true;
    } else {
      return false;
    }
    work.catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      sendCosError(res, 500, 'InternalError', err instanceof Error ? err.message : String(err), url.pathname);
    });
    return true;
  }

  async function putFile(cloudPath: string, content: Buffer, owner: string): Promise<string> {
    const problem = cloudPathProblem(cloudPath);
    const full = problem ? undefined : diskPath(cloudPath);
    if (!full) throw new StorageWriteError('BAD_PATH', `invalid cloudPath "${cloudPath}": ${problem ?? 'outside storage'}`);
    if ((await isFile(full)) && (await ownerOf(cloudPath)) !== owner) {
      throw new StorageWriteError('NOT_OWNER', `${cloudPath} was created by someone else; only its creator may replace it`);
    }
    await writeAtomically(full, content);
    await writeAtomically(ownerRecord(cloudPath), Buffer.from(owner, 'utf8'));
    return fileIdOf(cloudPath);
  }

  const tempFileUrls = (fileIDs: string[], maxAge = DEFAULT_MAX_AGE) => Promise.all(fileIDs.map((id) => tempFileUrl(id, maxAge)));

  return { actions, handleHttp, fileIdOf, putFile, tempFileUrls };
}
