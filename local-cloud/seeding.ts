import { USERS, VOLUNTEER_PROFILES } from '../database/collections';
import { sealPii } from '../server/kit/pii-cipher';
import type { UserProfile } from '../src/domain/identity/role';
import type { DocumentStore } from './db/document-store';
import { buildDemoPii, type DemoPii } from './seed/demo-pii';

/**
 * Loads the demo seed into collections that are still empty, so `npm start` keeps whatever
 * the demo has done between runs and a fresh data dir starts from the same subdistrict.
 */
export function seedIfEmpty(store: DocumentStore, seed: Record<string, readonly object[]>, piiSecret: string): number {
  let inserted = 0;
  const pii = buildDemoPii((seed[USERS] ?? []) as UserProfile[]);
  for (const [collection, docs] of Object.entries(seed)) {
    store.createCollection(collection);
    if (store.count(collection, {}) > 0 || docs.length === 0) continue;
    const rows =
      collection === USERS || collection === VOLUNTEER_PROFILES ? withSealedPii(docs as { _id: string }[], pii, piiSecret) : docs;
    store.insert(collection, rows as Record<string, unknown>[]);
    inserted += docs.length;
  }
  return inserted;
}

/**
 * Phone numbers and real names reach the database only encrypted, as the functions store them:
 * on users and on volunteer registrations alike (the same person's name and phone on both).
 */
function withSealedPii<T extends { _id: string }>(docs: readonly T[], pii: Map<string, DemoPii>, piiSecret: string): T[] {
  return docs.map((doc) => {
    const clear = pii.get(doc._id);
    return clear ? { ...doc, phoneSealed: sealPii(clear.phone, piiSecret), realNameSealed: sealPii(clear.realName, piiSecret) } : doc;
  });
}
