/**
 * The deploy plan covers everything the repository declares — every collection and index of
 * database/indexes.ts, every folder under cloudfunctions/, every trigger of their config.json,
 * every variable of ENV_VARIABLES — and refuses, naming it, when the env file lacks a required one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTION_INDEXES } from '../../../database/indexes';
import { main } from '../../../scripts/deploy/cli';
import { DeployConfigError, loadDesired } from '../../../scripts/deploy/desired';
import { parseEnvFile } from '../../../scripts/deploy/env-file';
import { type Observed, plan } from '../../../scripts/deploy/plan';
import { ENV_VARIABLES } from '../../../server/kit/config';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FUNCTIONS_ROOT = path.join(ROOT, 'cloudfunctions');
const FOLDERS = fs
  .readdirSync(FUNCTIONS_ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const REQUIRED = ENV_VARIABLES.filter((v) => v.required);
const VALUES = Object.fromEntries(REQUIRED.map((v) => [v.name, `value-of-${v.name}-9f3a`]));
const desiredWith = (env: Record<string, string>) => loadDesired({ functionsRoot: FUNCTIONS_ROOT, env, envFile: 'deploy.env' });

describe('the offline plan', () => {
  const changes = plan(desiredWith(VALUES));

  it('covers every collection and index of database/indexes.ts, each with its client-denied security rule', () => {
    for (const [name, indexes] of Object.entries(COLLECTION_INDEXES)) {
      expect(changes.filter((c) => c.kind === 'collection' && c.owner === name)).toHaveLength(1);
      expect(changes.filter((c) => c.kind === 'index' && c.owner === name).map((c) => c.target)).toEqual(indexes.map((i) => i.name));
      expect(changes.filter((c) => c.kind === 'rule' && c.owner === name).map((c) => c.target)).toEqual(['ADMINONLY']);
    }
    expect(new Set(changes.filter((c) => c.kind === 'collection').map((c) => c.owner))).toEqual(new Set(Object.keys(COLLECTION_INDEXES)));
  });

  it('covers every folder under cloudfunctions/ with its config.json settings and every trigger', () => {
    expect(FOLDERS.length).toBeGreaterThanOrEqual(8);
    expect(changes.filter((c) => c.kind === 'function').map((c) => c.owner)).toEqual(FOLDERS);
    for (const name of FOLDERS) {
      const config = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_ROOT, name, 'config.json'), 'utf8'));
      const settings = changes.find((c) => c.kind === 'settings' && c.owner === name);
      expect(settings?.detail).toContain(`timeout ${config.timeout}s`);
      const triggers = changes.filter((c) => c.kind === 'trigger' && c.owner === name);
      expect(triggers.map((t) => `${t.target} ${t.detail}`)).toEqual(
        (config.triggers ?? []).map((t: { name: string; type: string; config: string }) => `${t.name} ${t.type} ${t.config}`),
      );
      const openapi = changes.find((c) => c.kind === 'function' && c.owner === name)?.detail ?? '';
      for (const permission of config.permissions?.openapi ?? []) expect(openapi).toContain(permission);
    }
    expect(changes.filter((c) => c.kind === 'trigger').length).toBeGreaterThanOrEqual(3);
  });

  it('gives every function every variable ENV_VARIABLES declares for it', () => {
    for (const v of ENV_VARIABLES) {
      for (const fn of v.functions) {
        expect(FOLDERS).toContain(fn);
        const variables = changes.find((c) => c.kind === 'variables' && c.owner === fn);
        expect(variables?.target.split(', ')).toContain(v.name);
        if (v.required) expect(variables?.detail).toContain(v.name);
      }
    }
  });

  it('holds no variable value', () => {
    const text = JSON.stringify(changes);
    for (const value of Object.values(VALUES)) expect(text).not.toContain(value);
  });
});

describe('a missing required variable', () => {
  it.each(REQUIRED.map((v) => [v.name]))('without %s the plan refuses and names it, its functions and the env file', (name) => {
    const { [name]: _dropped, ...rest } = VALUES;
    let error: unknown;
    try {
      desiredWith(rest);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeployConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).toContain('deploy.env');
    for (const fn of REQUIRED.find((v) => v.name === name)?.functions ?? []) expect(message).toContain(fn);
    for (const other of REQUIRED.filter((v) => v.name !== name)) expect(message).not.toContain(`${other.name}（`);
  });

  it('a misspelt name in the env file is named as not declared, and the plan still refuses', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-plan-'));
    const envFile = path.join(dir, 'deploy.env');
    const { PII_SECRET, ...rest } = VALUES;
    fs.writeFileSync(
      envFile,
      `${Object.entries(rest)
        .map(([k, v]) => `${k}=${v}\n`)
        .join('')}PII_SECRT=${PII_SECRET}\n`,
    );
    const lines: string[] = [];
    const code = await main(['--plan', '--env-file', envFile], { env: {}, log: (l) => lines.push(l), root: ROOT });
    const text = lines.join('\n');
    expect(code).toBe(1);
    expect(text).toMatch(/PII_SECRT 没有在 server\/kit\/config.ts 声明/);
    expect(text).toMatch(/缺少必需的环境变量[\s\S]*PII_SECRET/);
    expect(text).not.toContain(PII_SECRET as string);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a blank value counts as missing', () => {
    expect(() => desiredWith({ ...VALUES, PII_SECRET: '   ' })).toThrow(/PII_SECRET/);
  });

  it('npm run deploy -- --plan exits 1 with the message, without credentials or network', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-plan-'));
    const envFile = path.join(dir, 'deploy.env');
    fs.writeFileSync(envFile, 'PII_SECRET=only-this-one\n');
    const lines: string[] = [];
    const code = await main(['--plan', '--env-file', envFile], { env: {}, log: (l) => lines.push(l), root: ROOT });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/缺少必需的环境变量[\s\S]*TEMPLATE_ORDER_STATUS/);
    expect(lines.join('\n')).not.toContain('only-this-one');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('npm run deploy -- --plan', () => {
  it('prints the whole plan from the env file, with names and never values', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-plan-'));
    const envFile = path.join(dir, 'deploy.env');
    fs.writeFileSync(
      envFile,
      Object.entries(VALUES)
        .map(([k, v]) => `${k}="${v}"\n`)
        .join(''),
    );
    const lines: string[] = [];
    const code = await main(['--plan', '--env-file', envFile], { env: {}, log: (l) => lines.push(l), root: ROOT });
    const text = lines.join('\n');
    expect(code).toBe(0);
    for (const name of [...Object.keys(COLLECTION_INDEXES), ...FOLDERS]) expect(text).toContain(name);
    for (const value of Object.values(VALUES)) expect(text).not.toContain(value);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a real deploy without credentials stops before any request and says which variables to set', async () => {
    const lines: string[] = [];
    const client = jest.fn();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-plan-'));
    const envFile = path.join(dir, 'deploy.env');
    fs.writeFileSync(
      envFile,
      Object.entries(VALUES)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    const code = await main(['--env', 'prod-1a2b', '--env-file', envFile, '--no-build'], {
      env: {},
      log: (l) => lines.push(l),
      root: ROOT,
      client,
    });
    expect(code).toBe(2);
    expect(client).not.toHaveBeenCalled();
    expect(lines.join('\n')).toMatch(/TENCENTCLOUD_SECRETID[\s\S]*TENCENTCLOUD_SECRETKEY/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the online plan', () => {
  const desired = desiredWith(VALUES);
  const matching = (): Observed => ({
    collections: Object.fromEntries(
      desired.collections.map((c) => [
        c.name,
        {
          exists: true,
          acl: 'ADMINONLY',
          indexes: c.indexes.map((i) => ({ name: i.name, fields: i.fields.map((f) => ({ ...f })), unique: Boolean(i.unique) })),
        },
      ]),
    ),
    functions: Object.fromEntries(
      desired.functions.map((fn) => [
        fn.name,
        {
          runtime: fn.runtime,
          timeout: fn.timeout,
          memorySize: fn.memorySize,
          description: `bundle ${fn.codeHash ?? 'unbuilt'} (npm run deploy)`,
          env: Object.fromEntries(fn.variables.filter((v) => v.value).map((v) => [v.name, v.value as string])),
          triggers: fn.triggers.map((t) => ({ ...t })),
        },
      ]),
    ),
  });

  it('leaves alone what already matches', () => {
    expect(plan(desired, matching()).filter((c) => c.action !== 'keep')).toEqual([]);
  });

  it('creates what is missing, updates what differs, and only reports a same-named index with other fields', () => {
    const observed = matching();
    delete observed.collections.orders;
    observed.functions.order = undefined;
    const teams = observed.collections.teams;
    if (teams?.indexes[0]) teams.indexes[0].fields = [{ field: 'other', direction: 1 }];
    const notify = observed.functions.notify;
    if (notify) {
      notify.timeout = 3;
      notify.env.PII_SECRET = 'old';
    }
    const changes = plan(desired, observed);
    const by = (kind: string, owner: string) => changes.filter((c) => c.kind === kind && c.owner === owner).map((c) => c.action);
    expect(by('collection', 'orders')).toEqual(['create']);
    expect(new Set(by('index', 'orders'))).toEqual(new Set(['create']));
    expect(by('function', 'order')).toEqual(['create']);
    expect(by('settings', 'notify')).toEqual(['update']);
    expect(by('variables', 'notify')).toEqual(['update']);
    expect(by('index', 'teams')).toEqual(['differs', 'keep']);
    expect(changes.find((c) => c.kind === 'variables' && c.owner === 'notify')?.detail).not.toContain('old');
  });
});

describe('the env file', () => {
  it('reads KEY=value lines, comments, quotes and export', () => {
    expect(parseEnvFile('# c\nA=1\nexport B="two words"\nC=\'x=y\'\nD=v # note\n\n')).toEqual({ A: '1', B: 'two words', C: 'x=y', D: 'v' });
  });

  it('names the line it cannot read, without its content', () => {
    expect(() => parseEnvFile('A=1\nnot a line with s3cret\n', 'deploy.env')).toThrow(/deploy.env 第 2 行/);
    expect(() => parseEnvFile('not a line with s3cret\n')).not.toThrow(/s3cret/);
  });
});
