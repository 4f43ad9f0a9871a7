/**
 * The local cloud's time: real time plus an offset that tests and demos can move forward
 * (`POST /_dev/clock`), so deadlines and timer triggers can be exercised without waiting.
 * serverDate(), timer triggers and the functions' view of "now" (via the database) all use it.
 */
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('the clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }

  /**
   * Moves the clock back, once, before anything has run on it: only the living demo seed does
   * this (local-cloud/seed/living-seed.ts), and it plays forward to real time again.
   */
  rewind(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('rewind takes a non-negative duration');
    this.offsetMs -= ms;
    return this.now();
  }

  get offset(): number {
    return this.offsetMs;
  }
}
