/**
 * WeChat Cloud timer triggers use a 7-field cron: second minute hour day-of-month month
 * day-of-week year (e.g. `0 0/5 * * * * *`, every five minutes). Supported per field:
 * any (`*`), `n`, `a-b`, lists `a,b`, and steps (`a-b/n`, `a/n`, star-slash-n). Day-of-week is 0–6, Sunday = 0.
 */
interface FieldSpec {
  min: number;
  max: number;
}

const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 }, // second
  { min: 0, max: 59 }, // minute
  { min: 0, max: 23 }, // hour
  { min: 1, max: 31 }, // day of month
  { min: 1, max: 12 }, // month
  { min: 0, max: 6 }, // day of week
  { min: 1970, max: 2199 }, // year
];

export type CronSchedule = Array<Set<number> | null>; // null = any

function parseField(text: string, spec: FieldSpec): Set<number> | null {
  if (text === '*' || text === '?') return null;
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [rangeText = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo: number;
    let hi: number;
    if (rangeText === '*') [lo, hi] = [spec.min, spec.max];
    else if (rangeText.includes('-')) [lo, hi] = rangeText.split('-').map(Number) as [number, number];
    else {
      lo = Number(rangeText);
      hi = stepText === undefined ? lo : spec.max;
    }
    if (![lo, hi, step].every(Number.isInteger) || step < 1 || lo < spec.min || hi > spec.max || lo > hi) {
      throw new Error(`invalid cron field "${text}"`);
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`cron "${expression}" must have 7 fields (s m h dom mon dow year)`);
  return parts.map((p, i) => parseField(p, FIELDS[i] as FieldSpec));
}

/** Does the schedule fire at this instant (to the second, local time as WeChat's UTC+8 runtime)? */
export function cronMatches(schedule: CronSchedule, at: Date): boolean {
  const values = [at.getSeconds(), at.getMinutes(), at.getHours(), at.getDate(), at.getMonth() + 1, at.getDay(), at.getFullYear()];
  return schedule.every((set, i) => set === null || set.has(values[i] as number));
}

/** The first second in (from, to] at which the schedule fires, or undefined. */
export function firstFiringBetween(schedule: CronSchedule, from: Date, to: Date, maxSteps = 2 * 24 * 3600): Date | undefined {
  const start = Math.floor(from.getTime() / 1000) + 1;
  const end = Math.min(Math.floor(to.getTime() / 1000), start + maxSteps);
  for (let s = start; s <= end; s++) {
    const at = new Date(s * 1000);
    if (cronMatches(schedule, at)) return at;
  }
  return undefined;
}
