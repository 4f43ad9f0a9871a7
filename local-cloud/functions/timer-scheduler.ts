import type { Clock } from '../clock';
import { type CronSchedule, firstFiringBetween, parseCron } from './cron';
import type { FunctionRuntime } from './function-runtime';

interface ScheduledTrigger {
  functionName: string;
  triggerName: string;
  schedule: CronSchedule;
}

export interface TimerFiring {
  functionName: string;
  triggerName: string;
  at: string;
  ok: boolean;
  error?: string;
}

/**
 * Fires each function's timer triggers (from config.json) on the local cloud's clock.
 * When the clock jumps, missed firings of one trigger collapse into one run, as a sweep-style
 * job (deadlines, outbox drain) only needs to run once to catch up.
 */
export class TimerScheduler {
  private readonly triggers: ScheduledTrigger[];
  private lastCheck: Date;
  private interval?: NodeJS.Timeout;
  private running = new Set<string>();
  readonly history: TimerFiring[] = [];

  constructor(
    private readonly runtime: FunctionRuntime,
    private readonly clock: Clock,
  ) {
    this.triggers = runtime.definitions.flatMap((def) =>
      def.triggers.map((t) => ({ functionName: def.name, triggerName: t.name, schedule: parseCron(t.config) })),
    );
    this.lastCheck = clock.now();
  }

  start(periodMs = 1000): void {
    if (this.interval || this.triggers.length === 0) return;
    this.interval = setInterval(() => void this.tick(), periodMs);
    this.interval.unref();
  }

  /** Checks every trigger against the time passed since the last check; returns the runs. */
  async tick(): Promise<TimerFiring[]> {
    const from = this.lastCheck;
    const to = this.clock.now();
    this.lastCheck = to;
    const due = this.triggers
      .map((t) => ({ t, at: firstFiringBetween(t.schedule, from, to) }))
      .filter((d): d is { t: ScheduledTrigger; at: Date } => d.at !== undefined);
    return Promise.all(due.map(({ t, at }) => this.fire(t, at)));
  }

  private async fire(t: ScheduledTrigger, at: Date): Promise<TimerFiring> {
    const key = `${t.functionName}/${t.triggerName}`;
    const firing: TimerFiring = { functionName: t.functionName, triggerName: t.triggerName, at: at.toISOString(), ok: true };
    // WeChat does not overlap runs of one trigger on one instance; neither do we.
    if (this.running.has(key)) return { ...firing, ok: false, error: 'previous run still going' };
    this.running.add(key);
    try {
      await this.runtime.invoke(t.functionName, { Type: 'Timer', TriggerName: t.triggerName, Time: at.toISOString() }, { source: 'timer' });
    } catch (err) {
      firing.ok = false;
      firing.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.running.delete(key);
    }
    this.history.push(firing);
    if (this.history.length > 200) this.history.shift();
    return firing;
  }

  stop(): void {
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
  }
}
