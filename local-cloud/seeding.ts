import { USERS } from '../database/collections';
import { sealPii } from '../server/kit/pii-cipher';
import type { UserProfile } from '../src/domain/identity/role';
import type { DocumentStore } from './db/document-store';
import { buildDemoPii } from './seed/demo-pii';

/**
 * Loads the demo seed into collections that are still empty, so `npm start` keeps whatever
 * the demo has done between runs and a fresh data dir starts from the same subdistrict.
 */
export function seedIfEmpty(store: DocumentStore, seed: Record<string, readonly object[]>, piiSecret: string): number {
  let inserted = 0;
  for (const [collection, docs] of Object.entries(seed)) {
    store.createCollection(collection);
    if (store.count(collection, {}) > 0 || docs.length === 0) continue;
    const rows = collection === USERS ? withSealedPii(docs as UserProfile[], piiSecret) : docs;
    store.insert(collection, rows as Record<string, unknown>[]);
    inserted += docs.length;
  }
  return inserted;
}

/** Phone numbers and real names reach the database only encrypted, as the functions store them. */
function withSealedPii(users: readonly UserProfile[], piiSecret: string): UserProfile[] {
  const pii = buildDemoPii(users);
  return users.map((user) => {
    const clear = pii.get(user._id);
    return clear ? { ...user, phoneSealed: sealPii(clear.phone, piiSecret), realNameSealed: sealPii(clear.realName, piiSecret) } : user;
  });
}
