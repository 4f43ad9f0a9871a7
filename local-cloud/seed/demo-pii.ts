import type { UserProfile } from '../../src/domain/identity/role';
import { createPrng } from './prng';

export interface DemoPii {
  realName: string;
  phone: string;
}

const GIVEN = ['秀英', '建国', '桂兰', '志强', '淑芬', '海涛', '丽华', '文博', '玉珍', '国庆', '晓燕', '德明', '春梅', '永刚'];

/**
 * Clear phone numbers and real names of the demo users, kept apart from the seed documents so
 * that they only ever reach the database encrypted (local-cloud/seeding.ts seals them).
 * Each phone agrees with the seed's `phoneMasked`, each name with its masked `displayName`.
 */
export function buildDemoPii(users: readonly UserProfile[]): Map<string, DemoPii> {
  const rng = createPrng(20_250_301);
  const pii = new Map<string, DemoPii>();
  for (const user of users) {
    const masked = user.phoneMasked;
    if (!masked) continue;
    const middle = String(rng.int(0, 9999)).padStart(4, '0');
    const phone = `${masked.slice(0, 3)}${middle}${masked.slice(-4)}`;
    const surname = [...user.displayName][0] ?? '李';
    pii.set(user._id, { realName: `${surname}${rng.pick(GIVEN)}`, phone });
  }
  return pii;
}
