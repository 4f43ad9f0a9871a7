import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActionContext, ActionRegistry } from './action-registry';
import { CloudError } from './cloud-error';
import { parseMultipart } from './multipart';
import { RawReply } from './raw-reply';
import { splitTopLevel } from './top-level';

/** Request bodies above this are refused, as CloudBase refuses oversized requests. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new CloudError('INVALID_PARAM', `request body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parameters arrive as JSON, or as multipart form fields (wx.openApi, storage uploads). */
function parseParams(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('multipart/form-data')) return parseMultipart(body, type);
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new CloudError('INVALID_PARAM', 'request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CloudError('INVALID_PARAM', 'request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function send(res: ServerResponse, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The HTTP face of the local cloud as wx-server-sdk sees it: every call is a POST whose body
 * names an `action`; the answer is `{ requestId, data }` or `{ requestId, code, message }`.
 */
export function createTcbEndpoint(registry: ActionRegistry, onAction?: (action: string) => void) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    try {
      const rawBody = await readBody(req);
      const params = parseParams(req, rawBody);
      const action = typeof params.action === 'string' ? params.action : '';
      const handler = Object.hasOwn(registry, action) ? registry[action] : undefined;
      if (!handler) throw new CloudError('INVALID_ACTION', `unknown action: ${action || '(none)'}`);
      onAction?.(action);
      const ctx: ActionContext = {
        requestId,
        envName: typeof params.envName === 'string' ? params.envName : '',
        apiToken: typeof params.wxCloudApiToken === 'string' ? params.wxCloudApiToken : '',
        headers: req.headers,
        rawBody,
      };
      const data = await handler(params, ctx);
      if (data instanceof RawReply) {
        res.writeHead(200, { 'content-type': data.contentType, 'content-length': data.body.length });
        res.end(data.body);
        return;
      }
      const answer = splitTopLevel(data);
      send(res, { requestId, ...answer.fields, data: answer.data });
    } catch (err) {
      if (err instanceof CloudError) {
        send(res, { requestId, code: err.code, message: err.message });
      } else {
        console.error('[local-cloud] internal error', err);
        send(res, { requestId, code: 'SYS_ERR', message: err instanceof Error ? err.message : String(err) });
      }
    }
  };
}
