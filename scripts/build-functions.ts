/**
 * Bundles each cloud function (cloudfunctions/<name>/src/index.ts, with the shared domain and
 * server code) into cloudfunctions/<name>/index.js — the one file WeChat Cloud runs.
 *
 * By default wx-server-sdk is bundled into index.js too (trimmed: UNUSED_SDK_PARTS left out,
 * LAZY_SDK_PARTS loaded on first use, minified without renaming): a cold instance then parses one
 * file instead of resolving and compiling the SDK's ~3,500 modules, which is most of its cold start
 * (npm run bench:coldstart, README "Cold start"). wx-server-sdk stays listed in each package.json,
 * so WeChat still installs it at upload (云端安装依赖) and `--installed-sdk` builds the other variant,
 * which requires it from there. Functions in KEEPS_INSTALLED_SDK always require the installed SDK.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { buildCertificateFont } from './build-cert-font';

const root = path.resolve(__dirname, '..', 'cloudfunctions');

/** Where the SDK comes from: bundled into index.js, or required from what WeChat installs. */
export type SdkSource = 'bundled' | 'installed';

export interface BuildOptions {
  /**
   * Where the function folders go (default: cloudfunctions/ itself). Elsewhere, each folder gets
   * the function's package.json and config.json beside its index.js, as it would be uploaded.
   */
  outRoot?: string;
  /** Where the function folders' sources are (default: cloudfunctions/; tests build a probe elsewhere). */
  srcRoot?: string;
  /**
   * 'installed' requires wx-server-sdk from the function's node_modules everywhere (the build
   * before the SDK was bundled; `--installed-sdk`); 'bundled' bundles it everywhere, even where
   * KEEPS_INSTALLED_SDK says it does not fit. Default: bundled except KEEPS_INSTALLED_SDK.
   */
  sdk?: SdkSource;
}

/**
 * Functions whose upload would not fit with the SDK bundled: WeChat Cloud takes a function's zip
 * of at most 1.5 MB through the API (manager-node's API_MAX_SIZE, which `npm run deploy` uses).
 */
export const KEEPS_INSTALLED_SDK: Record<string, string> = {
  activity:
    'its certificate font (cert-font.ttf.br, 1.24 MB, already brotli) leaves ~265 KB of the 1.5 MB zip; with the SDK bundled its scripts deflate to ~370 KB (a 1.61 MB zip)',
};

export function sdkSource(name: string, options: BuildOptions = {}): SdkSource {
  return options.sdk ?? (name in KEEPS_INSTALLED_SDK ? 'installed' : 'bundled');
}

/**
 * Left out of a bundled SDK: the two parts of @cloudbase/node-sdk we never call — AI (`app.ai()`) and
 * data models (`app.models`, whose set-up in init is wrapped in a try/catch). A stand-in throws if
 * anything ever calls it.
 */
