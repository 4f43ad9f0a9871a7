/**
 * Bundles each cloud function (cloudfunctions/<name>/src/index.ts, with the shared domain and
 * server code) into cloudfunctions/<name>/index.js — the one file WeChat Cloud runs.
 * wx-server-sdk stays external: WeChat installs it from the function's own package.json.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '..', 'cloudfunctions');

export interface BuildOptions {
  /**
   * Where the function folders go (default: cloudfunctions/ itself). Elsewhere, each folder gets
   * the function's package.json and config.json beside its index.js, as it would be uploaded.
   */
  outRoot?: string;
  /**
   * Bundle wx-server-sdk into index.js too (an experiment measured by bench:coldstart): the
   * SDK's ~3,500 module loads become one file. Not the default: see the README's cold start notes.
   */
  bundleSdk?: boolean;
}

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
      await build({
        entryPoints: [path.join(root, name, 'src', 'index.ts')],
        outfile: path.join(outRoot, name, 'index.js'),
        bundle: true,
        platform: 'node',
        // WeChat Cloud's Node.js 16 runtime is the oldest one we deploy to.
        target: 'node16',
        format: 'cjs',
        external: options.bundleSdk ? [] : ['wx-server-sdk'],
        legalComments: 'none',
        logLevel: 'warning',
        banner: { js: `// Built by npm run build:functions from cloudfunctions/${name}/src. Do not edit.` },
      });
    }),
  );
  return names;
}

// Run as a script (not imported by the jest global setup).
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const started = Date.now();
  buildFunctions(process.argv.slice(2))
    .then((names) => console.log(`built ${names.length} cloud functions (${names.join(', ')}) in ${Date.now() - started} ms`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
