import { FIXTURE_FUNCTIONS, startTestCloud, type TestCloud } from '../support/local-cloud-harness';

describe('cloud functions run as WeChat runs them', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, maxInstancesPerFunction: 3 });
    cloud.store.createCollection('ticks');
  });
  afterAll(() => cloud?.dispose());

  it('gives the function the caller from the WeChat context, not from the request body', async () => {
    const { status, body } = await cloud.call(
      'probe',
      { action: 'context', openid: 'o-attacker', OPENID: 'o-attacker' },
      'o-resident-0002',
    );
    expect(status).toBe(200);
    expect(body.result.wx.OPENID).toBe('o-resident-0002');
    expect(body.result.wx.APPID).toBe('wx-local-dev-app');
    expect(body.result.wx.ENV).toBe('local-env');
    // The per-invocation API token is WeChat-internal and never shown to the function.
    expect(body.result.wx).not.toHaveProperty('API_TOKEN');
  });

  it('keeps the original caller when one function calls another', async () => {
    const { body } = await cloud.call('probe', { action: 'callProbe' }, 'o-station-01');
    expect(body.result.wx.OPENID).toBe('o-station-01');
    expect(body.result.source).toBe('scf');
  });

  it('runs one invocation at a time per instance, a few instances per function', async () => {
    const callers = ['o-a', 'o-b', 'o-c', 'o-d', 'o-e', 'o-f'];
    const started = Date.now();
    const results = await Promise.all(callers.map((openid) => cloud.call('probe', { action: 'hold', ms: 300 }, openid)));
    const elapsed = Date.now() - started;
    results.forEach(({ body }, i) => {
      // Each invocation saw its own caller before and after awaiting: no env bleeding between callers.
      expect(body.result.before).toBe(callers[i]);
      expect(body.result.after).toBe(callers[i]);
    });
    const pids = new Set(results.map(({ body }) => body.result.pid));
    expect(pids.size).toBeLessThanOrEqual(3);
    expect(pids.size).toBeGreaterThan(1);
    // Six 300 ms invocations over at most three instances need at least two rounds.
    expect(elapsed).toBeGreaterThanOrEqual(590);
  });

  it('enforces the timeout from config.json and replaces the timed-out instance', async () => {
    const slow = await cloud.call('slowpoke', {});
    expect(slow.status).toBe(504);
    expect(slow.body.errCode).toBe(-504003);
    expect(slow.body.errMsg).toMatch(/timed out after 1 seconds/);
    const quick = await cloud.call('slowpoke', { ms: 10 });
    expect(quick.status).toBe(200);
    expect(typeof quick.body.result.pid).toBe('number');
  });

  it('answers a thrown error as a failed invocation and keeps serving', async () => {
    const failed = await cloud.call('probe', { action: 'fail' });
    expect(failed.status).toBe(500);
    expect(failed.body.errMsg).toMatch(/probe failed on purpose/);
    const next = await cloud.call('probe', { action: 'context' });
    expect(next.status).toBe(200);
  });

  it('refuses calls without an identity and to unknown functions', async () => {
    const anonymous = await fetch(`${cloud.url}/gateway/functions/probe`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
    const unknown = await cloud.call('no-such-function', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.errCode).toBe(-501000);
  });

  it('fires timer triggers from config.json when the clock moves', async () => {
    expect(cloud.store.count('ticks', {})).toBe(0);
    const res = await fetch(`${cloud.url}/_dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 61_000 }) });
    const { fired } = await res.json();
    expect(fired).toEqual([expect.objectContaining({ functionName: 'ticker', triggerName: 'everyMinute', ok: true })]);
    const ticks = cloud.store.find('ticks', {});
    expect(ticks).toHaveLength(1);
    expect(ticks[0]).toMatchObject({ trigger: 'everyMinute', src: 'timer', openid: null });
    // serverDate() is the local cloud's (moved) clock.
    const at = ticks[0]?.at as Date;
    expect(at.getTime()).toBeGreaterThan(Date.now() + 55_000);
  });
});
