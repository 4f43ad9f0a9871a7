import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { buildFunctions, bundleFunctions, KEEPS_INSTALLED_SDK, ownBytes, sdkSource } from '../../scripts/build-functions';

/**
 * Each folder under cloudfunctions/ is uploaded on its own and WeChat installs only what its
 * package.json lists (云端安装依赖). So a bundle may require, besides Node's own modules, exactly
 * the packages its package.json lists — anything else works here (the repo's node_modules is on
 * the resolution path) and breaks on WeChat Cloud. These tests read what the jest global setup
 * built (npm run build:functions, the default build: wx-server-sdk bundled except KEEPS_INSTALLED_SDK).
 */
const root = path.resolve(__dirname, '..', '..', 'cloudfunctions');
const functions = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'src', 'index.ts')))
  .map((d) => d.name);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** WeChat Cloud takes a function's zip of at most 1.5 MB through the API (manager-node's API_MAX_SIZE). */
const API_MAX_ZIP = 1.5 * 1024 * 1024;

function requiredPackages(bundle: string): Set<string> {
  const names = new Set<string>();
  for (const match of bundle.matchAll(/\brequire\((["'])([^"']+)\1\)/g)) {
    const spec = match[2] ?? '';
    if (builtins.has(spec) || spec.startsWith('.') || spec.startsWith('/')) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
  }
  return names;
}

/** The uploaded folder's files (as scripts/deploy packs it: not src/, node_modules/ or maps), relative to it. */
function uploadedFiles(name: string, dir = ''): string[] {
  return readdirSync(path.join(root, name, dir))
    .filter((f) => !(dir === '' && (f === 'src' || f === 'node_modules')) && !f.endsWith('.map'))
    .flatMap((f) => (statSync(path.join(root, name, dir, f)).isDirectory() ? uploadedFiles(name, path.join(dir, f)) : [path.join(dir, f)]));
}

/** About the size of the zip manager-node makes (deflate per file, plus each file's headers). */
function zipBytes(name: string): number {
  return uploadedFiles(name).reduce((sum, file) => {
    const bytes = readFileSync(path.join(root, name, file));
    return sum + Math.min(deflateRawSync(bytes).length, bytes.length) + 30 + 46 + 2 * file.length + 16;
  }, 22);
}

describe('cloud function packages upload on their own', () => {
  let metafile: Metafile;
  beforeAll(async () => {
    // The default build again, in memory, for esbuild's account of what each bundle holds.
    metafile = await bundleFunctions(functions, {}, false);
  }, 60_000);

  it.each(functions)('%s requires only Node built-ins and what its package.json lists', (name) => {
    const bundle = readFileSync(path.join(root, name, 'index.js'), 'utf8');
    const listed = Object.keys(JSON.parse(readFileSync(path.join(root, name, 'package.json'), 'utf8')).dependencies ?? {});
    // index.js and the SDK parts it loads on first use (sdk-lazy/*.js), which it requires by relative path.
    const scripts = uploadedFiles(name).filter((f) => f.endsWith('.js'));
    const required = [...new Set(scripts.flatMap((f) => [...requiredPackages(readFileSync(path.join(root, name, f), 'utf8'))]))];
    const relative = [...bundle.matchAll(/\brequire\("(\.\/[^"]+)"\)/g)].map((m) => path.normalize(m[1] ?? ''));
    expect(scripts.filter((f) => f !== 'index.js').sort()).toEqual([...new Set(relative)].sort());
    expect(required.filter((p) => !listed.includes(p))).toEqual([]);
    // Listed either way: the installed SDK is the fallback (`npm run build:functions -- --installed-sdk`).
    expect(listed).toContain('wx-server-sdk');
    if (sdkSource(name) === 'installed') expect(required).toContain('wx-server-sdk');
    else {
      expect(required).not.toContain('wx-server-sdk');
      expect(bundle.startsWith('// Built by npm run build:functions from src/, with wx-server-sdk bundled.')).toBe(true);
      expect(relative).toEqual(expect.arrayContaining(['sdk-lazy/axios.js', 'sdk-lazy/jsonwebtoken.js', 'sdk-lazy/form-data.js']));
    }
  });

  // Every cold start parses the whole bundle: a large library bundled by mistake (an export or PDF
  // library imported without listing it in package.json) shows up here first, as bytes. Our part is
  // what the entry reaches without going through wx-server-sdk (our code and the libraries we bundle).
  it.each(functions)('%s keeps its own part of the bundle under 600 KB', (name) => {
    const own = ownBytes(metafile, name);
    expect(own).toBeGreaterThan(20 * 1024);
    expect(own).toBeLessThan(600 * 1024);
    if (sdkSource(name) === 'installed') {
      // Nothing but our part (and esbuild's few helpers): the bundle on disk is about the same size.
      expect(readFileSync(path.join(root, name, 'index.js')).length).toBeLessThan(own + 8 * 1024);
    }
  });

  it.each(functions)('%s uploads as a zip within the API limit of 1.5 MB', (name) => {
    expect(uploadedFiles(name)).toEqual(expect.arrayContaining(['index.js', 'package.json', 'config.json']));
    expect(zipBytes(name)).toBeLessThan(API_MAX_ZIP);
  });

  it('bundles the SDK into every function but those that would not fit', () => {
    expect(functions.filter((n) => sdkSource(n) === 'installed')).toEqual(Object.keys(KEEPS_INSTALLED_SDK));
    expect(Object.keys(KEEPS_INSTALLED_SDK)).toEqual(['activity']);
    // The activity function's certificate font alone takes most of its 1.5 MB.
    expect(statSync(path.join(root, 'activity', 'cert-font.ttf.br')).size).toBeGreaterThan(1.1 * 1024 * 1024);
  });
});

/**
 * A probe function bundled as the functions are (SDK bundled, its rarely used parts lazy) that takes
 * the paths leading to those parts: credentials from the metadata server (axios), a multipart
 * request through a proxy (form-data, http-proxy-agent), a custom login ticket (jsonwebtoken).
 * Stand-ins for the metadata server and the proxy listen on 127.0.0.1 inside the probe's process.
 */
const PROBE = `
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import cloud from 'wx-server-sdk';
const metadata = require('@cloudbase/node-sdk/dist/utils/metadata');
const { request } = require('@cloudbase/node-sdk/dist/utils/request-core');
const { auth } = require('@cloudbase/node-sdk/dist/auth');
const { version } = require('@cloudbase/node-sdk/dist/utils/version');
const lazyLoaded = () => Object.keys(require.cache).filter((k) => k.includes('sdk-lazy')).map((k) => k.split(/[\\\\/]/).pop()).sort();

export async function main() {
  const atStart = lazyLoaded();
  const seen = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => { seen.push({ url: req.url, type: String(req.headers['content-type']).split(';')[0], body: body.includes('name="part"') }); res.setHeader('content-type', 'application/json'); res.end('{"ok":1}'); });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy = 'http://127.0.0.1:' + server.address().port;
  process.env.http_proxy = proxy;
  const appIdAnswer = await metadata.lookup('meta-data/app-id');
  const multipart = await new Promise((resolve, reject) =>
    request({ url: 'http://cos.invalid/upload', method: 'POST', formData: { part: 'x' }, proxy, timeout: 5000, json: true }, (err, _res, body) => (err ? reject(err) : resolve(body))),
  );
  server.close();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const ticket = auth({ config: { envName: 'probe-env', credentials: { private_key_id: 'k1', private_key: privateKey, env_id: 'probe-env' } } }).createTicket('probe-user');
  return { atStart, appIdAnswer, multipart, seen, ticket: ticket.split('.').length, after: lazyLoaded(), version, init: typeof cloud.init };
}
`;

describe('the SDK parts a bundle loads on first use', () => {
  it('are not loaded at start and work when a path needs them (metadata credentials, multipart through a proxy, login tickets)', async () => {
    const dir = path.join(__dirname, '..', '..', '.test-artifacts', `lazy-sdk-probe-${process.pid}`);
    try {
      mkdirSync(path.join(dir, 'probe', 'src'), { recursive: true });
      writeFileSync(path.join(dir, 'probe', 'package.json'), JSON.stringify({ dependencies: { 'wx-server-sdk': '4.0.2' } }));
      writeFileSync(path.join(dir, 'probe', 'config.json'), '{}');
      writeFileSync(path.join(dir, 'probe', 'src', 'index.ts'), PROBE);
      await buildFunctions(['probe'], { srcRoot: dir, outRoot: dir, sdk: 'bundled' });
      const script = `require(${JSON.stringify(path.join(dir, 'probe', 'index.js'))}).main().then((r) => { console.log(JSON.stringify(r)); process.exit(0); })`;
      const out = JSON.parse(
        execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '' }, timeout: 30_000 }).toString(),
      );
      expect(out.atStart).toEqual([]);
      expect(out.appIdAnswer).toEqual({ ok: 1 });
      expect(out.multipart).toEqual({ ok: 1 });
      expect(out.seen).toEqual([
        { url: 'http://metadata.tencentyun.com/latest/meta-data/app-id', type: 'undefined', body: false },
        { url: 'http://cos.invalid/upload', type: 'multipart/form-data', body: true },
      ]);
      expect(out.ticket).toBe(3);
      expect(out.after).toEqual(['axios.js', 'form-data.js', 'http-proxy-agent.js', 'jsonwebtoken.js']);
      // The SDK's version, inlined at build time (read from beside its own file, it would be 'unknow').
      expect(out.version).toBe(
        JSON.parse(readFileSync(path.join(root, '..', 'node_modules', '@cloudbase', 'node-sdk', 'package.json'), 'utf8')).version,
      );
      expect(out.init).toBe('function');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
