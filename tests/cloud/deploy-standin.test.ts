/**
 * The real deploy — `npm run deploy`'s own entry point, scripts/deploy/cli.ts, run in a child
 * process on the real `@cloudbase/manager-node` — against a local stand-in of Tencent Cloud's API.
 * manager-node sends its requests through `http_proxy` when set; the stand-in is that proxy, on
 * 127.0.0.1, and answers the API itself (tests/support/cloudbase-standin.ts). Its certificate is
 * trusted through NODE_EXTRA_CA_CERTS, so TLS is verified as in production; the network guard is
 * loaded into the child, so any other connection fails.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTION_INDEXES } from '../../database/indexes';
import { functionFolders } from '../../scripts/deploy/desired';
import { ENV_VARIABLES } from '../../server/kit/config';
import { type Standin, startStandin } from '../support/cloudbase-standin';

jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '..', '..');
const FUNCTIONS = functionFolders(path.join(ROOT, 'cloudfunctions'));
const ENV_ID = 'standin-7g2k';
const SECRET_ID = `AKIDstandin${randomBytes(8).toString('hex')}`;
const SECRET_KEY = `standinkey${randomBytes(12).toString('hex')}`;
const VALUES: Record<string, string> = Object.fromEntries(
  ENV_VARIABLES.filter((v) => v.required).map((v) => [v.name, `${v.name.toLowerCase()}-${randomBytes(6).toString('hex')}`]),
);
const SECRETS = [SECRET_ID, SECRET_KEY, ...Object.values(VALUES)];
const WRITES = /^(Create|Update|Modify|Delete|BatchCreate)/;

/** File names in a zip (from its central directory). */
function zipEntries(base64: string): string[] {
  const zip = Buffer.from(base64, 'base64');
  const names: string[] = [];
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = zip.indexOf(signature); at >= 0; at = zip.indexOf(signature, at + 46)) {
    const length = zip.readUInt16LE(at + 28);
    names.push(zip.subarray(at + 46, at + 46 + length).toString('utf8'));
  }
  return names;
}

let standin: Standin;
let envFile: string;
const output: string[] = [];

