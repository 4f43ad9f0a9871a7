/**
 * Local stand-in for WeChat CloudIDs (the opaque ids `wx.getGroupEnterInfo`, `wx.getWeRunData`, …
 * hand to the client, which `cloud.getOpenData` or a `wx.cloud.CloudID(...)` field in
 * callFunction exchanges for the decrypted data server-side).
 *
 * Choice: a local CloudID is the string `local-cloudid:<base64url of JSON>`, the JSON being
 * `{ v: 1, kind: 'groupEnter', data: { opengid }, openid?, exp? }`. It is readable on purpose
 * (this is a dev tool, nothing secret travels in it). When `openid` is present the local cloud
 * refuses the CloudID for any other caller (-601007, as WeChat binds a CloudID to its user);
 * `exp` (epoch seconds) makes it expire (-601006).
 *
 * The browser build has no group context: its `getGroupEnterInfo` stand-in reads a query
 * parameter (e.g. `?opengid=G123`) and calls `mintGroupEnterCloudId({ opengid })` from this file,
 * which has no Node dependencies for that reason.
 */

export const LOCAL_CLOUD_ID_PREFIX = 'local-cloudid:';

export interface LocalCloudIdPayload {
  v: 1;
  kind: 'groupEnter' | 'generic';
  /** What getOpenData answers as the item's `data` (WeChat adds a `watermark`). */
  data: Record<string, unknown>;
  /** The only openid allowed to redeem this CloudID; omitted = anyone. */
  openid?: string;
  /** Expiry in epoch seconds; omitted = never. */
  exp?: number;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(b64: string): string {
  const bin = atob(b64.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function mintLocalCloudId(payload: Omit<LocalCloudIdPayload, 'v'>): string {
  return LOCAL_CLOUD_ID_PREFIX + toBase64Url(JSON.stringify({ v: 1, ...payload }));
}

/** The CloudID `wx.getGroupEnterInfo` would give a user who opened a card inside group `opengid`. */
export function mintGroupEnterCloudId(opts: { opengid: string; openid?: string; exp?: number }): string {
  return mintLocalCloudId({ kind: 'groupEnter', data: { opengid: opts.opengid }, openid: opts.openid, exp: opts.exp });
}

/** Parses a local CloudID; `undefined` for anything that is not one (→ "invalid cloudID"). */
export function parseLocalCloudId(cloudId: string): LocalCloudIdPayload | undefined {
  if (typeof cloudId !== 'string' || !cloudId.startsWith(LOCAL_CLOUD_ID_PREFIX)) return undefined;
  try {
    const parsed = JSON.parse(fromBase64Url(cloudId.slice(LOCAL_CLOUD_ID_PREFIX.length))) as LocalCloudIdPayload;
    if (parsed?.v !== 1 || typeof parsed.data !== 'object' || parsed.data === null) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}
