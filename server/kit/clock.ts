/**
 * "Now" for use cases. On WeChat Cloud it is the machine's clock. The local cloud can move its
 * clock forward (tests of deadlines and timers) and tells each invocation by how much in
 * LOCAL_CLOUD_CLOCK_OFFSET_MS, which never exists on WeChat Cloud.
 */
export function now(): number {
  const offset = Number(process.env.LOCAL_CLOUD_CLOCK_OFFSET_MS ?? 0);
  return Date.now() + (Number.isFinite(offset) ? offset : 0);
}
