import type { CatalogCategory, CatalogItem } from '../../src/domain/catalog/catalog.types';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrderDoc, OrderEventDoc } from '../../src/domain/order/order.types';
import type { Team } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { readList } from '../kit/read-list';
import { isTransactionConflict, runTransactionPatiently, type Tx } from '../kit/tx';
import { database } from '../kit/wx-cloud';

export const ORDERS = 'orders';
export const ORDER_EVENTS = 'order_events';
export const REQUEST_LEDGER = 'request_ledger';
export const TEAMS = 'teams';
export const NOTIFICATIONS = 'notifications';
export const SERVICE_SESSIONS = 'service_sessions';
export const POINTS_LEDGER = 'points_ledger';
export const NOTIFY_SUBSCRIPTIONS = 'notify_subscriptions';

/** Server `limit` caps at 1000; no list we read in one go may need more. */
export const READ_CAP = 1000;

export async function findOrder(orderId: string): Promise<OrderDoc> {
  const [order] = await readList<OrderDoc>(database().collection(ORDERS).where({ _id: orderId }).limit(1));
  if (!order) throw new DomainError(ErrorCode.NotFound, '找不到这个订单');
  return order;
}

export async function findUserDoc(openid: string): Promise<UserProfile | null> {
  const [user] = await readList<UserProfile>(database().collection('users').where({ _id: openid }).limit(1));
  return user ?? null;
}

export async function findItem(itemId: string): Promise<{ item: CatalogItem; category: CatalogCategory | null }> {
  const db = database();
  const [item] = await readList<CatalogItem>(db.collection('catalog_items').where({ _id: itemId }).limit(1));
  if (!item) throw new DomainError(ErrorCode.NotFound, '找不到这项服务');
  if (!item.active) throw new DomainError(ErrorCode.NotFound, '这项服务已下架');
  const [category] = await readList<CatalogCategory>(db.collection('catalog_categories').where({ _id: item.categoryId }).limit(1));
  return { item, category: category ?? null };
}

export async function findTeams(ids: readonly string[]): Promise<Team[]> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return [];
  const _ = database().command;
  return readList<Team>(
    database()
      .collection('teams')
      .where({ _id: _.in(unique) })
      .limit(READ_CAP),
  );
}

/** Every team, through the rating index (the institute keeps dozens, not thousands). */
export async function allTeams(): Promise<Team[]> {
  const _ = database().command;
  return readList<Team>(
    database()
      .collection('teams')
      .where({ rating: _.gte(0) })
      .orderBy('rating', 'desc')
      .limit(READ_CAP),
  );
}

/** An order's timeline, oldest first. */
export async function timelineOf(orderId: string): Promise<OrderEventDoc[]> {
  return readList<OrderEventDoc>(database().collection(ORDER_EVENTS).where({ orderId }).orderBy('seq', 'asc').limit(READ_CAP));
}

/** Runs a transaction patiently; a conflict that outlived every retry becomes STATE.CONFLICT. */
export async function inOrderTransaction<T>(body: (t: Tx) => Promise<T>, conflictMessage = '订单刚被其他人处理，请刷新后重试'): Promise<T> {
  try {
    return await runTransactionPatiently(body);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    // A concurrent writer committed first: either the conflict outlived the retries, or it appended
    // the same timeline event / ledger row (fixed ids) and our commit hit the unique key.
    if (isTransactionConflict(err) || isDuplicateKey(err)) throw new DomainError(ErrorCode.Conflict, conflictMessage);
    throw err;
  }
}

export const isDuplicateKey = (err: unknown): boolean => {
  const e = err as { code?: string; errCode?: string; message?: string; errMsg?: string } | undefined;
  return /duplicate/i.test(`${e?.code ?? ''} ${e?.errCode ?? ''} ${e?.message ?? ''} ${e?.errMsg ?? ''}`);
};