const UNUSED_SDK_PARTS = ['@cloudbase/ai', '@cloudbase/wx-cloud-client-sdk'];
const UNUSED_STUB = `const unused = () => { throw new Error('left out of this bundle (scripts/build-functions.ts UNUSED_SDK_PARTS)'); };
module.exports = new Proxy(unused, { get: (_t, key) => (key === '__esModule' ? false : key === 'default' ? module.exports : unused) });`;
const leaveOutUnused: Plugin = {
  name: 'leave-out-unused-sdk-parts',
  setup(b) {
    const filter = new RegExp(`^(${UNUSED_SDK_PARTS.map((p) => p.replace(/[/.@-]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'unused-sdk-part' }));
    b.onLoad({ filter: /.*/, namespace: 'unused-sdk-part' }, () => ({ contents: UNUSED_STUB, loader: 'js' }));
  },
};

/**
 * Parts of a bundled SDK that load on first use instead of at every cold start. Each entry is a
 * module and the exact places that require it; at each of those places (checked by reading the
 * SDK's code, for the versions in LAZY_CHECKED_AGAINST) the module is only touched inside a
 * function our cloud functions rarely or never call, and only by property access, a call or `new`
 * (no spreading, no `for…in`, no `instanceof` on it). Anywhere else the module loads as usual.
 * Each lazy part is bundled on its own into sdk-lazy/ beside index.js, so a cold start does not even
 * parse it.
 * The stand-in (LAZY_STUB) is a Proxy that requires the real module on first touch, so every path
 * still works when it is taken, e.g. credentials from the metadata server.
 */
const LAZY_SDK_PARTS: { module: string; from: string[]; why: string; leftOut?: true }[] = [
  {
    module: 'axios',
    from: ['@cloudbase/node-sdk/dist/cloudbase.js', '@cloudbase/node-sdk/dist/utils/metadata.js'],
    why: '`requestClient` (extensions) and lookup() (the metadata server, for credentials when no key is in the environment); brings follow-redirects and form-data',
  },
  {
    module: 'form-data',
    from: ['@cloudbase/node-sdk/dist/utils/request-core.js'],
    why: '`new FormData()` for multipart requests; brings mime-types/mime-db',
  },
  {
    module: 'jsonwebtoken',
    from: ['@cloudbase/node-sdk/dist/auth/index.js'],
    why: 'createTicket() (custom login): never called; brings semver and jws',
  },
  {
    module: 'xml2js',
    from: ['@cloudbase/node-sdk/dist/storage/index.js'],
    why: "parseXML() of COS's answer in uploadFile (the server uploading a file: exports, certificates)",
  },
  {
    module: 'https-proxy-agent',
    from: ['@cloudbase/node-sdk/dist/utils/request-core.js'],
    why: 'only with a `proxy` option; brings agent-base and debug',
  },
  { module: 'http-proxy-agent', from: ['@cloudbase/node-sdk/dist/utils/request-core.js'], why: 'only with a `proxy` option' },
  {
    module: './ai',
    from: ['@cloudbase/node-sdk/dist/cloudbase.js'],
    why: 'createAI() for `app.ai()` / `cloud.ai()`, never called (and @cloudbase/ai is left out anyway): left out too, with @cloudbase/app and web-streams-polyfill',
    leftOut: true,
  },
  { module: 'mime-db', from: ['wx-server-sdk/index.js'], why: "mimeTypeToFileExtension(), reading one entry of mime-db's table" },
];
/** The SDK versions whose requiring sites LAZY_SDK_PARTS was checked against: re-check them before changing these. */
const LAZY_CHECKED_AGAINST: Record<string, string> = { 'wx-server-sdk': '4.0.2', '@cloudbase/node-sdk': '3.17.2' };
const LAZY_STUB = (file: string, esModule: boolean) => `let real;
const load = () => real || (real = require(${JSON.stringify(file)}));
module.exports = new Proxy(function lazySdkPart() {}, {
  get: (_t, key) => (key === '__esModule' && !real ? ${esModule} : Reflect.get(load(), key)),
  has: (_t, key) => Reflect.has(load(), key),
  set: (_t, key, value) => Reflect.set(load(), key, value),
  apply: (_t, self, args) => Reflect.apply(load(), self, args),
  construct: (_t, args) => Reflect.construct(load(), args),
});`;

const nodeModule = (file: string) => {
  const at = file.replace(/\\/g, '/').lastIndexOf('node_modules/');
  return at < 0 ? undefined : file.replace(/\\/g, '/').slice(at + 'node_modules/'.length);
};
const requireFrom = createRequire(__filename);
const packageVersion = (name: string) => (requireFrom(`${name}/package.json`) as { version: string }).version;

/** Where a lazy part's code goes, beside index.js: it is not even parsed until its first use. */
const LAZY_DIR = 'sdk-lazy';
const lazyFile = (module: string) => `./${LAZY_DIR}/${module.replace(/^@/, '').replace(/[^\w.-]+/g, '-')}.js`;

/** `chunks` collects each lazy part's file (relative to index.js) and the module it holds, to be bundled on its own. */
function lazySdkParts(chunks: Map<string, string>): Plugin {
  return {
    name: 'lazy-sdk-parts',
    setup(b) {
      for (const [name, version] of Object.entries(LAZY_CHECKED_AGAINST)) {
        if (packageVersion(name) !== version)
          throw new Error(
            `${name} is ${packageVersion(name)}, LAZY_SDK_PARTS was checked against ${version}: re-check its requiring sites (scripts/build-functions.ts)`,
          );
      }
      const seen = new Set<string>();
      const esModule = new Map<string, boolean>();
      const names = [...new Set(LAZY_SDK_PARTS.map((p) => p.module))];
      const filter = new RegExp(`^(${names.map((n) => n.replace(/[/.@-]/g, '\\$&')).join('|')})$`);
      b.onResolve({ filter }, async (args) => {
        if (args.pluginData === 'lazy-sdk-parts') return undefined;
        const site = nodeModule(args.importer);
        const part = LAZY_SDK_PARTS.find((p) => p.module === args.path && site && p.from.includes(site));
        if (!part) return undefined;
        seen.add(`${part.module} <- ${site}`);
        if (part.leftOut) return { path: `${args.path} from ${site}`, namespace: 'unused-sdk-part' };
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'lazy-sdk-parts',
        });
        if (resolved.errors.length) return { errors: resolved.errors };
        const file = lazyFile(part.module);
        if ((chunks.get(file) ?? resolved.path) !== resolved.path)
          throw new Error(`${file} would hold both ${chunks.get(file)} and ${resolved.path}`);
        chunks.set(file, resolved.path);
        return { path: resolved.path, namespace: 'lazy-sdk-part', pluginData: file };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-sdk-part' }, (args) => {
        // What `__esModule` answers before the module loads (importers' interop helpers ask at once).
        if (!esModule.has(args.path)) esModule.set(args.path, Boolean(requireFrom(args.path)?.__esModule));
        return { contents: LAZY_STUB(args.pluginData as string, esModule.get(args.path) ?? false), loader: 'js' };
      });
      b.onResolve({ filter: new RegExp(`^\\./${LAZY_DIR}/`) }, (args) => ({ path: args.path, external: true }));
      b.onEnd((result) => {
        if (result.errors.length) return;
        const missing = LAZY_SDK_PARTS.flatMap((p) => p.from.map((f) => `${p.module} <- ${f}`)).filter((s) => !seen.has(s));
        if (missing.length)
          throw new Error(`LAZY_SDK_PARTS: no longer required from ${missing.join(', ')}: re-check scripts/build-functions.ts`);
      });
      // The SDK reads its version from ../../package.json beside its own file: in a bundle that file
      // is not there and the User-Agent / X-SDK-Version headers would say 'unknow'. Inline it.
      b.onLoad({ filter: /[\\/]@cloudbase[\\/]node-sdk[\\/]dist[\\/]utils[\\/]version\.js$/ }, () => ({
        contents: `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.version = ${JSON.stringify(packageVersion('@cloudbase/node-sdk'))};\n`,
        loader: 'js',
      }));
    },
  };
}

/**
 * Bundles the named functions into <outRoot>/<name>/index.js, one esbuild run per SDK source (so
 * the SDK is parsed once for all of them). Answers esbuild's metafile (outputs keyed by path
 * relative to the working directory); `write: false` only computes it.
 */
export async function bundleFunctions(names: string[], options: BuildOptions = {}, write = true): Promise<Metafile> {
  const outRoot = options.outRoot ?? root;
  const srcRoot = options.srcRoot ?? root;
  const metafile: Metafile = { inputs: {}, outputs: {} };
  for (const sdk of ['bundled', 'installed'] as const) {
    const group = names.filter((n) => sdkSource(n, options) === sdk);
    if (!group.length) continue;
    const chunks = new Map<string, string>();
    // What a function's own package.json lists, WeChat installs at upload (云端安装依赖): keep it out
    // of the bundle. Large, rarely used libraries (exceljs for exports) go there so every cold start
    // does not parse them; everything else is bundled — wx-server-sdk too, unless the SDK is 'installed'.
    // One run bundles several functions, so the union of their lists stays external: a function that
    // imports a package it does not list fails tests/cloud/function-packages.test.ts.
    const listed = new Set(
      group.flatMap((name) =>
        Object.keys(
          (JSON.parse(readFileSync(path.join(srcRoot, name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> })
            .dependencies ?? {},
        ),
      ),
    );
    if (sdk === 'bundled') listed.delete('wx-server-sdk');
    const result = await build({
      entryPoints: Object.fromEntries(group.map((name) => [`${name}/index`, path.join(srcRoot, name, 'src', 'index.ts')])),
      outdir: outRoot,
      write,
      metafile: true,
      bundle: true,
      platform: 'node',
      // WeChat Cloud's Node.js 16 runtime is the oldest one we deploy to.
      target: 'node16',
      format: 'cjs',
      external: [...listed],
      plugins: sdk === 'bundled' ? [leaveOutUnused, lazySdkParts(chunks)] : [],
      // With the SDK bundled, minified (less to scan and parse on every cold start) but never renamed:
      // keepNames keeps function and class names, so stack traces still say where they come from.
      ...(sdk === 'bundled' ? { minifyWhitespace: true, minifySyntax: true, keepNames: true } : {}),
      legalComments: 'none',
      logLevel: 'warning',
      banner: {
        js: `// Built by npm run build:functions from src/${sdk === 'bundled' ? ', with wx-server-sdk bundled' : ''}. Do not edit.`,
      },
    });
    Object.assign(metafile.inputs, result.metafile.inputs);
    Object.assign(metafile.outputs, result.metafile.outputs);
    if (write && chunks.size) {
      // Each lazy part on its own (with what it requires), beside each function's index.js.
      await build({
        entryPoints: Object.fromEntries(
          group.flatMap((name) => [...chunks].map(([file, real]) => [path.join(name, file).replace(/\.js$/, ''), real])),
        ),
        outdir: outRoot,
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        plugins: [leaveOutUnused],
        minifyWhitespace: true,
        minifySyntax: true,
        keepNames: true,
        legalComments: 'none',
        logLevel: 'warning',
        banner: { js: '// Built by npm run build:functions: a part of wx-server-sdk loaded on first use (LAZY_SDK_PARTS). Do not edit.' },
      });
    }
    // Nothing stale beside index.js. Files are overwritten, not removed first: a function instance of
    // another test run may load one while this build runs.
    for (const name of group) {
      const dir = path.join(outRoot, name, LAZY_DIR);
      const wanted = new Set([...chunks.keys()].map((file) => path.basename(file)));
      if (write && existsSync(dir))
        for (const file of readdirSync(dir)) if (!wanted.has(file)) rmSync(path.join(dir, file), { recursive: true, force: true });
    }
  }
  return metafile;
}

