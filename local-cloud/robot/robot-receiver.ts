import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import { sendJson } from '../http/json-response';
import { readBody } from '../tcb/tcb-endpoint';

/** WeCom group robots accept at most this many messages per minute each. */
export const ROBOT_LIMIT_PER_MINUTE = 20;
const TEXT_MAX_BYTES = 2048;
const MARKDOWN_MAX_BYTES = 4096;

export interface RobotMessage {
  key: string;
  /** ISO time on the local cloud's clock. */
  at: string;
  msgtype: string;
  content: string;
}

export interface RobotRejection {
  key: string;
  at: string;
  errcode: number;
  errmsg: string;
}

/**
 * A local WeCom group-robot webhook receiver (never part of WeChat Cloud). Functions POST to
 * `/_dev/robot/send?key=K` (ROBOT_WEBHOOK_BASE points there) exactly as to
 * `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K`, and get WeCom's answers:
 *  - `{errcode:0, errmsg:'ok'}`, the message recorded per key;
 *  - 45009 when a key gets more than 20 messages in one calendar minute of the local clock
 *    (recorded as a rejection: tests assert there are none);
 *  - 40008 / 40058 for an unknown msgtype or content over 2048 (text) / 4096 (markdown) bytes;
 *  - `-1 system busy` for the next N calls of a key after `POST /_dev/robot/fail {key, times}`.
 *
 *   GET    /_dev/robot/messages[?key=K]   { messages, rejections }
 *   DELETE /_dev/robot/messages           forget everything (messages, rejections, failures)
 *   POST   /_dev/robot/fail {key, times}  fail the next `times` calls of `key`
 */
export class RobotReceiver {
  readonly messages: RobotMessage[] = [];
  readonly rejections: RobotRejection[] = [];
  private readonly failNext = new Map<string, number>();
  private readonly perMinute = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  fail(key: string, times: number): void {
    this.failNext.set(key, Math.max(0, Math.floor(times)));
  }

  clear(): void {
    this.messages.length = 0;
    this.rejections.length = 0;
    this.failNext.clear();
    this.perMinute.clear();
  }

  list(key?: string): RobotMessage[] {
    return key ? this.messages.filter((m) => m.key === key) : [...this.messages];
  }

  /** One webhook call as WeCom answers it. */
  receive(key: string, body: unknown): { errcode: number; errmsg: string } {
    const at = this.clock.now();
    const reject = (errcode: number, errmsg: string) => {
      this.rejections.push({ key, at: at.toISOString(), errcode, errmsg });
      return { errcode, errmsg };
    };
    if (!key) return reject(93000, 'invalid webhook url');
    const failures = this.failNext.get(key) ?? 0;
    if (failures > 0) {
      this.failNext.set(key, failures - 1);
      return { errcode: -1, errmsg: 'system busy' };
    }
    const msg = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const msgtype = typeof msg.msgtype === 'string' ? msg.msgtype : '';
    const part = (msg[msgtype] ?? {}) as { content?: unknown };
    const content = typeof part.content === 'string' ? part.content : '';
    if (msgtype !== 'text' && msgtype !== 'markdown') return reject(40008, 'invalid message type');
    const max = msgtype === 'text' ? TEXT_MAX_BYTES : MARKDOWN_MAX_BYTES;
    if (!content || Buffer.byteLength(content) > max) return reject(40058, `content exceed max length ${max}`);
    const minuteKey = `${key}\u0000${Math.floor(at.getTime() / 60_000)}`;
    const count = (this.perMinute.get(minuteKey) ?? 0) + 1;
    this.perMinute.set(minuteKey, count);
    if (count > ROBOT_LIMIT_PER_MINUTE) return reject(45009, 'api freq out of limit');
    this.messages.push({ key, at: at.toISOString(), msgtype, content });
    return { errcode: 0, errmsg: 'ok' };
  }

  /** The HTTP routes under /_dev/robot/; false for anything else. */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (!pathname.startsWith('/_dev/robot/')) return false;
    const url = new URL(req.url ?? '/', 'http://local');
    const route = `${req.method} ${pathname}`;
    const json = async () => {
      const text = (await readBody(req, 64 * 1024)).toString('utf8');
      return text ? (JSON.parse(text) as unknown) : {};
    };
    try {
      switch (route) {
        case 'POST /_dev/robot/send':
          sendJson(res, 200, this.receive(url.searchParams.get('key') ?? '', await json()));
          return true;
        case 'GET /_dev/robot/messages': {
          const key = url.searchParams.get('key') ?? undefined;
          sendJson(res, 200, {
            messages: this.list(key),
            rejections: key ? this.rejections.filter((r) => r.key === key) : this.rejections,
          });
          return true;
        }
        case 'DELETE /_dev/robot/messages':
          this.clear();
          sendJson(res, 200, { ok: true });
          return true;
        case 'POST /_dev/robot/fail': {
          const { key, times } = (await json()) as { key?: unknown; times?: unknown };
          if (typeof key !== 'string' || !key || typeof times !== 'number' || !(times >= 0)) {
            sendJson(res, 400, { errMsg: 'body must be { "key": string, "times": non-negative number }' });
            return true;
          }
          this.fail(key, times);
          sendJson(res, 200, { ok: true, key, times });
          return true;
        }
        default:
          sendJson(res, 404, { errMsg: `unknown robot route ${route}` });
          return true;
      }
    } catch (err) {
      sendJson(res, 400, { errcode: 44004, errmsg: `bad request: ${(err as Error).message}` });
      return true;
    }
  }
}
