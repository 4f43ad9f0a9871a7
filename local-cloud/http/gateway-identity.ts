import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './json-response';

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The demo user the browser plays (header `x-wx-openid`), or undefined after answering 401 — the
 * gateway's stand-in for the identity WeChat attaches to every wx.cloud call.
 */
export function gatewayOpenid(req: IncomingMessage, res: ServerResponse): string | undefined {
  const openid = String(req.headers['x-wx-openid'] ?? '');
  if (OPENID.test(openid)) return openid;
  sendJson(res, 401, { errCode: -601034, errMsg: '还没有选择身份，请先点「以…身份进入」选一个身份（请求头 x-wx-openid）' });
  return undefined;
}
