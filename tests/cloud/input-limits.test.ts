import { withTestCloud } from '../support/local-cloud-harness';

/** `{ a: { a: … } }` nested `levels` deep. */
function nested(levels: number): object {
  const root: Record<string, unknown> = {};
  let at = root;
  for (let i = 1; i < levels; i++) {
    const next: Record<string, unknown> = {};
    at.a = next;
    at = next;
  }
  return root;
}

/** Absurd input meets clean refusals: from the local cloud when it cannot even deliver it, from the function otherwise. */
describe('input limits', () => {
  const env = withTestCloud();

  it('answers a payload nested thousands deep with a client error and keeps the warm instance', async () => {
    const warm = await env.cloud.call('catalog', { action: 'listCategories' });
    expect(warm.body.result.ok).toBe(true);
    const before = env.cloud.runtime.liveInstances('catalog');
    expect(before).toHaveLength(1);

    // Written by hand: JSON.stringify itself overflows at this depth.
    const body = `{"data":{"action":"listCategories","x":${'{"a":'.repeat(4200)}{}${'}'.repeat(4200)}}}`;
    const res = await fetch(`${env.cloud.url}/gateway/functions/catalog`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'o-resident-0001' },
      body,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errMsg).toMatch(/deeper than/);

    // Past the function's 5 s timeout: no stale timer killed the idle instance.
    await new Promise((r) => setTimeout(r, 5500));
    const after = await env.cloud.call('catalog', { action: 'listCategories' });
    expect(after.body.result.ok).toBe(true);
    expect(env.cloud.runtime.liveInstances('catalog').map((i) => i.pid)).toEqual(before.map((i) => i.pid));
  }, 20_000);

  it.each([
    ['catalog', 'listCategories'],
    ['identity', 'whoami'],
    ['order', 'mine'],
  ])('%s.%s refuses absurd nesting and size before parsing (INPUT.*)', async (fn, action) => {
    const deep = await env.cloud.call(fn, { action, x: nested(40) });
    expect(deep.status).toBe(200);
    expect(deep.body.result).toMatchObject({ ok: false, code: 'INPUT.TOO_DEEP' });
    const large = await env.cloud.call(fn, { action, x: 'x'.repeat(200_000) });
    expect(large.body.result).toMatchObject({ ok: false, code: 'INPUT.TOO_LARGE' });
    const wide = await env.cloud.call(fn, { action, x: Array.from({ length: 5000 }, () => 1) });
    expect(wide.body.result).toMatchObject({ ok: false, code: 'INPUT.TOO_LARGE' });
  });
});

describe('gateway body cap and echoed input', () => {
  const env = withTestCloud();

  it('answers a body over the 1 MB cap with 413 and a message instead of dropping the connection', async () => {
    const res = await fetch(`${env.cloud.url}/gateway/functions/catalog`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'o-resident-0001' },
      body: JSON.stringify({ data: { action: 'listCategories', x: 'x'.repeat(1_500_000) } }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errMsg).toMatch(/请求内容过大/);
    // The connection (and the gateway) still serve the next call.
    expect((await env.cloud.call('catalog', { action: 'listCategories' })).body.result.ok).toBe(true);
  });

  it('repeats only a short prefix of unknown keys and actions in a refusal', async () => {
    const hugeKey = await env.cloud.call('catalog', { action: 'listCategories', ['k'.repeat(100_000)]: 1 });
    expect(hugeKey.body.result).toMatchObject({ ok: false, code: 'INPUT.TOO_LARGE' });
    expect(hugeKey.body.result.message.length).toBeLessThan(300);
    const longKey = 'k'.repeat(15_000);
    const unknownKey = await env.cloud.call('catalog', { action: 'listCategories', [longKey]: 1 });
    expect(unknownKey.body.result).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(unknownKey.body.result.message.length).toBeLessThan(300);
    const longAction = await env.cloud.call('catalog', { action: 'a'.repeat(15_000) });
    expect(longAction.body.result).toMatchObject({ ok: false, code: 'INPUT.UNKNOWN_ACTION' });
    expect(longAction.body.result.message.length).toBeLessThan(300);
  });
});
