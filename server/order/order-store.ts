import { CATALOG_CATEGORIES, CATALOG_ITEMS, ORDER_EVENTS, ORDERS, ORG_UNITS, TEAMS, USERS } from '../../database/collections';
import type { CatalogCategory, CatalogItem } from '../../src/domain/catalog/catalog.types';
import type { HoursEntry } from '../../src/domain/hours/hours.rules';
import type { UserProfile } from '../../src/domain/identity/role';
import type { NotificationDoc } from '../../src/domain/notify/notify.rules';
import type { OrderDoc, OrderEventDoc } from '../../src/domain/order/order.types';
import type { OrgUnit, Team } from '../../src/domain/org/org.types';
import type { ServiceSessionDoc } from '../../src/domain/service/service.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { Actor } from '../kit/actor';
import { lookupWhere } from '../kit/lookup';
import { callerLookup, type LoadedPrincipal, principalOf } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
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

/**
 * A side effect of a step, written on the order in the step's own conditional update and applied
 * right after it (server/order/order-effects.ts); the order timer applies again whatever a lost
 * instance left. Each is idempotent: fixed ids, or a version / key the target remembers.
 */
export type OrderEffect =
  /** Order notices (the notify outbox's rows, fixed `_id`). */
  | { kind: 'notices'; rows: NotificationDoc[] }
  /** Service sessions as of order version `version` (the order's `roundSessions` is the truth; this is its projection). */
  | { kind: 'sessions'; version: number; docs: ServiceSessionDoc[]; fresh?: boolean }
  /** Points credited at completion (append-only ledger, fixed `_id`). */
  /** The volunteers' entries in the one hours ledger (`hours_ledger`, append-only, fixed `_id` per session). */
  | { kind: 'hours'; rows: HoursEntry[] }
  /** One rating into the team's running average, once per `key` (the order). */
  | { kind: 'team_rating'; teamId: string; stars: number; key: string; at: number };

/**
 * The order document as stored: the order, its recent timeline, the current round's service
 * sessions and the effects of recent steps. One conditional update on `version` changes all of
 * them at once, so a step and its timeline event (and its effects) exist together or not at all.
 */
export interface OrderRecord extends OrderDoc {
  /** Timeline events after `archivedSeq`, oldest first (at most TIMELINE_CAP): seq archivedSeq + 1 … version. */
  timeline?: OrderEventDoc[];
  /**
   * Events up to this seq live in collection `order_events` (the overflow of long histories).
   * Absent on orders written before the timeline moved into the order: all their events are there.
   */
  archivedSeq?: number;
  /** Sessions of the current service round (`serviceRound`); absent on older orders (then read from `service_sessions`). */
  roundSessions?: ServiceSessionDoc[];
  /** Effects of recent steps, until the order timer has checked they were applied. */
  effects?: OrderEffect[];
  /** True while `effects` may hold an effect not yet confirmed applied (what the order timer sweeps). */
  effectsDue?: boolean;
  effectsAt?: number;
}

/** The fields of an order that lists never show: left out of list reads. */
export const HEAVY_FIELDS = { timeline: false, roundSessions: false, effects: false } as const;

/** Embedded timeline events kept in the order document; older ones move to `order_events`. */
export const TIMELINE_CAP = 40;

/** What one step reads, in ONE database request: the order, the caller's `users` record and, when asked, a team (the order's, or the one the step names). */
export interface StepRead {
  order: OrderRecord;
  principal: LoadedPrincipal;
  team: (Team & { ratingSum?: number; ratingCount?: number; ratingKeys?: string[] }) | null;
  /** The requester's `users` record, when asked (the detail shows their name). */
  requester: UserProfile | null;
}

/**
 * The order with the caller and (optionally) its team folded in by `$lookup`: one request
 * instead of three. NOT_FOUND when there is no such order.
 */
