/**
 * The order form's 联系电话, filled for the caller with their own number: the phone of their last
 * order (what they used most recently), else the phone they registered. Their own number is theirs
 * to see; 代点单 gets none (the form does not know the resident yet).
 */
import { USERS } from '../../database/collections';
import type { UserProfile } from '../../src/domain/identity/role';
import { ORDER_STATES } from '../../src/domain/order/order.states';
import type { OrderDoc } from '../../src/domain/order/order.types';
import { openPii } from '../kit/pii-cipher';
import { readById, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { ORDERS } from './order-store';

const opened = (sealed: string | undefined): string => {
  if (!sealed) return '';
  try {
    return openPii(sealed);
  } catch {
    return '';
  }
};

/** The caller's own last-used contact phone, else their registered phone, else ''. Two reads in parallel. */
export async function ownContactPhone(openid: string): Promise<string> {
  const _ = database().command;
  const [[last], user] = await Promise.all([
    readList<Pick<OrderDoc, 'contactPhoneSealed'>>(
      database()
        .collection(ORDERS)
        .where({ requesterOpenid: openid, state: _.in([...ORDER_STATES]) })
        .field({ contactPhoneSealed: true })
        .orderBy('sortKey', 'desc')
        .limit(1),
    ),
    readById<UserProfile>(USERS, openid),
  ]);
  return opened(last?.contactPhoneSealed) || opened(user?.phoneSealed);
}
