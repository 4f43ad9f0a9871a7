import { createHash } from 'node:crypto';

/**
 * The `_id` a create makes for one caller's request id: the same on every retry (so the retry
 * finds, or collides with, what the first attempt made) and different per caller and per kind.
 */
export function idForRequest(prefix: string, kind: string, callerOpenid: string, requestId: string): string {
  return `${prefix}-${createHash('sha256').update(`${kind}:${callerOpenid}:${requestId}`).digest('hex').slice(0, 24)}`;
}

/**
 * Runs a create once per request id. `earlier` finds what an earlier attempt of the same request
 * made (null when nothing, or when there is no request id): that is the answer. Otherwise `create`
 * runs; when it fails, a concurrent twin may have made it meanwhile (its name now taken, its id
 * now a duplicate), and then what the twin made is the answer.
 */
export async function createOnce<T>(earlier: () => Promise<T | null>, create: () => Promise<T>): Promise<T> {
  const found = await earlier();
  if (found) return found;
  try {
    return await create();
  } catch (err) {
    const twin = await earlier();
    if (twin) return twin;
    throw err;
  }
}
