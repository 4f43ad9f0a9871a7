import http from 'node:http';
import https from 'node:https';

export interface RobotAnswer {
  /** WeCom's errcode; undefined when the call did not get a WeCom answer (network, HTTP error). */
  errcode: number | undefined;
  errmsg: string;
}

/**
 * POSTs one JSON message to a WeCom group-robot webhook (`${base}${key}`) with node's http(s)
 * (WeChat Cloud's Node 16 runtime has no global fetch). Never throws: failures are answers.
 */
export function postRobotMessage(url: string, message: object, timeoutMs = 5_000): Promise<RobotAnswer> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ errcode: undefined, errmsg: 'invalid webhook url' });
      return;
    }
    const body = Buffer.from(JSON.stringify(message));
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(
      target,
      { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const json = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown };
            const code = typeof json.errcode === 'number' ? json.errcode : undefined;
            resolve({ errcode: code, errmsg: String(json.errmsg ?? `HTTP ${res.statusCode}`) });
          } catch {
            resolve({ errcode: undefined, errmsg: `HTTP ${res.statusCode}: ${text.slice(0, 100)}` });
          }
        });
        res.on('error', (err) => resolve({ errcode: undefined, errmsg: err.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('webhook timed out')));
    req.on('error', (err) => resolve({ errcode: undefined, errmsg: err.message }));
    req.end(body);
  });
}
