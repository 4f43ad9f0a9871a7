import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, serveStatic } from '../../../local-cloud/http/static-files';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request (fetch would decode the body and hide Content-Encoding). */
function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the local cloud serves the H5 build compressed and cacheable', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'static-files-'));
  const script = `console.log(${JSON.stringify('文明实践 '.repeat(2000))});\n`;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    mkdirSync(path.join(root, 'js'));
    writeFileSync(path.join(root, 'index.html'), `<!doctype html><html><body>${'<div></div>'.repeat(200)}</body></html>`);
    writeFileSync(path.join(root, 'js', 'app.0123abcd.js'), script);
    writeFileSync(path.join(root, 'js', 'tiny.js'), 'x');
    server = createServer((req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://local').pathname;
      if (!serveStatic(root, req, res, pathname)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('sends brotli when accepted, with Vary, the exact length and a year of immutable caching for hashed names', async () => {
    const reply = await get(port, '/js/app.0123abcd.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(reply.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(brotliDecompressSync(reply.body).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file, as Accept-Encoding allows', async () => {
    const gz = await get(port, '/js/app.0123abcd.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const refused = await get(port, '/js/app.0123abcd.js', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.headers.vary).toBe('Accept-Encoding');
    expect(refused.body.toString()).toBe(script);
  });

  it('revalidates the page (no-cache + ETag → 304) and routes fall back to it; a missing asset is a 404', async () => {
    const page = await get(port, '/', { 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const etag = String(page.headers.etag);
    const again = await get(port, '/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const route = await get(port, '/pages/order/list/index');
    expect(route.status).toBe(200);
    expect(route.headers.etag).toBe(etag);
    expect((await get(port, '/js/gone.deadbeef.js')).status).toBe(404);
    expect((await get(port, '/../package.json')).status).not.toBe(200);
  });

  it('sends a tiny file as it is, and an unhashed name is cached for an hour only', async () => {
    const tiny = await get(port, '/js/tiny.js', { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers['cache-control']).toBe('public, max-age=3600');
    expect(tiny.body.toString()).toBe('x');
  });

  it('reads Accept-Encoding with q-values and wildcards', () => {
    const both = { br: 1, gzip: 1 };
    expect(chooseEncoding('gzip, br', both)).toBe('br');
    expect(chooseEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(chooseEncoding('*', both)).toBe('br');
    expect(chooseEncoding('*;q=0', both)).toBe('identity');
    expect(chooseEncoding(undefined, both)).toBe('identity');
    expect(chooseEncoding('br', { gzip: 1 })).toBe('identity');
  });
});
