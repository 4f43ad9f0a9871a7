import { CATALOG_CATEGORIES, CATALOG_ITEMS, ORDER_EVENTS, ORDERS, TEAMS, USERS } from '../../database/collections';
import type { CatalogCategory, CatalogItem } from '../../src/domain/catalog/catalog.types';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrderDoc, OrderEventDoc } from '../../src/domain/order/order.types';
import type { Team } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { readById, readList } from '../kit/read-list';
import { inTransaction, type Tx } from '../kit/tx';
import { database } from '../kit/wx-cloud';

/** The order collections' names (declared once, in database/collections.ts). */
export {
  NOTIFICATIONS,
  NOTIFY_SUBSCRIPTIONS,
  ORDER_EVENTS,
  ORDERS,
  POINTS_LEDGER,
  REQUEST_LEDGER,
  SERVICE_SESSIONS,
  TEAMS,
} from '../../database/collections';

/** Server `limit` caps at 1000; no list we read in one go may need more. */
export const READ_CAP = 1000;

export async function findOrder(orderId: string): Promise<OrderDoc> {
  const order = await readById<OrderDoc>(ORDERS, orderId);
  if (!order) throw new DomainError(ErrorCode.NotFound, '找不到这个订单');
  return order;
}

export async function findUserDoc(openid: string): Promise<UserProfile | null> {
  return readById<UserProfile>(USERS, openid);
}

export async function findItem(itemId: string): Promise<{ item: CatalogItem; category: CatalogCategory | null }> {
  const item = await readById<CatalogItem>(CATALOG_ITEMS, itemId);
  if (!item) throw new DomainError(ErrorCode.NotFound, '找不到这项服务');
  if (!item.active) throw new DomainError(ErrorCode.NotFound, '这项服务已下架');
  const category = await readById<CatalogCategory>(CATALOG_CATEGORIES, item.categoryId);
  return { item, category };
}

export async function findTeams(ids: readonly string[]): Promise<Team[]> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return [];
  const _ = database().command;
  return readList<Team>(
    database()
      .collection(TEAMS)
      .where({ _id: _.in(unique) })
      .limit(READ_CAP),
  );
}

/** Every team, through the rating index (the institute keeps dozens, not thousands). */
export async function allTeams(): Promise<Team[]> {
  const _ = database().command;
  return readList<Team>(
    database()
      .collection(TEAMS)
      .where({ rating: _.gte(0) })
      .orderBy('rating', 'desc')
      .limit(READ_CAP),
  );
}

/** An order's timeline, oldest first. */
export async function timelineOf(orderId: string): Promise<OrderEventDoc[]> {
  return readList<OrderEventDoc>(database().collection(ORDER_EVENTS).where({ orderId }).orderBy('seq', 'asc').limit(READ_CAP));
}

/**
 * An order transaction (server/kit/tx.ts inTransaction): a conflict that outlived the retries, or
 * a concurrent writer that appended the same timeline event / ledger row (fixed ids) first, is
 * STATE.CONFLICT with `conflictMessage`.
 */
export const inOrderTransaction = <T>(body: (t: Tx) => Promise<T>, conflictMessage = '订单刚被其他人处理，请刷新后重试'): Promise<T> =>
  inTransaction(body, { conflict: conflictMessage, duplicate: conflictMessage });

export { isDuplicateKey } from '../kit/tx';
