import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigMissingError, ENV_VARIABLES, loadConfig, missingVariables } from '../../../server/kit/config';
import { TEMPLATE_KEYS } from '../../../src/domain/notify/notify.templates';
import { DomainError } from '../../../src/domain/shared/domain-error';

const FUNCTIONS_DIR = path.join(__dirname, '../../../cloudfunctions');
const FUNCTIONS = readdirSync(FUNCTIONS_DIR).filter((f) => statSync(path.join(FUNCTIONS_DIR, f)).isDirectory());

/** Every variable a function needs in production, set. */
const fullEnv = (): Record<string, string> =>
  Object.fromEntries(ENV_VARIABLES.filter((v) => v.required).map((v) => [v.name, `value-of-${v.name}`]));

const refusal = (fn: () => unknown): ConfigMissingError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigMissingError) return err;
    throw err;
  }
  throw new Error('expected a ConfigMissingError');
};

describe('loadConfig: production refuses to run half-configured', () => {
  it('declares variables only for functions that exist, and PII_SECRET for every one of them', () => {
    const named = new Set(ENV_VARIABLES.flatMap((v) => v.functions));
    for (const fn of named) expect(FUNCTIONS).toContain(fn);
    const pii = ENV_VARIABLES.find((v) => v.name === 'PII_SECRET');
    expect([...(pii?.functions ?? [])].sort()).toEqual([...FUNCTIONS].sort());
    expect(pii?.required).toBe(true);
  });

  it('is production unless CLOUD_STAGE=local: a missing PII_SECRET refuses every function, naming it', () => {
    for (const fn of FUNCTIONS) {
      const env = { ...fullEnv(), PII_SECRET: undefined };
      const err = refusal(() => loadConfig(fn, env));
      expect(err.missing).toContain('PII_SECRET');
      expect(err.functionName).toBe(fn);
      expect(err.message).toContain('PII_SECRET');
      expect(err.message).toContain(fn);
    }
    // Blank counts as missing; CLOUD_STAGE other than `local` is production.
    expect(refusal(() => loadConfig('catalog', { CLOUD_STAGE: 'staging', PII_SECRET: '   ' })).missing).toEqual(['PII_SECRET']);
  });

  it('names every missing variable of the function, and only those it needs', () => {
    expect(missingVariables('notify', { PII_SECRET: 'x' })).toEqual(TEMPLATE_KEYS.map((k) => `TEMPLATE_${k}`));
    expect(missingVariables('announce', { PII_SECRET: 'x' })).toEqual(['TEMPLATE_ANNOUNCEMENT']);
    expect(missingVariables('catalog', {})).toEqual(['PII_SECRET']);
    expect(missingVariables('stats', { PII_SECRET: 'x' })).toEqual([]);
    // Optional ones are never required.
    expect(missingVariables('announce', fullEnv())).toEqual([]);
    expect(refusal(() => loadConfig('notify', { PII_SECRET: 'x' })).missing).toHaveLength(TEMPLATE_KEYS.length);
  });

  it('with everything set, answers the values; template ids never fall back to their variable names', () => {
    const env = fullEnv();
    const cfg = loadConfig('notify', env);
    expect(cfg.stage).toBe('production');
    expect(cfg.piiSecret).toBe('value-of-PII_SECRET');
    for (const key of TEMPLATE_KEYS) expect(cfg.templateId(key)).toBe(`value-of-TEMPLATE_${key}`);
    expect(loadConfig('announce', env).templateId('ANNOUNCEMENT')).toBe('value-of-TEMPLATE_ANNOUNCEMENT');
    // A template the function was not given: a clear SYS.CONFIG_MISSING refusal, not its variable's name.
    const order = loadConfig('order', { PII_SECRET: 'x' });
    expect(() => order.templateId('ORDER_STATUS')).toThrow(DomainError);
    expect(() => order.templateId('ORDER_STATUS')).toThrow(expect.objectContaining({ code: 'SYS.CONFIG_MISSING' }));
    expect(() => order.templateId('ORDER_STATUS')).toThrow(/TEMPLATE_ORDER_STATUS/);
  });

  it('robots are off unless ROBOT_WEBHOOK_BASE is set explicitly', () => {
    expect(loadConfig('announce', fullEnv()).robotWebhookBase).toBeUndefined();
    expect(loadConfig('announce', { ...fullEnv(), ROBOT_WEBHOOK_BASE: '  ' }).robotWebhookBase).toBeUndefined();
    expect(loadConfig('announce', { ...fullEnv(), ROBOT_WEBHOOK_BASE: 'https://robots.example/send?key=' }).robotWebhookBase).toBe(
      'https://robots.example/send?key=',
    );
  });

  it('MINIPROGRAM_STATE: developer and trial are honoured, anything else is formal', () => {
    expect(loadConfig('notify', fullEnv()).miniprogramState).toBe('formal');
    expect(loadConfig('notify', { ...fullEnv(), MINIPROGRAM_STATE: 'trial' }).miniprogramState).toBe('trial');
    expect(loadConfig('notify', { ...fullEnv(), MINIPROGRAM_STATE: 'developer' }).miniprogramState).toBe('developer');
    expect(loadConfig('notify', { ...fullEnv(), MINIPROGRAM_STATE: 'beta' }).miniprogramState).toBe('formal');
  });
});

describe('loadConfig: the local cloud', () => {
  it('requires nothing, and only there template ids fall back to their variable names', () => {
    const cfg = loadConfig('notify', { CLOUD_STAGE: 'local' });
    expect(cfg.stage).toBe('local');
    expect(cfg.templateId('ORDER_STATUS')).toBe('TEMPLATE_ORDER_STATUS');
    expect(cfg.templateId('ANNOUNCEMENT')).toBe('TEMPLATE_ANNOUNCEMENT');
    expect(cfg.robotWebhookBase).toBeUndefined();
    expect(loadConfig('notify', { CLOUD_STAGE: 'local', TEMPLATE_ORDER_STATUS: 'tpl-1' }).templateId('ORDER_STATUS')).toBe('tpl-1');
  });
});
