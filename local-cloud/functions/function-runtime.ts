import { randomBytes, randomUUID } from 'node:crypto';
import type { ActionRegistry } from '../tcb/action-registry';
import { CloudError } from '../tcb/cloud-error';
import { discoverFunctions, type FunctionDefinition } from './function-config';
import { FunctionPool } from './function-pool';

/** Who is calling, as WeChat tells a function through its context. */
export interface CallerIdentity {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  /** wx_client (mini-program), wx_devtools, scf (another function), timer. */
  source: string;
}

/**
 * How deep an event may nest. WeChat limits an event only by its size; the local cloud hands
 * events to instances over IPC, which serialises recursively, so it refuses anything deeper than
 * this (a clean INVALID_PARAM) long before the serialiser would overflow its stack. The
 * functions themselves refuse far shallower input (server/kit/input-limits.ts).
 */
export const MAX_EVENT_DEPTH = 256;

/** The nesting depth of a JSON value, walked without recursion (so any depth is measured safely). */
export function jsonDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (!v || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > stopAt) return max;
    for (const child of Object.values(v as object)) if (child && typeof child === 'object') stack.push([child, d + 1]);
  }
  return max;
}

export interface FunctionRuntimeOptions {
  functionsDir: string;
  /** The CloudBase endpoint the SDK inside each function talks to (TCB_CONTEXT_CNFG.URL). */
  tcbUrl: string;
  envName: string;
  maxInstancesPerFunction?: number;
  /** Extra env for every instance (e.g. NODE_OPTIONS for the test network guard). */
  extraEnv?: Record<string, string>;
  quiet?: boolean;
  /** How far the local cloud's clock is ahead of real time (passed to each invocation). */
  clockOffsetMs?: () => number;
}

export class FunctionRuntime {
  private readonly pools = new Map<string, FunctionPool>();
  /** wxCloudApiToken → the identity of the invocation it was minted for. */
  private readonly tokens = new Map<string, CallerIdentity>();
  readonly definitions: FunctionDefinition[];

  constructor(private readonly options: FunctionRuntimeOptions) {
    this.definitions = discoverFunctions(options.functionsDir);
    const baseEnv = this.baseEnv();
    for (const def of this.definitions) {
      this.pools.set(def.name, new FunctionPool(def, baseEnv, options.maxInstancesPerFunction ?? 3, options.quiet ?? false));
    }
  }

  private baseEnv(): Record<string, string> {
    return { ...functionBaseEnv(this.options.envName, this.options.tcbUrl), ...this.options.extraEnv };
  }

  has(name: string): boolean {
    return this.pools.has(name);
  }

  identityOf(apiToken: string): CallerIdentity | undefined {
    return apiToken ? this.tokens.get(apiToken) : undefined;
  }

  /**
   * Runs one invocation and answers what callFunction's `result` would be.
   * Throws CloudError FUNCTIONS_NOT_EXIST / FUNCTIONS_TIME_LIMIT_EXCEEDED / FUNCTIONS_EXECUTE_FAIL.
   */
  async invoke(name: string, event: unknown, caller: CallerIdentity): Promise<unknown> {
    const pool = this.pools.get(name);
    if (!pool) throw new CloudError('FUNCTIONS_NOT_EXIST', `FunctionName parameter could not be found: ${name}`);
    if (jsonDepth(event, MAX_EVENT_DEPTH) > MAX_EVENT_DEPTH) {
      throw new CloudError('INVALID_PARAM', `event nests deeper than ${MAX_EVENT_DEPTH} levels`);
    }
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, caller);
    const isTimer = caller.source === 'timer';
    const env: Record<string, string | undefined> = {
      WX_OPENID: caller.openid,
      WX_APPID: caller.appid,
      WX_UNIONID: caller.unionid,
      WX_CLIENTIP: caller.clientIp,
      WX_API_TOKEN: isTimer ? undefined : token,
      WX_TRIGGER_API_TOKEN_V0: isTimer ? token : undefined,
      TRIGGER_SRC: isTimer ? 'timer' : undefined,
      TCB_SOURCE: caller.source,
      LOCAL_CLOUD_CLOCK_OFFSET_MS: String(this.options.clockOffsetMs?.() ?? 0),
    };
    const requestId = randomUUID();
    const context = {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.options.envName,
      memory_limit_in_mb: 256,
      time_limit_in_ms: pool.definition.timeoutMs,
      environment: JSON.stringify(env),
    };
    try {
      const outcome = await pool.invoke(event, env, context);
      if (outcome.ok) return outcome.result;
      if (outcome.kind === 'refused') throw new CloudError('INVALID_PARAM', outcome.message);
      if (outcome.kind === 'timeout') throw new CloudError('FUNCTIONS_TIME_LIMIT_EXCEEDED', outcome.message);
      throw new CloudError('FUNCTIONS_EXECUTE_FAIL', outcome.message);
    } finally {
      this.tokens.delete(token);
    }
  }

  /** `functions.invokeFunction`: a function calling another keeps the original caller's identity. */
  actions(): ActionRegistry {
    return {
      'functions.invokeFunction': async (params, ctx) => {
        const name = String(params.function_name ?? '');
        // Outside a function (an admin script with secret keys) there is no user: WeChat leaves OPENID empty.
        const caller = this.identityOf(ctx.apiToken) ?? { source: 'server' };
        let event: unknown = {};
        if (typeof params.request_data === 'string' && params.request_data !== '') {
          try {
            event = JSON.parse(params.request_data);
          } catch {
            throw new CloudError('INVALID_PARAM', 'request_data is not JSON');
          }
        }
        const result = await this.invoke(name, event, { ...caller, source: caller.source === 'timer' ? 'timer' : 'scf' });
        return { response_data: JSON.stringify(result ?? null) };
      },
    };
  }

  /** The live instances of a function (process id, invocations served). */
  liveInstances(name: string): { pid: number | undefined; served: number }[] {
    return this.pools.get(name)?.liveInstances() ?? [];
  }

  close(): void {
    for (const pool of this.pools.values()) pool.close();
  }
}

/** What WeChat Cloud puts in every function's environment, pointed at the local cloud's endpoint. */
export function functionBaseEnv(envName: string, tcbUrl: string): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'NODE_OPTIONS', 'TZ', 'LANG']) {
    const v = process.env[key];
    if (v !== undefined) inherited[key] = v;
  }
  return {
    ...inherited,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: tcbUrl }),
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    SCF_NAMESPACE: envName,
    TCB_ENV: envName,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_API_TOKEN,WX_TRIGGER_API_TOKEN_V0',
    SILENCE: 'true',
  };
}
