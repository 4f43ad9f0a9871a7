/**
 * apply() at its boundary (an injected DeployClient): the order of the calls, a failure that stops
 * only its own collection or function, and nothing called for what is left alone or only reported.
 */
import path from 'node:path';
import { apply } from '../../../scripts/deploy/apply';
import type { DeployClient } from '../../../scripts/deploy/client';
import { loadDesired } from '../../../scripts/deploy/desired';
import { type Observed, plan } from '../../../scripts/deploy/plan';
import { ENV_VARIABLES } from '../../../server/kit/config';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const env = Object.fromEntries(ENV_VARIABLES.filter((v) => v.required).map((v) => [v.name, `v-${v.name}`]));
const desired = loadDesired({
  functionsRoot: path.join(ROOT, 'cloudfunctions'),
  env,
  envFile: 'deploy.env',
  collections: { teams: [{ name: 'name_unique', fields: [{ field: 'name', direction: 1 }], unique: true }], orders: [] },
});
// As if built: apply refuses to upload an unbuilt function.
for (const fn of desired.functions) fn.codeHash = `hash-${fn.name}`;

function recordingClient(failOn: (call: string) => boolean) {
  const calls: string[] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      const call = `${name} ${typeof args[0] === 'string' ? args[0] : (args[0] as { name: string }).name}`;
      calls.push(call);
      if (failOn(call)) throw new Error(`refused: ${call}`);
      return undefined;
    };
  const client = {
    listCollections: async () => [],
    listIndexes: async () => [],
    getCollectionAcl: async () => undefined,
    getFunction: async () => undefined,
    createCollection: record('createCollection'),
    createIndexes: record('createIndexes'),
    setCollectionAcl: record('setCollectionAcl'),
    createFunction: record('createFunction'),
    updateFunctionCode: record('updateFunctionCode'),
    updateFunctionSettings: record('updateFunctionSettings'),
    createTrigger: record('createTrigger'),
    deleteTrigger: record('deleteTrigger'),
  } as DeployClient;
  return { client, calls };
}

const empty: Observed = {
  collections: { teams: { exists: false, indexes: [], acl: undefined }, orders: { exists: false, indexes: [], acl: undefined } },
  functions: Object.fromEntries(desired.functions.map((fn) => [fn.name, undefined])),
};

it('creates each collection before its indexes and rule, and each function whole', async () => {
  const { client, calls } = recordingClient(() => false);
  const failures = await apply(client, desired, empty, plan(desired, empty), () => undefined);
  expect(failures).toEqual([]);
  expect(calls.filter((c) => c.endsWith(' teams'))).toEqual(['createCollection teams', 'createIndexes teams', 'setCollectionAcl teams']);
  expect(calls.filter((c) => c.endsWith(' orders'))).toEqual(['createCollection orders', 'setCollectionAcl orders']);
  expect(calls.filter((c) => c.startsWith('createFunction')).sort()).toEqual(
    desired.functions.map((fn) => `createFunction ${fn.name}`).sort(),
  );
  expect(calls.filter((c) => /update|delete|createTrigger/.test(c))).toEqual([]);
});

it('a failure stops only its own collection or function and is reported', async () => {
  const { client, calls } = recordingClient((call) => call === 'createCollection teams' || call === 'createFunction order');
  const lines: string[] = [];
  const failures = await apply(client, desired, empty, plan(desired, empty), (l) => lines.push(l));
  expect(failures.map((f) => `${f.owner}: ${f.step}`)).toEqual([
    'teams: create collection',
    expect.stringMatching(/^order: create function/),
  ]);
  expect(calls.filter((c) => c.endsWith(' teams'))).toEqual(['createCollection teams']);
  expect(calls).toContain('setCollectionAcl orders');
  expect(calls).toContain('createFunction notify');
  expect(lines.join('\n')).toMatch(/✗ teams: create collection — refused: createCollection teams/);
});

it('calls nothing for what is left alone, and only reports a differing index or an extra trigger', async () => {
  const observed: Observed = {
    collections: {
      teams: {
        exists: true,
        acl: 'ADMINONLY',
        indexes: [{ name: 'name_unique', fields: [{ field: 'other', direction: 1 }], unique: true }],
      },
      orders: { exists: true, acl: 'ADMINONLY', indexes: [] },
    },
    functions: Object.fromEntries(
      desired.functions.map((fn) => [
        fn.name,
        {
          runtime: fn.runtime,
          timeout: fn.timeout,
          memorySize: fn.memorySize,
          description: `bundle ${fn.codeHash} (npm run deploy)`,
          env: Object.fromEntries(fn.variables.filter((v) => v.value).map((v) => [v.name, v.value as string])),
          triggers: [...fn.triggers, { name: 'by-hand', type: 'timer', config: '0 0 * * * * *' }],
        },
      ]),
    ),
  };
  const changes = plan(desired, observed);
  expect(changes.filter((c) => c.action === 'differs').map((c) => `${c.kind} ${c.owner} ${c.target}`)).toEqual([
    'index teams name_unique',
    ...desired.functions.map((fn) => `trigger ${fn.name} by-hand`),
  ]);
  const { client, calls } = recordingClient(() => false);
  expect(await apply(client, desired, observed, changes, () => undefined)).toEqual([]);
  expect(calls).toEqual([]);
});
