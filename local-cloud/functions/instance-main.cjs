/**
 * One function instance, as WeChat runs one: a process that loads the function's bundled
 * index.js once (cold start) and then serves one invocation at a time. wx-server-sdk reads the
 * caller (WX_OPENID, WX_API_TOKEN, …) from process.env on every call, so the env is set per
 * invocation and cleared after it.
 */
const path = require('node:path');

const entry = process.env.LOCAL_CLOUD_FUNCTION_ENTRY;
const perInvocationKeys = new Set();
let mod;

function setInvocationEnv(env) {
  for (const key of perInvocationKeys) delete process.env[key];
  perInvocationKeys.clear();
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === null) continue;
    process.env[key] = String(value);
    perInvocationKeys.add(key);
  }
}

function serializeError(err) {
  if (err && typeof err === 'object') {
    return { message: String(err.message || err.errMsg || JSON.stringify(err)), stack: err.stack };
  }
  return { message: String(err) };
}

process.on('message', async (msg) => {
  if (msg?.type !== 'invoke') return;
  const started = Date.now();
  try {
    setInvocationEnv(msg.env);
    if (!mod) mod = require(path.resolve(entry));
    if (typeof mod.main !== 'function') throw new Error(`${entry} exports no main function`);
    const result = await mod.main(msg.event, msg.context);
    process.send({ type: 'result', id: msg.id, result: result === undefined ? null : result, ms: Date.now() - started });
  } catch (err) {
    process.send({ type: 'error', id: msg.id, error: serializeError(err), ms: Date.now() - started });
  }
});

process.on('unhandledRejection', (reason) => {
  console.error(`[function ${process.env.LOCAL_CLOUD_FUNCTION_NAME}] unhandled rejection`, reason);
});

process.send({ type: 'ready' });
// Profiled (LOCAL_CLOUD_PROF_DIR): exit normally on SIGTERM so V8 writes the CPU profile.
if (process.execArgv.includes('--cpu-prof')) process.on('SIGTERM', () => process.exit(0));
