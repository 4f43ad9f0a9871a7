import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Text formats worth compressing (images and woff2 are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.txt', '.map', '.svg', '.ico', '.ttf']);
/** Below this a compressed copy saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
/**
 * Names with a content hash (webpack's `[name].[contenthash:8].js`, `[name].[chunkhash].css`): their
 * content never changes under that name, so browsers may keep them for a year without asking again.
 */
const HASHED_NAME = /\.[0-9a-f]{8,}\.(js|css)$/;

type Encoding = 'br' | 'gzip' | 'identity';

interface Variants {
  mtimeMs: number;
  size: number;
  etag: string;
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/** Compressed copies per file, made once (at the first request for the folder, in the background) and kept while the file is unchanged. */
const cache = new Map<string, Promise<Variants>>();
const warmedRoots = new Set<string>();

async function makeVariants(file: string, mtimeMs: number, size: number): Promise<Variants> {
  const identity = await readFile(file);
  const etag = `"${createHash('sha1').update(identity).digest('base64url').slice(0, 20)}"`;
  const variants: Variants = { mtimeMs, size, etag, identity };
  if (COMPRESSIBLE.has(path.extname(file)) && identity.length >= MIN_COMPRESS_BYTES) {
    const [br, gz] = await Promise.all([
      brotli(identity, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
          [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        },
      }),
      gzipAsync(identity, { level: 9 }),
    ]);
    if (br.length < identity.length) variants.br = br;
    if (gz.length < identity.length) variants.gzip = gz;
  }
  return variants;
}

function variantsOf(file: string): Promise<Variants> {
  const { mtimeMs, size } = statSync(file);
  const cached = cache.get(file);
  if (cached) {
    const fresh = cached.then((v) => (v.mtimeMs === mtimeMs && v.size === size ? v : undefined));
    return fresh.then((v) => v ?? refresh(file, mtimeMs, size));
  }
  return refresh(file, mtimeMs, size);
}

function refresh(file: string, mtimeMs: number, size: number): Promise<Variants> {
  const made = makeVariants(file, mtimeMs, size);
  cache.set(file, made);
  made.catch(() => cache.delete(file));
  return made;
}

/** Compresses every text file of the build once, a few at a time, so the first visitor rarely waits for it. */
function warm(root: string): void {
  if (warmedRoots.has(root)) return;
  warmedRoots.add(root);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (COMPRESSIBLE.has(path.extname(entry.name)) && !entry.name.endsWith('.LICENSE.txt')) files.push(full);
    }
  };
  try {
    walk(root);
  } catch {
    return;
  }
  // The page's own files first: index.html, then the entry and shared chunks.
  files.sort((a, b) => Number(b.endsWith('index.html')) - Number(a.endsWith('index.html')));
  const next = async (): Promise<void> => {
    const file = files.shift();
    if (!file) return;
    if (!cache.has(file) && existsSync(file)) await variantsOf(file).catch(() => undefined);
    return next();
  };
  for (let i = 0; i < 2; i++) void next();
}

/** The encoding to send: brotli, else gzip, as the request's Accept-Encoding allows (q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | string[] | undefined, available: { br?: unknown; gzip?: unknown }): Encoding {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(token, q ? Number(q.slice(2)) || 0 : 1);
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (available.br && allows('br')) return 'br';
  if (available.gzip && allows('gzip')) return 'gzip';
  return 'identity';
}

function cacheControl(file: string): string {
  if (path.basename(file) === 'index.html') return 'no-cache';
  if (HASHED_NAME.test(path.basename(file))) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

async function send(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  const variants = await variantsOf(file);
  const headers: Record<string, string> = {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': cacheControl(file),
    etag: variants.etag,
  };
  if (variants.br || variants.gzip) headers.vary = 'Accept-Encoding';
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === variants.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const encoding = chooseEncoding(req.headers['accept-encoding'], variants);
  const body = encoding === 'identity' ? variants.identity : (variants[encoding] as Buffer);
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Serves the H5 build (hash router, so every unknown extension-less path falls back to index.html): brotli or gzip
 * when the browser accepts it (compressed once per file, then cached), ETag revalidation, and a
 * year's immutable caching for content-hashed names.
 */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const base = path.resolve(root);
  const resolved = path.resolve(base, `.${decoded}`);
  if (resolved !== base && !resolved.startsWith(`${base}${path.sep}`)) return false;
  let file = resolved;
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // A missing file (an old chunk name, favicon.ico) is a 404, not the page: only routes fall back.
    if (path.extname(decoded)) return false;
    file = path.join(base, 'index.html');
  }
  if (!existsSync(file)) return false;
  warm(base);
  send(req, res, file).catch((err: unknown) => {
    console.error('[local-cloud] static file failed', file, err);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end();
  });
  return true;
}
