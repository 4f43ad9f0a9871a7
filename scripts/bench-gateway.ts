import http from 'node:http';

/** What a function answers through the gateway. */
export type GatewayAnswer = { ok: boolean; data?: Record<string, unknown>; code?: string; message?: string };

/**
 * The phones' side of a bench: one function called through the local cloud's browser gateway over
 * plain keep-alive HTTP — cheaper than fetch, so the load generator takes as little as it can of
 * the two cores it shares with what it measures.
 */
export function gatewayClient(baseUrl: string, fn: string, maxSockets = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const url = new URL(`${baseUrl}/gateway/functions/${fn}`);
  const post = (payload: string, openid: string) =>
    new Promise<string>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-wx-openid': openid },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  /** The answer as it came, refusals included. */
  const call = async (action: string, data: object, openid: string): Promise<GatewayAnswer> => {
    const body = JSON.parse(await post(JSON.stringify({ data: { action, ...data } }), openid)) as { result?: GatewayAnswer };
    return body.result ?? { ok: false, message: 'no result' };
  };
  /** The answer's data; a refusal throws, naming the action and the caller. */
  const must = async (action: string, data: object, openid: string): Promise<Record<string, unknown>> => {
    const res = await call(action, data, openid);
    if (!res.ok) throw new Error(`${action} by ${openid} failed: ${JSON.stringify(res).slice(0, 300)}`);
    return res.data as Record<string, unknown>;
  };
  return { call, must, close: () => agent.destroy() };
}
