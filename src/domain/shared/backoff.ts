/** The first wait is up to this long; each later one up to twice as long as the one before. */
export const FIRST_BACKOFF_MS = 20;

/**
 * How long to wait before retry `round` (0-based): full jitter over a doubling window, so writers
 * that collided once spread out instead of colliding again in lock-step.
 */
export function backoffMs(round: number, random: () => number = Math.random): number {
  return Math.floor(random() * FIRST_BACKOFF_MS * 2 ** round);
}
