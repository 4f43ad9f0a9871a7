/**
 * Limits on guessing a secret: an invitation code, a resident's 6-digit 确认码. Failures are
 * counted per subject (a caller, or a caller on one order) in `attempt_counters`, outside any
 * transaction (a refused guess rolls its transaction back, the count must stay). After
 * `maxFailures` within `windowMs` the subject is locked for `lockMs`: further guesses are refused
 * with AUTH.TOO_MANY_ATTEMPTS without being checked, and the lock is logged.
 *
 * The counter is a read-then-write, not a compare-and-set: two guesses racing may both count as
 * one. That loses at most one guess per concurrent call, which does not change the order of
 * magnitude an attacker faces (10^6 codes, a handful of guesses per lock).
 */
import { ATTEMPT_COUNTERS } from '../../database/collections';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { readById } from './read-list';
import { database } from './wx-cloud';

export interface AttemptRule {
  /** What is guessed, e.g. `serviceCode`; part of the counter's id. */
  readonly scope: string;
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
  /** Said when locked (followed by when the lock ends). */
  readonly lockedMessage: string;
}

export interface AttemptSubject {
  rule: AttemptRule;
  /** Who (and on what) guesses: the caller's openid, or `openid:orderId`. */
  key: string;
}

interface AttemptCounter {
  _id: string;
  scope: string;
  key: string;
  failures: number;
  windowStart: number;
  lockedUntil: number;
  updatedAt: number;
}

const MINUTE_MS = 60_000;
const idOf = (s: AttemptSubject) => `${s.rule.scope}:${s.key}`;

function lockedError(rule: AttemptRule, until: number, now: number): DomainError {
  const minutes = Math.max(1, Math.ceil((until - now) / MINUTE_MS));
  return new DomainError(ErrorCode.TooManyAttempts, `${rule.lockedMessage}（约 ${minutes} 分钟后可再试）`);
}

/** The `attempt_counters` id of a subject: for a caller that reads their counter with other documents in one request. */
export const attemptCounterId = (s: AttemptSubject): string => idOf(s);

/** assertNotLocked on a counter already read (`attemptCounterId`): refuses while it is locked. */
export function assertCounterNotLocked(s: AttemptSubject, counter: { lockedUntil: number } | null | undefined, now: number): void {
  if (counter && counter.lockedUntil > now) throw lockedError(s.rule, counter.lockedUntil, now);
}

/** Refuses (AUTH.TOO_MANY_ATTEMPTS) when any of the subjects is locked; checks nothing else. */
export async function assertNotLocked(subjects: readonly AttemptSubject[], now: number): Promise<void> {
  const counters = await Promise.all(subjects.map((s) => readById<AttemptCounter>(ATTEMPT_COUNTERS, idOf(s))));
  subjects.forEach((s, i) => {
    const c = counters[i];
    if (c && c.lockedUntil > now) throw lockedError(s.rule, c.lockedUntil, now);
  });
}

/**
 * Counts one failed guess for each subject. Answers the lock error to throw when this failure
 * locked one of them (the caller throws it instead of "wrong code"), else undefined.
 */
export async function countFailure(subjects: readonly AttemptSubject[], now: number): Promise<DomainError | undefined> {
  return (await countFailureLeft(subjects, now)).locked;
}

/**
 * countFailure, also answering how many more wrong guesses the subjects allow before one of them
 * locks (the fewest of them), so "wrong code" can say how many tries are left.
 */
export async function countFailureLeft(
  subjects: readonly AttemptSubject[],
  now: number,
): Promise<{ locked: DomainError | undefined; left: number }> {
  let locked: DomainError | undefined;
  let left = Number.POSITIVE_INFINITY;
  for (const s of subjects) {
    const _id = idOf(s);
    const c = await readById<AttemptCounter>(ATTEMPT_COUNTERS, _id);
    const fresh = !c || now - c.windowStart > s.rule.windowMs;
    const failures = fresh ? 1 : c.failures + 1;
    const lockedUntil = failures >= s.rule.maxFailures ? now + s.rule.lockMs : (c?.lockedUntil ?? 0);
    const row: Omit<AttemptCounter, '_id'> = {
      scope: s.rule.scope,
      key: s.key,
      failures: failures >= s.rule.maxFailures ? 0 : failures,
      windowStart: fresh || failures >= s.rule.maxFailures ? now : c.windowStart,
      lockedUntil,
      updatedAt: now,
    };
    await database().collection(ATTEMPT_COUNTERS).doc(_id).set({ data: row });
    if (failures >= s.rule.maxFailures) {
      console.warn(
        `[attempts] ${s.rule.scope} locked for ${s.key} after ${failures} failed attempts, until ${new Date(lockedUntil).toISOString()}`,
      );
      locked ??= lockedError(s.rule, lockedUntil, now);
    }
    left = Math.min(left, failures >= s.rule.maxFailures ? 0 : s.rule.maxFailures - failures);
  }
  return { locked, left: Number.isFinite(left) ? left : 0 };
}
