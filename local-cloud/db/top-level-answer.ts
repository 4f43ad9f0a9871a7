import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A few CloudBase answers carry fields beside `data`: `database.startTransaction` answers
 * `{ requestId, transactionId }` and the SDK reads `res.transactionId`. Action handlers can only
 * return `data`, so they mark such fields with `topLevel(...)` and `hoistTopLevelFields` (wrapped
 * around the tcb endpoint's HTTP handler) moves them up.
 *
 * TODO(tcb-endpoint owner): do this in `createTcbEndpoint` itself — when `data` has an own
 * `__tcbTopLevel` object, spread it into the answer beside `requestId` and drop it from `data` —
 * then this wrapper can go.
 */
export const TOP_LEVEL_KEY = '__tcbTopLevel';

export function topLevel(fields: Record<string, unknown>, data: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...data, [TOP_LEVEL_KEY]: fields };
}

/** Rewrites an answer `{requestId, data: {…, __tcbTopLevel: F}}` into `{requestId, …F, data: {…}}`. */
export function hoistAnswer(text: string): string {
  if (!text.includes(TOP_LEVEL_KEY)) return text;
  try {
    const answer = JSON.parse(text) as { data?: Record<string, unknown> };
    const fields = answer.data && typeof answer.data === 'object' ? answer.data[TOP_LEVEL_KEY] : undefined;
    if (!fields || typeof fields !== 'object') return text;
    const { [TOP_LEVEL_KEY]: _moved, ...data } = answer.data as Record<string, unknown>;
    return JSON.stringify({ ...answer, ...(fields as Record<string, unknown>), data });
  } catch {
    return text;
  }
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Wraps an HTTP handler that answers with one `writeHead` + `end(text)` (as tcb-endpoint does). */
export function hoistTopLevelFields(handle: NodeHandler): NodeHandler {
  return (req, res) => {
    const writeHead = res.writeHead.bind(res) as (status: number, headers?: Record<string, unknown>) => ServerResponse;
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    let head: { status: number; headers: Record<string, unknown> } | null = null;
    (res as { writeHead: unknown }).writeHead = (status: number, headers?: Record<string, unknown>) => {
      head = { status, headers: { ...(headers ?? {}) } };
      return res;
    };
    (res as { end: unknown }).end = (chunk?: unknown) => {
      let body = chunk;
      if (typeof chunk === 'string') body = hoistAnswer(chunk);
      else if (Buffer.isBuffer(chunk)) body = Buffer.from(hoistAnswer(chunk.toString('utf8')));
      const h = head as { status: number; headers: Record<string, unknown> } | null;
      if (h) {
        if (body !== undefined && body !== null && (typeof body === 'string' || Buffer.isBuffer(body))) {
          for (const k of Object.keys(h.headers)) if (k.toLowerCase() === 'content-length') delete h.headers[k];
          h.headers['content-length'] = Buffer.byteLength(body as string | Buffer);
        }
        writeHead(h.status, h.headers);
      }
      return end(body);
    };
    return handle(req, res);
  };
}
