/**
 * A few CloudBase answers carry fields beside `data`: `database.startTransaction` answers
 * `{ requestId, transactionId }` and the SDK reads `res.transactionId`. A handler marks such
 * fields with `topLevel(fields, data)`; the endpoint moves them up beside `requestId`.
 */
export const TOP_LEVEL_KEY = '__tcbTopLevel';

export function topLevel(fields: Record<string, unknown>, data: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...data, [TOP_LEVEL_KEY]: fields };
}

/** Splits a handler's answer into the fields that go beside `data` and `data` itself. */
export function splitTopLevel(data: unknown): { fields: Record<string, unknown>; data: unknown } {
  if (!data || typeof data !== 'object' || !Object.hasOwn(data, TOP_LEVEL_KEY)) return { fields: {}, data };
  const { [TOP_LEVEL_KEY]: fields, ...rest } = data as Record<string, unknown>;
  return { fields: (fields ?? {}) as Record<string, unknown>, data: rest };
}
