import type { FunctionDefinition } from './function-config';
import { FunctionInstance, type InvocationOutcome } from './function-instance';

interface Waiter {
  resolve: (instance: FunctionInstance) => void;
}

/**
 * The instances of one function: up to `maxInstances` processes, each serving one invocation
 * at a time; further callers queue until an instance is free (WeChat scales out instead, but a
 * few instances are enough to show concurrency bugs locally).
 */
export class FunctionPool {
  private readonly instances: FunctionInstance[] = [];
  private readonly waiters: Waiter[] = [];

  constructor(
    readonly definition: FunctionDefinition,
    private readonly baseEnv: Record<string, string>,
    private readonly maxInstances: number,
    private readonly quiet: boolean,
  ) {}

  async invoke(event: unknown, env: Record<string, string | undefined>, context: Record<string, unknown>): Promise<InvocationOutcome> {
    const instance = await this.acquire();
    try {
      return await instance.invoke({ event, env, context }, this.definition.timeoutMs);
    } finally {
      this.release(instance);
    }
  }

  private acquire(): Promise<FunctionInstance> {
    this.prune();
    const idle = this.instances.find((i) => !i.busy && !i.dead);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (this.instances.length < this.maxInstances) {
      const fresh = new FunctionInstance(this.definition.name, this.definition.entry, this.baseEnv, this.quiet);
      fresh.busy = true;
      this.instances.push(fresh);
      return Promise.resolve(fresh);
    }
    return new Promise((resolve) => this.waiters.push({ resolve }));
  }

  private release(instance: FunctionInstance): void {
    instance.busy = false;
    const waiter = this.waiters.shift();
    if (!waiter) return;
    this.prune();
    let next = instance.dead ? undefined : instance;
    if (!next) {
      next = new FunctionInstance(this.definition.name, this.definition.entry, this.baseEnv, this.quiet);
      this.instances.push(next);
    }
    next.busy = true;
    waiter.resolve(next);
  }

  private prune(): void {
    for (let i = this.instances.length - 1; i >= 0; i--) if (this.instances[i]?.dead) this.instances.splice(i, 1);
  }

  /** The live instances (process id, invocations served): a test can tell a warm instance from a replaced one. */
  liveInstances(): { pid: number | undefined; served: number }[] {
    return this.instances.filter((i) => !i.dead).map((i) => ({ pid: i.pid, served: i.served }));
  }

  close(): void {
    for (const i of this.instances) i.kill();
    this.instances.length = 0;
  }
}
