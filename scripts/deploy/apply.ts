/**
 * Carries out a plan: creates what is missing and updates what differs, through the DeployClient.
 * Never drops a collection or an index and never touches documents; a differing index or an extra
 * trigger is only reported. Database first (the functions use it), then the functions, a few at a
 * time. A failure is recorded and the rest goes on; the caller exits non-zero if any failed.
 */
import type { DeployClient } from './client';
import type { Desired, DesiredFunction } from './desired';
import { mapLimit } from './observe';
import { type Change, describeCode, mergedVariables, type Observed } from './plan';

export interface Failure {
  owner: string;
  step: string;
  message: string;
}

const pending = (c: Change) => c.action === 'create' || c.action === 'update';

export async function apply(
  client: DeployClient,
  desired: Desired,
  observed: Observed,
  changes: readonly Change[],
  log: (line: string) => void,
  limit = 4,
): Promise<Failure[]> {
  const failures: Failure[] = [];
  const step = async (owner: string, name: string, run: () => Promise<void>) => {
    try {
      await run();
      log(`  ✓ ${owner}: ${name}`);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ owner, step: name, message });
      log(`  ✗ ${owner}: ${name} — ${message}`);
      return false;
    }
  };
  const of = (owner: string) => changes.filter((c) => c.owner === owner && pending(c));

  await mapLimit(desired.collections, limit, async (collection) => {
    const todo = of(collection.name);
    if (todo.some((c) => c.kind === 'collection')) {
      if (!(await step(collection.name, 'create collection', () => client.createCollection(collection.name)))) return;
    }
    const indexNames = new Set(todo.filter((c) => c.kind === 'index').map((c) => c.target));
    const indexes = collection.indexes.filter((i) => indexNames.has(i.name));
    if (indexes.length)
      await step(collection.name, `create indexes ${[...indexNames].join(', ')}`, () => client.createIndexes(collection.name, indexes));
    if (todo.some((c) => c.kind === 'rule'))
      await step(collection.name, `security rule ${collection.acl}`, () => client.setCollectionAcl(collection.name, collection.acl));
  });

  await mapLimit(desired.functions, limit, (fn) => applyFunction(client, fn, observed, of(fn.name), step));
  return failures;
}

async function applyFunction(
  client: DeployClient,
  fn: DesiredFunction,
  observed: Observed,
  todo: Change[],
  step: (owner: string, name: string, run: () => Promise<void>) => Promise<boolean>,
): Promise<void> {
  if (!todo.length) return;
  if (!fn.codeHash) {
    await step(fn.name, 'upload', () => Promise.reject(new Error('index.js 未构建 (not built): npm run build:functions')));
    return;
  }
  const env = mergedVariables(fn, observed.functions[fn.name]);
  const description = describeCode(fn.codeHash);
  if (todo.some((c) => c.kind === 'function')) {
    await step(fn.name, `create function with code, settings, variables, ${fn.triggers.length} trigger(s)`, () =>
      client.createFunction(fn, description, env),
    );
    return;
  }
  const code = todo.some((c) => c.kind === 'code');
  if (code && !(await step(fn.name, `upload code ${fn.codeHash}`, () => client.updateFunctionCode(fn)))) return;
  if (code || todo.some((c) => c.kind === 'settings' || c.kind === 'variables')) {
    if (!(await step(fn.name, 'update settings and variables', () => client.updateFunctionSettings(fn, description, env)))) return;
  }
  for (const change of todo.filter((c) => c.kind === 'trigger')) {
    const trigger = fn.triggers.find((t) => t.name === change.target);
    if (!trigger) continue;
    await step(fn.name, `${change.action} trigger ${trigger.name}`, async () => {
      if (change.action === 'update') await client.deleteTrigger(fn.name, trigger.name);
      await client.createTrigger(fn.name, trigger);
    });
  }
}
