/**
 * One cold start, in a fresh Node process started by scripts/bench-coldstart.ts (plain CommonJS,
 * so nothing but Node itself runs before it). Prints one JSON line of milliseconds:
 *  - boot: from the process's start to this file's first line (Node itself);
 *  - sdk: require('wx-server-sdk') alone (what every function pays, whatever it does);
 *  - bundle: then require(<function>/index.js), the SDK already loaded: our own module-load work;
 *  - first: the first invocation's answer (cloud.init, the first database requests, first-run JIT);
 *  - second: the same invocation again, warm (what the first one costs beyond it is init);
 *  - lazy: the lazily loaded SDK parts (sdk-lazy/) the two answers loaded.
 * COLDSTART_MODE=sdk stops after `sdk`. The function, event and caller come from the environment.
 */
const t0 = performance.now();
const path = require('node:path');

const entry = process.env.COLDSTART_ENTRY;
const mode = process.env.COLDSTART_MODE || 'function';
const ms = (since) => Math.round((performance.now() - since) * 10) / 10;

async function main() {
  const out = { boot: Math.round(t0 * 10) / 10 };
  let t = performance.now();
  // COLDSTART_SDK=bundled: the function's index.js carries the SDK itself (its load is in `bundle`).
  if (process.env.COLDSTART_SDK !== 'bundled') require(require.resolve('wx-server-sdk', { paths: [path.dirname(entry || process.cwd())] }));
  out.sdk = ms(t);
  if (mode === 'sdk') return out;
  t = performance.now();
  const fn = require(path.resolve(entry));
  out.bundle = ms(t);
  const event = JSON.parse(process.env.COLDSTART_EVENT || '{}');
  t = performance.now();
  const first = await fn.main(event, {});
  out.first = ms(t);
  t = performance.now();
  await fn.main(event, {});
  out.second = ms(t);
  // The SDK parts a bundled SDK loads on first use (scripts/build-functions.ts LAZY_SDK_PARTS) that these answers needed.
  out.lazy = Object.keys(require.cache)
    .filter((k) => k.includes(`${path.sep}sdk-lazy${path.sep}`))
    .map((k) => path.basename(k, '.js'));
  out.ok = Boolean(first?.ok);
  if (!out.ok) out.answer = JSON.stringify(first).slice(0, 200);
  return out;
}

main().then(
  (out) => {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    process.exit(0);
  },
  (err) => {
    process.stdout.write(`${JSON.stringify({ error: String(err?.stack || err) })}\n`);
    process.exit(1);
  },
);
