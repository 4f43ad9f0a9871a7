/** What the environment holds now, for the items the repository declares (read-only calls). */
import type { DeployClient } from './client';
import type { Desired } from './desired';
import type { Observed, ObservedCollection } from './plan';

/** At most `limit` calls at a time (CloudBase's APIs allow about 20 requests a second). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function observe(client: DeployClient, desired: Desired, limit = 4): Promise<Observed> {
  const existing = new Set(await client.listCollections());
  const collections = await mapLimit(desired.collections, limit, async (c): Promise<[string, ObservedCollection]> => {
    if (!existing.has(c.name)) return [c.name, { exists: false, indexes: [], acl: undefined }];
    const [indexes, acl] = [await client.listIndexes(c.name), await client.getCollectionAcl(c.name)];
    return [c.name, { exists: true, indexes, acl }];
  });
  const functions = await mapLimit(desired.functions, limit, async (fn) => [fn.name, await client.getFunction(fn.name)] as const);
  return { collections: Object.fromEntries(collections), functions: Object.fromEntries(functions) };
}
