import { normalizeName } from '../../src/domain/order/queue-search';
import { secretDigest } from '../kit/pii-cipher';

/**
 * The 派单台 finds an order by the resident's phone (in full or its last 4 digits) or full name
 * without storing either in clear: each is kept as a keyed digest (HMAC with the functions'
 * PII_SECRET), indexed, and a search digests what staff typed the same way. Without the secret
 * the digests say nothing; the last 4 digits are no more than the masked phone already shows.
 */
const digest = (purpose: string, value: string): string => secretDigest(`order.search.${purpose}`, value).toString('hex').slice(0, 32);

export const phoneKeyOf = (phone: string): string => digest('phone', phone.replace(/\D/g, ''));
export const phoneTailKeyOf = (phoneOrTail: string): string => digest('phoneTail', phoneOrTail.replace(/\D/g, '').slice(-4));
export const nameKeyOf = (name: string): string => digest('name', normalizeName(name));

/** The search fields an order document carries (`nameKey` only when the resident's real name is known). */
export interface OrderSearchKeys {
  phoneKey: string;
  phoneTailKey: string;
  nameKey?: string;
}

export function orderSearchKeys(phone: string, realName: string | null | undefined): OrderSearchKeys {
  const keys: OrderSearchKeys = { phoneKey: phoneKeyOf(phone), phoneTailKey: phoneTailKeyOf(phone) };
  if (realName?.trim()) keys.nameKey = nameKeyOf(realName);
  return keys;
}
