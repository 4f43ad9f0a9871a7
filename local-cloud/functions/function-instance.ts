import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

export type InvocationOutcome =
  | { ok: true; result: unknown; ms: number }
  | { ok: false; kind: 'error' | 'timeout' | 'crash' | 'refused'; message: string; ms: number };

interface InvokeMessage {
  event: unknown;
  env: Record<string, string | undefined>;
  context: Record<string, unknown>;
}

const INSTANCE_MAIN = path.join(__dirname, 'instance-main.cjs');

/**
 * One warm process of one function. It serves one invocation at a time; a timed-out or crashed
 * instance is killed and never reused, as on WeChat Cloud.
 */
/**
 * LOCAL_CLOUD_PROF_DIR=<dir>: each instance writes a V8 CPU profile there when it is stopped (SIGTERM
 * instead of SIGKILL, so the profile gets written) — how bench numbers are traced to SDK, kernel or our code.
 */
const PROFILE_DIR = process.env.LOCAL_CLOUD_PROF_DIR;

export class FunctionInstance {
  private readonly child: ChildProcess;
  private readonly ready: Promise<void>;
  private pending?: { id: number; resolve: (o: InvocationOutcome) => void; started: number };
  private nextId = 1;
  dead = false;
  busy = false;
  /** How many invocations this process served (a warm instance keeps counting). */
  served = 0;

  constructor(
    readonly functionName: string,
    entry: string,
    baseEnv: Record<string, string>,
    quiet: boolean,
  ) {
    this.child = fork(INSTANCE_MAIN, [], {
      env: { ...baseEnv, LOCAL_CLOUD_FUNCTION_ENTRY: entry, LOCAL_CLOUD_FUNCTION_NAME: functionName },
      stdio: quiet ? ['ignore', 'ignore', 'ignore', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: { type?: string }) => {
        if (m?.type === 'ready') {
          this.child.off('message', onMessage);
          resolve();
        }
      };
      this.child.on('message', onMessage);
      this.child.once('exit', () => reject(new Error(`instance of ${functionName} exited before it was ready`)));
    });
    this.ready.catch(() => undefined);
    this.child.on('message', (m: { type?: string; id?: number; result?: unknown; error?: { message: string } }) => {
      const p = this.pending;
      if (!p || m.id !== p.id) return;
      this.pending = undefined;
      const ms = Date.now() - p.started;
      if (m.type === 'result') p.resolve({ ok: true, result: m.result, ms });
      else p.resolve({ ok: false, kind: 'error', message: m.error?.message ?? 'function failed', ms });
    });
    this.child.on('exit', (code, signal) => {
      this.dead = true;
      const p = this.pending;
      if (p) {
        this.pending = undefined;
        p.resolve({ ok: false, kind: 'crash', message: `function process exited (${signal ?? code})`, ms: Date.now() - p.started });
      }
    });
  }

  async invoke(message: InvokeMessage, timeoutMs: number): Promise<InvocationOutcome> {
    await this.ready;
    const id = this.nextId++;
    const started = Date.now();
    this.served++;
    return new Promise<InvocationOutcome>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.kill();
        resolve({
          ok: false,
          kind: 'timeout',
          message: `Invoking task timed out after ${timeoutMs / 1000} seconds`,
          ms: Date.now() - started,
        });
      }, timeoutMs);
      this.pending = {
        id,
        started,
        resolve: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
      };
      try {
        this.child.send({ type: 'invoke', id, ...message });
      } catch (err) {
        // The message could not be serialised (IPC stringifies recursively): nothing reached the
        // process, which stays warm; the caller gets a refusal instead of a stale timer killing it.
        this.pending = undefined;
        clearTimeout(timer);
        resolve({ ok: false, kind: 'refused', message: `event cannot be delivered: ${(err as Error).message}`, ms: Date.now() - started });
      }
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  kill(): void {
    this.dead = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(PROFILE_DIR ? 'SIGTERM' : 'SIGKILL');
  }
}
