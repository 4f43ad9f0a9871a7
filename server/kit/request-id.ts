import { createHash } from 'node:crypto';
import { z } from 'zod';
import { REQUEST_ID, REQUEST_ID_MAX, REQUEST_ID_MIN } from '../../src/domain/shared/request-id';

/** A create action's client request id (see src/domain/shared/request-id.ts), checked the same everywhere. */
export const requestIdInput = z
  .string()
  .min(REQUEST_ID_MIN, `requestId 至少 ${REQUEST_ID_MIN} 位`)
  .max(REQUEST_ID_MAX, `requestId 最多 ${REQUEST_ID_MAX} 位`)
  .regex(REQUEST_ID, 'requestId 只能包含字母、数字、- 和 _');

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