export async function buildFunctions(only?: string[], options: BuildOptions = {}): Promise<string[]> {
  const outRoot = options.outRoot ?? root;
  const srcRoot = options.srcRoot ?? root;
  const names = readdirSync(srcRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(srcRoot, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .filter((n) => !only?.length || only.includes(n));
  if (outRoot !== srcRoot) {
    for (const name of names) {
      mkdirSync(path.join(outRoot, name), { recursive: true });
      for (const file of ['package.json', 'config.json']) copyFileSync(path.join(srcRoot, name, file), path.join(outRoot, name, file));
    }
  }
  await bundleFunctions(names, options);
  // The 志愿服务记录证明 PDF's font subset ships beside index.js (scripts/build-cert-font.ts).
  if (names.includes('activity')) await buildCertificateFont(path.join(outRoot, 'activity'));
  return names;
}

/**
 * Bytes of one function's bundle that are our own part: what its entry reaches without going
 * through wx-server-sdk (our code and the libraries we bundle), from esbuild's metafile.
 */
export function ownBytes(metafile: Metafile, name: string): number {
  const output = Object.entries(metafile.outputs).find(([file]) => file.replace(/\\/g, '/').endsWith(`/${name}/index.js`))?.[1];
  if (!output?.entryPoint) throw new Error(`no bundle for ${name} in the metafile`);
  const reached = new Set<string>();
  const queue = [output.entryPoint];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (reached.has(file) || /(^|[/\\])node_modules[/\\]wx-server-sdk[/\\]/.test(file)) continue;
    reached.add(file);
    for (const imported of metafile.inputs[file]?.imports ?? []) if (!imported.external) queue.push(imported.path);
  }
  return [...reached].reduce((sum, file) => sum + (output.inputs[file]?.bytesInOutput ?? 0), 0);
}

// Run as a script (not imported by the jest global setup). `--out=<dir>` builds elsewhere; `--installed-sdk`
// (or `--bundled-sdk`) builds every function with the SDK required from node_modules (or bundled).
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const started = Date.now();
  const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
  const outRoot = flags.find((f) => f.startsWith('--out='))?.slice('--out='.length);
  const sdk = flags.includes('--installed-sdk') ? 'installed' : flags.includes('--bundled-sdk') ? 'bundled' : undefined;
  buildFunctions(
    process.argv.slice(2).filter((a) => !a.startsWith('--')),
    { outRoot: outRoot ? path.resolve(outRoot) : undefined, sdk },
  )
    .then((names) =>
      console.log(
        `built ${names.length} cloud functions (${names.map((n) => (sdkSource(n, { sdk }) === 'installed' ? `${n} [installed SDK]` : n)).join(', ')}) in ${Date.now() - started} ms`,
      ),
    )
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
