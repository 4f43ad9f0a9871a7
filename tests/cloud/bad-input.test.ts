import { createHash } from 'node:crypto';
import type { ZodTypeAny } from 'zod';
import { inputProblem } from '../../server/kit/input-limits';
import { COMMON_ERRORS, type FunctionContract } from '../../src/contracts/kit';
import { FILE_ID_SCHEMAS, TEXT_SCHEMAS, TOKEN_SCHEMAS } from '../../src/contracts/schemas';
import { allContracts } from '../support/contract-fields';
import { withTestCloud } from '../support/local-cloud-harness';
import { uploadPhotoAs } from '../support/uploads';

/**
 * For every action of every function (found from the contracts), at least 30 malformed payloads
 * sent as several identities: each is refused `{ ok: false, code, message }` with a declared
 * code, nothing answers 5xx, the warm instances stay, and no collection changes (count and
 * content hash). Payloads are made from the action's own schema: a plausible base, then one
 * field at a time replaced by a wrong type, null, an operator object, a huge or deep value,
 * invisible text, a foreign file id; plus unknown, `__proto__` and operator keys.
 */
const PER_ACTION = 34;
const IDENTITIES = ['o-resident-0001', 'o-station-01', 'o-leader-01', 'o-institute-01', 'o-admin-01', 'o-volunteer-0001', 'o-stranger-bad'];
const INVISIBLE = '\u200b\u200d\u2060\ufeff\u200b\u200b';

// biome-ignore lint/suspicious/noExplicitAny: reading zod's definitions
const defOf = (s: ZodTypeAny): any => (s as any)._def;

const SAMPLE_STRINGS = ['bad-input-id', 'bad-input-req-0001', '13900000000', '123456', 'ABCDEFGH', 'abcdefgh-1234', '测试内容测试内容'];
const SAMPLE_NUMBERS = [1, 5, Date.now() + 86_400_000];

/** A plausible value for a schema (valid where that is easy; it only has to be a base to break). */
function sample(s: ZodTypeAny): unknown {
  if (TEXT_SCHEMAS.has(s)) return ['测试内容测试内容', '测试', 'x'].find((v) => s.safeParse(v).success) ?? '测试内容';
  if (FILE_ID_SCHEMAS.has(s)) return 'cloud://local-env.local-env-local-bucket/orders/k/x.png';
  if (TOKEN_SCHEMAS.has(s)) return 'bad-input-id';
  const def = defOf(s);
  switch (def.typeName) {
    case 'ZodString':
      return SAMPLE_STRINGS.find((v) => s.safeParse(v).success) ?? 'x';
    case 'ZodNumber':
      return SAMPLE_NUMBERS.find((v) => s.safeParse(v).success) ?? 1;
    case 'ZodBoolean':
      return true;
    case 'ZodEnum':
      return def.values[0];
    case 'ZodLiteral':
      return def.value;
    case 'ZodOptional':
    case 'ZodDefault':
      return undefined;
    case 'ZodNullable':
    case 'ZodReadonly':
      return sample(def.innerType);
    case 'ZodEffects':
      return sample(def.schema);
    case 'ZodArray': {
      const min = def.minLength?.value ?? 0;
      return Array.from({ length: min }, () => sample(def.type));
    }
    case 'ZodObject':
      return Object.fromEntries(
        Object.entries(def.shape() as Record<string, ZodTypeAny>).flatMap(([k, v]) => {
          const value = sample(v);
          return value === undefined ? [] : [[k, value]];
        }),
      );
    case 'ZodRecord':
      return {};
    case 'ZodUnion':
      return sample(def.options[0]);
    default:
      return undefined;
  }
}

/** The string leaf inside optional / nullable / effects wrappers (to tell text and file-id fields). */
function leafOf(s: ZodTypeAny): ZodTypeAny {
  let at = s;
  for (;;) {
    if (TEXT_SCHEMAS.has(at) || FILE_ID_SCHEMAS.has(at)) return at;
    const def = defOf(at);
    if (['ZodOptional', 'ZodNullable', 'ZodDefault'].includes(def.typeName)) at = def.innerType;
    else if (def.typeName === 'ZodArray') at = def.type;
    else return at;
  }
}

