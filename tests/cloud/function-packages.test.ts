import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { bundleFunctions, KEEPS_INSTALLED_SDK, ownBytes, sdkSource } from '../../scripts/build-functions';

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