/** `tsx scripts/deploy/cli.ts --env … --env-file … --no-build [extra]` with only the variables it needs. */
async function deploy(...extra: string[]): Promise<{ code: number; lines: string[]; calls: Standin['calls'] }> {
  const firstCall = standin.calls.length;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/deploy/cli.ts', '--env', ENV_ID, '--env-file', envFile, '--no-build', ...extra],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: os.tmpdir(),
        TENCENTCLOUD_SECRETID: SECRET_ID,
        TENCENTCLOUD_SECRETKEY: SECRET_KEY,
        http_proxy: standin.proxyUrl,
        NODE_EXTRA_CA_CERTS: standin.caFile,
        NODE_OPTIONS: `--require ${path.join(ROOT, 'tests/support/network-guard.cjs')}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout.on('data', (d: Buffer) => {
    text += d.toString('utf8');
  });
  child.stderr.on('data', (d: Buffer) => {
    text += d.toString('utf8');
  });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  output.push(text);
  return { code, lines: text.split('\n'), calls: standin.calls.slice(firstCall) };
}

beforeAll(async () => {
  standin = await startStandin(ENV_ID);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-env-'));
  envFile = path.join(dir, 'deploy.env');
  fs.writeFileSync(
    envFile,
    Object.entries(VALUES)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
});

afterAll(async () => {
  await standin?.close();
  fs.rmSync(path.dirname(envFile), { recursive: true, force: true });
});

describe('npm run deploy against a local stand-in of the CloudBase API', () => {
  it('creates every collection, index, security rule, function, variable and trigger on an empty environment', async () => {
    const { code, lines, calls } = await deploy();
    if (code !== 0) throw new Error(lines.join('\n'));

    // Only the two Tencent Cloud services, signed with the key id — never carrying the key itself.
    for (const call of calls) {
      expect(['tcb.tencentcloudapi.com', 'scf.tencentcloudapi.com']).toContain(call.host);
      expect(call.authorization.startsWith(`TC3-HMAC-SHA256 Credential=${SECRET_ID}/`)).toBe(true);
      expect(call.authorization).not.toContain(SECRET_KEY);
    }
    expect(calls.filter((c) => /^Delete|Drop/.test(c.action) || c.body.DropIndexes)).toEqual([]);

    for (const [name, indexes] of Object.entries(COLLECTION_INDEXES)) {
      expect(calls.filter((c) => c.action === 'CreateTable' && c.body.TableName === name)).toHaveLength(1);
      const table = standin.state.tables.get(name);
      expect(table?.acl).toBe('ADMINONLY');
      for (const index of indexes) {
        expect(table?.indexes.find((i) => i.Name === index.name)).toEqual({
          Name: index.name,
          Keys: index.fields.map((f) => ({ Name: f.field, Direction: String(f.direction) })),
          Unique: Boolean(index.unique),
        });
      }
    }

    expect([...standin.state.functions.keys()].sort()).toEqual(FUNCTIONS);
    for (const name of FUNCTIONS) {
      const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8'));
      const create = calls.find((c) => c.action === 'CreateFunction' && c.body.FunctionName === name);
      expect(create?.body).toMatchObject({
        Timeout: config.timeout,
        MemorySize: 256,
        Handler: 'index.main',
        InstallDependency: 'TRUE',
        Runtime: 'Nodejs16.13',
      });
      const files = zipEntries(String((create?.body.Code as { ZipFile?: string } | undefined)?.ZipFile));
      expect(files).toEqual(expect.arrayContaining(['index.js', 'package.json', 'config.json']));
      expect(files.filter((f) => f.startsWith('src') || f.endsWith('.map'))).toEqual([]);
      // With the SDK bundled, the parts it loads on first use ship beside index.js (scripts/build-functions.ts);
      // manager-node refused any zip over the API's 1.5 MB, so these uploads fit.
      const lazy = path.join(ROOT, 'cloudfunctions', name, 'sdk-lazy');
      const lazyFiles = fs.existsSync(lazy) ? fs.readdirSync(lazy).map((f) => `sdk-lazy/${f}`) : [];
      expect(lazyFiles.length).toBe(name === 'activity' ? 0 : 7);
      expect(files).toEqual(expect.arrayContaining(lazyFiles));

      const fn = standin.state.functions.get(name);
      const expected = ENV_VARIABLES.filter((v) => v.required && v.functions.includes(name)).map((v) => ({
        Key: v.name,
        Value: VALUES[v.name],
      }));
      expect(fn?.Variables).toEqual(expect.arrayContaining(expected));
      expect(fn?.Variables).toHaveLength(expected.length);
      expect(fn?.Triggers.map((t) => ({ name: t.TriggerName, type: t.Type, config: JSON.parse(t.TriggerDesc).cron }))).toEqual(
        config.triggers ?? [],
      );
    }
    expect(lines.join('\n')).toMatch(/新建 created \d+ · 更新 changed 0 · 不变 left alone 0/);
    expect(lines.join('\n')).toMatch(/部署完成 \(deployed\): 新建 created \d+ · 更新 changed 0 · 不变 left alone 0/);
  });

  it('leaves everything alone when run again: reads only, no write call', async () => {
    const { code, lines, calls } = await deploy();
    if (code !== 0) throw new Error(lines.join('\n'));
    expect(calls.filter((c) => WRITES.test(c.action)).map((c) => c.action)).toEqual([]);
    expect(lines.join('\n')).toMatch(/新建 created 0 · 更新 changed 0 · 不变 left alone \d+/);
  });

  it('changes only what differs, keeps variables it does not declare, and never drops a differing index', async () => {
    const order = standin.state.functions.get('order');
    if (!order) throw new Error('order was not deployed');
    order.Timeout = 3;
    order.Variables.push({ Key: 'SET_BY_HAND', Value: 'kept' });
    order.Triggers = [];
    const teams = standin.state.tables.get('teams');
    const rating = teams?.indexes.find((i) => i.Name === 'rating_-1');
    if (!rating) throw new Error('teams.rating_-1 missing');
    rating.Keys = [{ Name: 'rating', Direction: '1' }];
    standin.state.tables.get('orders')!.acl = 'READONLY';

    const dry = await deploy('--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.calls.filter((c) => WRITES.test(c.action))).toEqual([]);
    expect(dry.lines.join('\n')).toMatch(/~ settings +更新 update/);
    expect(order.Timeout).toBe(3);

    const { code, lines, calls } = await deploy();
    if (code !== 0) throw new Error(lines.join('\n'));
    const writes = calls.filter((c) => WRITES.test(c.action));
    expect(writes.map((c) => `${c.action} ${c.body.FunctionName ?? c.body.CollectionName ?? c.body.TableName}`).sort()).toEqual([
      'BatchCreateTrigger order',
      'ModifyDatabaseACL orders',
      'UpdateFunctionConfiguration order',
    ]);
    expect(order.Timeout).toBe(20);
    expect(order.Variables).toEqual(
      expect.arrayContaining([
        { Key: 'SET_BY_HAND', Value: 'kept' },
        { Key: 'PII_SECRET', Value: VALUES.PII_SECRET },
      ]),
    );
    expect(order.Triggers.map((t) => t.TriggerName)).toEqual(['deadlines']);
    expect(rating.Keys).toEqual([{ Name: 'rating', Direction: '1' }]);
    const text = lines.join('\n');
    expect(text).toMatch(/! index rating_-1 .*不一致，不动/);
    expect(text).toMatch(/新建 created 1 · 更新 changed 2 · 不变 left alone \d+ · 不一致未动 differs 1/);
    expect(text).toMatch(/~ settings +更新 update — timeout 20s, memory 256 MB \(now 3s, 256 MB\)/);
  });

  it('puts no credential and no variable value in its output or the library logs', () => {
    const text = output.join('\n');
    expect(text.length).toBeGreaterThan(1000);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});