function nested(levels: number): object {
  let v: object = {};
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

interface Payload {
  body: string;
  /** Refused before any handler (the contract's own schema or the input limits refuse it). */
  early: boolean;
}

function payloadsFor(action: string, schema: ZodTypeAny, foreignFiles: string[]): Payload[] {
  const base = (sample(schema) ?? {}) as Record<string, unknown>;
  const out: Payload[] = [];
  const add = (data: Record<string, unknown>, raw?: string) => {
    const early = !schema.safeParse(data).success || inputProblem(data) !== undefined;
    const body = raw ?? JSON.stringify({ data: { ...data, action } });
    if (early) out.push({ body, early });
  };
  const shape = defOf(schema).typeName === 'ZodObject' ? (defOf(schema).shape() as Record<string, ZodTypeAny>) : {};
  const wrong: unknown[] = [
    null,
    0,
    -1,
    1.5,
    true,
    [],
    {},
    '',
    '   ',
    { $ne: null },
    { $gt: '' },
    { $regex: '.*' },
    ['$ne', null],
    'x'.repeat(70_000),
    nested(40),
    Array.from({ length: 3000 }, () => 1),
    { __proto__: { admin: true } },
  ];
  for (const [key, field] of Object.entries(shape)) {
    const leaf = leafOf(field);
    for (const value of wrong) add({ ...base, [key]: value });
    if (TEXT_SCHEMAS.has(leaf)) add({ ...base, [key]: INVISIBLE });
    if (FILE_ID_SCHEMAS.has(leaf)) {
      const isArray = defOf(field).typeName === 'ZodArray' || defOf(defOf(field).innerType ?? field).typeName === 'ZodArray';
      for (const f of foreignFiles) {
        const data = { ...base, [key]: isArray ? [f] : f };
        // Pattern-valid: the function's own ownership check must refuse these.
        out.push({ body: JSON.stringify({ data: { ...data, action } }), early: !schema.safeParse(data).success });
      }
    }
  }
  const extras: [string, unknown][] = [
    ['x', 1],
    ['_openid', 'o-admin-01'],
    ['openid', 'o-admin-01'],
    ['$where', '1 == 1'],
    ['constructor', { prototype: { admin: true } }],
    ['prototype', 1],
    ['a.b', 1],
    ['', 1],
    ['k'.repeat(5000), 1],
    ['deep', nested(40)],
    ['huge', 'x'.repeat(70_000)],
  ];
  for (const [k, v] of extras) add({ ...base, [k]: v });
  // `__proto__` as a real key, as JSON carries it.
  add(
    { ...base, x: 1 },
    `{"data":{"action":${JSON.stringify(action)},"__proto__":{"admin":true},${JSON.stringify(base).slice(1, -1) || '"_":0'}}}`,
  );
  for (let i = 0; out.length < PER_ACTION; i++) add({ ...base, [`extra${i}`]: wrong[i % wrong.length] ?? i });
  // Keep the run short: every foreign-file payload, then an even spread of the rest.
  const files = out.filter((p) => !p.early);
  const rest = out.filter((p) => p.early);
  const room = Math.max(PER_ACTION - files.length, 0);
  const step = rest.length / room;
  return [...files, ...Array.from({ length: Math.min(room, rest.length) }, (_, i) => rest[Math.floor(i * step)] as Payload)];
}

function collectionsDigest(store: { listCollections(): string[]; find(c: string, f?: object): object[] }) {
  const digest: Record<string, { count: number; hash: string }> = {};
  for (const name of store.listCollections().sort()) {
    const docs = store.find(name, {}) as { _id: string }[];
    const text = JSON.stringify([...docs].sort((a, b) => String(a._id).localeCompare(String(b._id))));
    digest[name] = { count: docs.length, hash: createHash('sha256').update(text).digest('hex') };
  }
  return digest;
}

describe('bad input: every action of every function refuses malformed payloads cleanly and changes nothing', () => {
  const env = withTestCloud();
  const contracts = allContracts();

  it('refuses ≥30 malformed payloads per action, as several identities', async () => {
    const cloud = env.cloud;
    const foreign = await Promise.all([
      uploadPhotoAs(cloud, 'o-resident-0002', 'orders/req-foreign'),
      uploadPhotoAs(cloud, 'o-resident-0002', 'reports/ord-foreign'),
      uploadPhotoAs(cloud, 'o-station-03', 'announce/covers'),
    ]);
    const prefix = `cloud://${cloud.envName}.${cloud.envName}-local-bucket/`;
    const foreignFiles = [
      ...foreign,
      `${prefix}orders/req-x/../../announce/covers/x.png`,
      'cloud://other-env.other-env-bucket/orders/k/x.png',
      `${prefix}orders/never/uploaded.png`,
    ];
    // Warm one instance of every function, then take the picture.
    for (const c of contracts) await cloud.call(c.name, { action: Object.keys(c.actions)[0] as string }, 'o-resident-0001');
    const warm = Object.fromEntries(contracts.map((c) => [c.name, cloud.runtime.liveInstances(c.name).map((i) => i.pid)]));
    const before = collectionsDigest(cloud.store);

    const jobs: { fn: string; action: string; body: string; openid: string; declared: string[] }[] = [];
    for (const c of contracts as FunctionContract[]) {
      for (const [action, def] of Object.entries(c.actions)) {
        const payloads = payloadsFor(action, def.input, foreignFiles);
        expect({ action: `${c.name}.${action}`, count: payloads.length >= 30 }).toEqual({ action: `${c.name}.${action}`, count: true });
        for (const [i, p] of payloads.entries()) {
          jobs.push({
            fn: c.name,
            action,
            body: p.body,
            openid: IDENTITIES[i % IDENTITIES.length] as string,
            declared: [...COMMON_ERRORS, ...def.errors],
          });
        }
      }
    }

    // One caller at a time per function (its warm instance serves them all, no cold start under
    // way while measuring), all functions at once.
    const failures: string[] = [];
    const runFunction = async (fn: string) => {
      for (const j of jobs.filter((x) => x.fn === fn)) {
        const res = await fetch(`${cloud.url}/gateway/functions/${j.fn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-wx-openid': j.openid },
          body: j.body,
        });
        const answer = (await res.json()) as { result?: { ok?: boolean; code?: string; message?: string } };
        const r = answer.result;
        const clean = res.status === 200 && r?.ok === false && typeof r.message === 'string' && j.declared.includes(String(r.code));
        if (!clean)
          failures.push(
            `${j.fn}.${j.action} as ${j.openid}: ${res.status} ${JSON.stringify(answer).slice(0, 200)} ← ${j.body.slice(0, 160)}`,
          );
      }
    };
    await Promise.all(contracts.map((c) => runFunction(c.name)));

    expect(failures.slice(0, 20)).toEqual([]);
    expect(jobs.length).toBeGreaterThanOrEqual(30 * contracts.reduce((n, c) => n + Object.keys(c.actions).length, 0));
    for (const c of contracts) {
      const alive = cloud.runtime.liveInstances(c.name).map((i) => i.pid);
      expect({ fn: c.name, stillWarm: warm[c.name]?.every((pid) => alive.includes(pid)) }).toEqual({ fn: c.name, stillWarm: true });
    }
    expect(collectionsDigest(cloud.store)).toEqual(before);
  }, 120_000);
});