export async function readForStep(
  orderId: string,
  actor: Actor,
  opts: { team?: 'of_order' | { id: string }; requester?: boolean; timeline?: boolean } = {},
): Promise<StepRead> {
  const db = database();
  // A step needs neither the embedded timeline (it appends by version) nor the pending effects (it
  // appends its own): only the detail reads the timeline.
  let q = db
    .collection(ORDERS)
    .aggregate()
    .match({ _id: orderId })
    .limit(1)
    .project(opts.timeline ? { effects: 0 } : { timeline: 0, effects: 0 })
    .lookup(callerLookup(actor));
  if (opts.team === 'of_order') q = q.lookup({ from: TEAMS, localField: 'teamId', foreignField: '_id', as: 'team_' });
  else if (opts.team) q = q.lookup(lookupWhere(TEAMS, { _id: opts.team.id }, 'team_'));
  if (opts.requester) q = q.lookup({ from: USERS, localField: 'requesterOpenid', foreignField: '_id', as: 'requester_' });
  const res = (await q.end()) as {
    list: (OrderRecord & { caller_?: UserProfile[]; team_?: StepRead['team'][]; requester_?: UserProfile[] })[];
  };
  const row = res.list[0];
  if (!row) throw new DomainError(ErrorCode.NotFound, '找不到这个订单');
  const { caller_, team_, requester_, ...order } = row;
  const user = caller_?.[0];
  return {
    order: order as OrderRecord,
    principal: principalOf(actor.openid, user),
    team: team_?.[0] ?? null,
    requester: requester_?.[0] ?? null,
  };
}

/** The caller with the building they are bound to, in one request (点单). */
export async function readCallerWithBuilding(openid: string): Promise<{ user: UserProfile | null; building: OrgUnit | null }> {
  const res = (await database()
    .collection(USERS)
    .aggregate()
    .match({ _id: openid })
    .limit(1)
    .lookup({ from: ORG_UNITS, localField: 'buildingId', foreignField: '_id', as: 'building_' })
    .end()) as { list: (UserProfile & { building_?: OrgUnit[] })[] };
  const row = res.list[0];
  if (!row) return { user: null, building: null };
  const { building_, ...user } = row;
  return { user: user as UserProfile, building: building_?.[0] ?? null };
}

export async function findOrder(orderId: string): Promise<OrderDoc> {
  const order = await readById<OrderDoc>(ORDERS, orderId);
  if (!order) throw new DomainError(ErrorCode.NotFound, '找不到这个订单');
  return order;
}

export async function findUserDoc(openid: string): Promise<UserProfile | null> {
  return readById<UserProfile>(USERS, openid);
}

/**
 * The item, its category and the named org units (the building's community and estate), in one
 * request (点单). NOT_FOUND when the item is missing or withdrawn.
 */
export async function findItemWithPlaces(
  itemId: string,
  unitIds: readonly string[],
): Promise<{ item: CatalogItem; category: CatalogCategory | null; units: OrgUnit[] }> {
  const db = database();
  const res = (await db
    .collection(CATALOG_ITEMS)
    .aggregate()
    .match({ _id: itemId })
    .limit(1)
    .lookup({ from: CATALOG_CATEGORIES, localField: 'categoryId', foreignField: '_id', as: 'category_' })
    .lookup(lookupWhere(ORG_UNITS, { _id: db.command.in([...new Set(unitIds.filter(Boolean))]) }, 'units_', 100))
    .end()) as { list: (CatalogItem & { category_?: CatalogCategory[]; units_?: OrgUnit[] })[] };
  const row = res.list[0];
  if (!row) throw new DomainError(ErrorCode.NotFound, '找不到这项服务');
  const { category_, units_, ...item } = row;
  if (!item.active) throw new DomainError(ErrorCode.NotFound, '这项服务已下架');
  return { item: item as CatalogItem, category: category_?.[0] ?? null, units: units_ ?? [] };
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

/** Events the order keeps in `order_events` rather than in itself (all of them for orders older than the embedded timeline). */
export const archivedSeqOf = (order: Pick<OrderRecord, 'archivedSeq' | 'version'>): number => order.archivedSeq ?? order.version;

/** An order's timeline, oldest first: the archived part (only read when there is one) and the embedded part. */
export async function timelineOf(order: OrderRecord): Promise<OrderEventDoc[]> {
  const archivedSeq = archivedSeqOf(order);
  const archived =
    archivedSeq > 0
      ? await readList<OrderEventDoc>(
          database().collection(ORDER_EVENTS).where({ orderId: order._id }).orderBy('seq', 'asc').limit(READ_CAP),
        )
      : [];
  const seen = new Set<number>();
  const out: OrderEventDoc[] = [];
  for (const e of [...archived, ...(order.timeline ?? [])]) {
    if (seen.has(e.seq)) continue; // an archive write whose order update lost, or a retried one
    seen.add(e.seq);
    out.push(e);
  }
  return out.sort((a, b) => a.seq - b.seq);
}

export { isDuplicateKey } from '../kit/tx';
