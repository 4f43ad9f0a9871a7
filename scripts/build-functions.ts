/**
 * Bundles each cloud function (cloudfunctions/<name>/src/index.ts, with the shared domain and
 * server code) into cloudfunctions/<name>/index.js — the one file WeChat Cloud runs.
 * wx-server-sdk stays external: WeChat installs it from the function's own package.json.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '..', 'cloudfunctions');

export async function buildFunctions(only?: string[]): Promise<string[]> {
  const names = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .filter((n) => !only?.length || only.includes(n));
  await Promise.all(
    names.map((name) =>
      build({
        entryPoints: [path.join(root, name, 'src', 'index.ts')],
        outfile: path.join(root, name, 'index.js'),
        bundle: true,
        platform: 'node',
        // WeChat Cloud's Node.js 16 runtime is the oldest one we deploy to.
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        legalComments: 'none',
        logLevel: 'warning',
        banner: { js: `// Built by npm run build:functions from cloudfunctions/${name}/src. Do not edit.` },
      }),
    ),
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
