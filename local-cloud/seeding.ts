import type { DocumentStore } from './db/document-store';

/**
 * Loads the demo seed into collections that are still empty, so `npm start` keeps whatever
 * the demo has done between runs and a fresh data dir starts from the same subdistrict.
 */
export function seedIfEmpty(store: DocumentStore, seed: Record<string, readonly object[]>): number {
  let inserted = 0;
  for (const [collection, docs] of Object.entries(seed)) {
    store.createCollection(collection);
    if (store.count(collection, {}) > 0 || docs.length === 0) continue;
    store.insert(collection, docs as Record<string, unknown>[]);
    inserted += docs.length;
  }
  return inserted;
}
