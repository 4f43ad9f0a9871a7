import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An action answer that must go out as raw bytes instead of `{ requestId, data }` JSON.
 *
 * `wx.openApi` is such an action: @cloudbase/node-sdk asks for it with `type: 'raw'` and treats
 * the body as a protobuf `CommOpenApiResp` unless the content type is exactly
 * `application/json; charset=utf-8` (then it parses JSON and expects a `{ code, message }` error).
 *
 * `createTcbEndpoint` always JSON-encodes what a handler returns, so a RawReply serialises to a
 * marker object and `withRawReplies` (below) turns that marker back into raw bytes on the wire.
 * Once the endpoint learns `if (data instanceof RawReply) { write raw }`, the wrapper is a no-op.
 */
export const RAW_REPLY_MARK = '__localCloudRawReply__';

export class RawReply {
  constructor(
    readonly body: Buffer,
    readonly contentType: string,
  ) {}

  toJSON(): Record<string, { contentType: string; base64: string }> {
    return { [RAW_REPLY_MARK]: { contentType: this.contentType, base64: this.body.toString('base64') } };
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Wraps the tcb endpoint's handler so that answers carrying a RawReply leave as raw bytes. */
export function withRawReplies(handle: Handler): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const writeHead = res.writeHead;
    const end = res.end;
    let head: unknown[] | undefined;
    res.writeHead = function capturedWriteHead(this: ServerResponse, ...args: unknown[]) {
      head = args;
      return this;
    } as typeof res.writeHead;
    res.end = function capturedEnd(this: ServerResponse, ...args: unknown[]) {
      res.writeHead = writeHead;
      res.end = end;
      const chunk = args[0];
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
      if (text.includes(RAW_REPLY_MARK)) {
        try {
          const raw = (JSON.parse(text) as { data?: Record<string, { contentType: string; base64: string }> }).data?.[RAW_REPLY_MARK];
          if (raw) {
            const body = Buffer.from(raw.base64, 'base64');
            res.writeHead(200, { 'content-type': raw.contentType, 'content-length': body.length });
            return res.end(body);
          }
        } catch {
          // not ours after all: fall through and send what the endpoint wrote
        }
      }
      if (head) (writeHead as (...a: unknown[]) => ServerResponse).apply(res, head);
      return (end as (...a: unknown[]) => ServerResponse).apply(res, args);
    } as typeof res.end;
    await handle(req, res);
  };
}
