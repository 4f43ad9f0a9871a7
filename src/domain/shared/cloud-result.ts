import type { ErrorCode } from './domain-error';

/** What every cloud function action answers; the front end's cloud client unwraps it. */
export type CloudResult<T> = { ok: true; data: T } | { ok: false; code: ErrorCode | string; message: string };

export const succeed = <T>(data: T): CloudResult<T> => ({ ok: true, data });
export const fail = (code: ErrorCode | string, message: string): CloudResult<never> => ({ ok: false, code, message });
