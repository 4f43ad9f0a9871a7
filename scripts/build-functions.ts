/**
 * Bundles each cloud function (cloudfunctions/<name>/src/index.ts, with the shared domain and
 * server code) into cloudfunctions/<name>/index.js — the one file WeChat Cloud runs.
 * wx-server-sdk stays external: WeChat installs it from the function's own package.json.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { buildCertificateFont } from './build-cert-font';

const root = path.resolve(__dirname, '..', 'cloudfunctions');

export interface BuildOptions {
  /**
   * Where the function folders go (default: cloudfunctions/ itself). Elsewhere, each folder gets
   * the function's package.json and config.json beside its index.js, as it would be uploaded.
   */
  outRoot?: string;
  /**
   * Bundle wx-server-sdk into index.js too (an experiment measured by bench:coldstart): the
   * SDK's ~3,500 module loads become one file, and the two parts of @cloudbase/node-sdk we never
   * call — AI (`app.ai()`) and data models (`app.models`, whose set-up in init is wrapped in a
   * try/catch) — are left out (UNUSED_SDK_PARTS). Not the default: see the README's cold start notes.
   */
  bundleSdk?: boolean;
}

/** Left out of a bundled SDK: a stand-in that throws if anything ever calls it. */
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

export async function buildFunctions(only?: string[], options: BuildOptions = {}): Promise<string[]> {
  const outRoot = options.outRoot ?? root;
  const names = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .filter((n) => !only?.length || only.includes(n));
  await Promise.all(
    names.map(async (name) => {
      if (outRoot !== root) {
        mkdirSync(path.join(outRoot, name), { recursive: true });
        for (const file of ['package.json', 'config.json']) copyFileSync(path.join(root, name, file), path.join(outRoot, name, file));
      }
      // What the function's own package.json lists, WeChat installs at upload (云端安装依赖): keep it out
      // of the bundle. Large, rarely used libraries (exceljs for exports) go there so every cold start
      // does not parse them; everything else is bundled.
      const listed = Object.keys(
        (JSON.parse(readFileSync(path.join(root, name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> })
          .dependencies ?? {},
      );
      await build({
        entryPoints: [path.join(root, name, 'src', 'index.ts')],
        outfile: path.join(outRoot, name, 'index.js'),
        bundle: true,
        platform: 'node',
        // WeChat Cloud's Node.js 16 runtime is the oldest one we deploy to.
        target: 'node16',
        format: 'cjs',
        external: options.bundleSdk ? listed.filter((d) => d !== 'wx-server-sdk') : listed,
        plugins: options.bundleSdk ? [leaveOutUnused] : [],
        legalComments: 'none',
        logLevel: 'warning',
        banner: { js: `// Built by npm run build:functions from cloudfunctions/${name}/src. Do not edit.` },
      });
      // The 志愿服务记录证明 PDF's font subset ships beside index.js (scripts/build-cert-font.ts).
      if (name === 'activity') await buildCertificateFont(path.join(outRoot, name));
    }),
  );
  return names;
}

// Run as a script (not imported by the jest global setup). `--out=<dir> --bundle-sdk` builds the experiment elsewhere.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const started = Date.now();
  const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
  const outRoot = flags.find((f) => f.startsWith('--out='))?.slice('--out='.length);
  buildFunctions(
    process.argv.slice(2).filter((a) => !a.startsWith('--')),
    { outRoot: outRoot ? path.resolve(outRoot) : undefined, bundleSdk: flags.includes('--bundle-sdk') },
  )
    .then((names) => console.log(`built ${names.length} cloud functions (${names.join(', ')}) in ${Date.now() - started} ms`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
