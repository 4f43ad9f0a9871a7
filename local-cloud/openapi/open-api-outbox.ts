import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One open-API call the local cloud accepted instead of reaching WeChat. Subscribe messages
 * are recorded only when WeChat would have delivered them; content checks and unknown APIs are
 * recorded with what was answered.
 */
export interface OutboxEntry {
  /** e.g. `subscribeMessage.send`, `security.msgSecCheck`. */
  api: string;
  /** ISO time of the call (from the injected clock). */
  at: string;
  /** openid of the calling function's user (from its wxCloudApiToken), if known. */
  caller?: string;
  /** The recipient (`touser`) for messages, the checked user for msgSecCheck v2. */
  openid?: string;
  templateId?: string;
  page?: string;
  /** subscribeMessage: the template data as sent (`{ thing1: { value } }`). */
  data?: unknown;
  /** msgSecCheck: the checked text. */
  content?: string;
  /** msgSecCheck: the verdict answered. */
  suggest?: 'pass' | 'risky' | 'review';
  /** Every parameter as the SDK sent it (snake_case keys), for APIs without a dedicated shape. */
  params: Record<string, unknown>;
}

export class OpenApiOutbox {
  private readonly entries: OutboxEntry[] = [];
  private readonly denied = new Set<string>();

  record(entry: OutboxEntry): void {
    this.entries.push(entry);
  }

  /** A copy, oldest first; optionally only one API. */
  list(api?: string): OutboxEntry[] {
    return this.entries.filter((e) => api === undefined || e.api === api).map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** From now on subscribe messages to `openid` fail with 43101 (the user gave no grant). */
  denySubscribe(openid: string): void {
    this.denied.add(openid);
  }

  allowSubscribe(openid: string): void {
    this.denied.delete(openid);
  }

  isSubscribeDenied(openid: string): boolean {
    return this.denied.has(openid);
  }
}

/**
 * `GET /_dev/outbox[?api=…]` → `{ entries }`, `DELETE /_dev/outbox` empties it.
 * Returns false when the path is not the outbox's, so the server can try other routes.
 */
export function handleOutboxRequest(req: IncomingMessage, res: ServerResponse, outbox: OpenApiOutbox): boolean {
  const url = new URL(req.url ?? '/', 'http://local');
  if (url.pathname !== '/_dev/outbox') return false;
  let status = 200;
  let body: unknown;
  if (req.method === 'GET') {
    body = { entries: outbox.list(url.searchParams.get('api') ?? undefined) };
  } else if (req.method === 'DELETE') {
    outbox.clear();
    body = { cleared: true };
  } else {
    status = 405;
    body = { error: 'use GET or DELETE' };
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
  return true;
}
