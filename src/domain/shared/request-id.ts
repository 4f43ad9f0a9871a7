/**
 * Client request ids: made once per form by the page, sent with every retry of the same submit,
 * so a create retried after a timeout answers what the first attempt made instead of making a
 * second one.
 */
export const REQUEST_ID_MIN = 8;
export const REQUEST_ID_MAX = 64;
/** Letters, digits, `-` and `_`. */
export const REQUEST_ID = /^[A-Za-z0-9_-]+$/;

/** A fresh request id for one form (not a secret: it only has to differ between forms). */
export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  const tail = random().toString(36).slice(2, 12).padEnd(10, '0');
  return `web-${now.toString(36)}-${tail}`;
}
