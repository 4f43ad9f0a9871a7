import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { LOCAL_PII_SECRET } from '../../local-cloud/local-cloud';
import { ROBOT_OFF } from '../../server/announce/worker';
import { ENV_VARIABLES } from '../../server/kit/config';
import { TEMPLATE_KEYS } from '../../src/domain/notify/notify.templates';
import { type TestCloud, withTestCloud } from '../support/local-cloud-harness';
import { announceClient, confirmedIn, robotBuilding, STATION_C1 } from './announce-support';

/** Function instances keep the test network guard (functionEnv replaces the harness's). */
const GUARD = { NODE_OPTIONS: `--require ${path.join(__dirname, '..', 'support', 'network-guard.cjs')}` };
const RESIDENT = 'o-resident-0001';

/** A simple call each function answers for a seeded caller once it is configured. */
const PROBES: Record<string, { data: object; openid: string }> = {
  activity: { data: { action: 'square' }, openid: RESIDENT },
  announce: { data: { action: 'subscribeTemplate' }, openid: RESIDENT },
  catalog: { data: { action: 'listCategories' }, openid: RESIDENT },
  grid: { data: { action: 'knockHome' }, openid: STATION_C1 },
  identity: { data: { action: 'whoami' }, openid: RESIDENT },
  notify: { data: { action: 'templates' }, openid: RESIDENT },
  order: { data: { action: 'mine' }, openid: RESIDENT },
  org: { data: { action: 'tree' }, openid: STATION_C1 },
  problem: { data: { action: 'mine' }, openid: RESIDENT },
  stats: { data: { action: 'overview' }, openid: STATION_C1 },
  team: { data: { action: 'listTeams' }, openid: RESIDENT },
};

const functionsOf = (cloud: TestCloud) => cloud.runtime.definitions.map((d) => d.name).sort();
const timerFunctions = (cloud: TestCloud) => cloud.runtime.definitions.filter((d) => d.triggers.length > 0);

describe('production config: a function missing a required variable refuses every call with SYS.CONFIG_MISSING', () => {
  // The local cloud says CLOUD_STAGE=local and passes a PII_SECRET; here it is production without one.
  const env = withTestCloud(undefined, { functionEnv: { ...GUARD, CLOUD_STAGE: 'production', PII_SECRET: '' } });

  it('every function answers a clear refusal naming the variable, and its instance keeps answering', async () => {
    expect(functionsOf(env.cloud)).toEqual(Object.keys(PROBES).sort());
    for (const name of functionsOf(env.cloud)) {
      const probe = PROBES[name] as { data: object; openid: string };
      for (let round = 0; round < 2; round++) {
        const res = await env.cloud.call(name, probe.data, probe.openid);
        expect(res.status).toBe(200);
        expect(res.body.result).toEqual({ ok: false, code: 'SYS.CONFIG_MISSING', message: expect.stringContaining('PII_SECRET') });
        expect(res.body.result.message).toContain(name);
      }
    }
    // Each names every variable it lacks: notify its order templates, announce its own.
    const notify = (await env.cloud.call('notify', { action: 'templates' })).body.result;
    for (const key of TEMPLATE_KEYS) expect(notify.message).toContain(`TEMPLATE_${key}`);
    expect((await env.cloud.call('announce', { action: 'feed' })).body.result.message).toContain('TEMPLATE_ANNOUNCEMENT');
  }, 60_000);

  it('timer triggers get the same answer instead of a crash', async () => {
    const timers = timerFunctions(env.cloud);
    expect(timers.map((d) => d.name).sort()).toEqual(['activity', 'announce', 'notify', 'order', 'problem']);
    for (const def of timers) {
      const answer = await env.cloud.runtime.invoke(def.name, { Type: 'Timer', TriggerName: def.triggers[0]?.name }, { source: 'timer' });
      expect(answer).toEqual({ ok: false, code: 'SYS.CONFIG_MISSING', message: expect.stringContaining('PII_SECRET') });
    }
  });
});

describe('production config, everything set and no ROBOT_WEBHOOK_BASE', () => {
  const templates = Object.fromEntries([...TEMPLATE_KEYS, 'ANNOUNCEMENT'].map((k) => [`TEMPLATE_${k}`, `tpl-${k.toLowerCase()}`]));
  const env = withTestCloud(announceClient, {
    functionEnv: {
      ...GUARD,
      CLOUD_STAGE: 'production',
      PII_SECRET: LOCAL_PII_SECRET,
      ...templates,
      // Blank is unset: the local cloud's own receiver address must not count as configured.
      ROBOT_WEBHOOK_BASE: '',
    },
  });
  const robotRequests: string[] = [];
  beforeAll(() => {
    const handle = env.cloud.robot.handle.bind(env.cloud.robot);
    env.cloud.robot.handle = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
      if (pathname.startsWith('/_dev/robot/send')) robotRequests.push(req.url ?? pathname);
      return handle(req, res, pathname);
    };
  });

  it('declares every required variable this test sets', () => {
    const set = new Set(['PII_SECRET', ...Object.keys(templates)]);
    for (const v of ENV_VARIABLES.filter((x) => x.required)) expect(set.has(v.name)).toBe(true);
  });

  it('every function works, and the template ids are the configured ones, never the variable names', async () => {
    for (const name of functionsOf(env.cloud)) {
      const probe = PROBES[name] as { data: object; openid: string };
      const res = await env.cloud.call(name, probe.data, probe.openid);
      expect({ name, ok: res.body.result?.ok, code: res.body.result?.code }).toEqual({ name, ok: true, code: undefined });
    }
    const notify = (await env.cloud.call('notify', { action: 'templates' })).body.result.data;
    expect(notify.items.map((t: { templateId: string }) => t.templateId)).toEqual(TEMPLATE_KEYS.map((k) => `tpl-${k.toLowerCase()}`));
    expect((await env.cloud.call('announce', { action: 'subscribeTemplate' })).body.result.data).toEqual({
      templateId: 'tpl-announcement',
    });
  }, 60_000);

  it('robots are off: a robot delivery is recorded as not sent, with the reason, and no robot request is made', async () => {
    const { building, key } = robotBuilding();
    // A resident grants the announcement template: the grant is checked against the configured id.
    const reader = confirmedIn([building])[0]?._id as string;
    expect(await env.api.call({ action: 'subscribeGrant', templateId: 'TEMPLATE_ANNOUNCEMENT' }, reader)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    await env.api.must({ action: 'subscribeGrant', templateId: 'tpl-announcement' }, reader);
    env.api.alignToMinuteStart();
    const { id } = await env.api.publishNew(STATION_C1, { targets: [building] });
    expect(env.api.rows(id, 'robot')).toHaveLength(1);
    const run = await env.api.drain();
    expect(run).toMatchObject({ ok: true, data: { robotOff: 1, sent: expect.any(Number) } });
    expect(env.api.rows(id, 'robot')).toEqual([
      expect.objectContaining({ state: 'failed', attempts: 0, lastError: ROBOT_OFF, doneAt: expect.any(Number), calledAt: null }),
    ]);
    // The other channels still went out; subscribe messages with the configured template.
    expect(env.api.rows(id, 'feed').every((r) => r.state === 'delivered')).toBe(true);
    expect(env.api.rows(id, 'subscribe')).toEqual([expect.objectContaining({ recipient: reader, state: 'sent' })]);
    expect(env.cloud.outbox.list('subscribeMessage.send')).toEqual([
      expect.objectContaining({ openid: reader, templateId: 'tpl-announcement' }),
    ]);
    // Later runs do not pick it up again.
    env.cloud.clock.advance(60 * 60_000);
    await env.api.drain();
    expect(env.api.rows(id, 'robot')[0]).toMatchObject({ state: 'failed', attempts: 0 });
    expect(robotRequests).toEqual([]);
    expect(env.cloud.robot.list(key)).toEqual([]);
    expect(env.cloud.robot.list()).toEqual([]);
  });
});
