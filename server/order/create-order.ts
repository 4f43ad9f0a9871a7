import { createHash } from 'node:crypto';
import { checkFormAnswers, type RawAnswers } from '../../src/domain/catalog/item-form';
import { maskPhone } from '../../src/domain/identity/pii-masking';
import type { UserProfile } from '../../src/domain/identity/role';
import { eventIdOf, queueKeyOf, requestKeyOf, sortKeyOf, windowProblem } from '../../src/domain/order/order.rules';
import { ORDER_STATE_LABELS } from '../../src/domain/order/order.states';
import type { OrderDoc, RequestLedgerRow, TimeWindow } from '../../src/domain/order/order.types';
import type { CreateOrderResult } from '../../src/domain/order/order.views';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { Actor } from '../kit/actor';
import { openPii, sealPii } from '../kit/pii-cipher';
import { type LoadedPrincipal, loadPrincipal, principalOf, requirePermission } from '../kit/principal';
import { readById } from '../kit/read-list';
import { assertOwnUploads, UPLOAD_FOLDERS } from '../kit/uploads';
import { database } from '../kit/wx-cloud';
import { orgPathOf } from '../org/org-units';
import { findItemWithPlaces, isDuplicateKey, ORDERS, type OrderRecord, REQUEST_LEDGER, readCallerWithBuilding } from './order-store';
import { orderSearchKeys } from './search-keys';

export interface CreateOrderInput {
  itemId: string;
  description: string;
  preferredWindow: TimeWindow;
  contactPhone: string;
  photos?: string[];
  room?: string;
  /** 点单附加项 answers by field key. */
  answers?: RawAnswers;
  requestId: string;
}

/**
 * The order's `_id` follows from the request's key: the insert of the order is the idempotency
 * check (a second insert of the same request is a duplicate key), so a retry — even a concurrent
 * one — answers the same order and never makes a second, with no transaction.
 */
export const orderIdOf = (requestKey: string): string => `ord-${createHash('sha256').update(requestKey).digest('hex').slice(0, 16)}`;

function answerFor(order: OrderDoc): CreateOrderResult {
  return { orderId: order._id, state: order.state, stateLabel: ORDER_STATE_LABELS[order.state], version: order.version, duplicate: true };
}

/** The order a request already made: by its derived id, or (orders made before ids were derived) through the ledger. */
async function madeBy(key: string): Promise<OrderDoc | null> {
  const order = await readById<OrderDoc>(ORDERS, orderIdOf(key));
  if (order) return order;
  const row = await readById<RequestLedgerRow>(REQUEST_LEDGER, key);
  return row ? readById<OrderDoc>(ORDERS, row.orderId) : null;
}

function requireConfirmedResident(user: UserProfile | null, self: boolean): asserts user is UserProfile & { buildingId: string } {
  if (!user?.buildingId || !user.binding || user.binding === 'rejected') {
    throw new DomainError(ErrorCode.BindingRequired, self ? '请先绑定您居住的楼栋，再来点单' : '这位居民还没有绑定楼栋');
  }
  if (user.binding !== 'confirmed') {
    throw new DomainError(ErrorCode.BindingRequired, self ? '您的楼栋绑定还在等待确认，确认后即可点单' : '这位居民的楼栋绑定尚未确认');
  }
}

/**
 * 点单 by a confirmed resident, or 代点单 by the building head for a resident of their building.
 * Idempotent on (caller, requestId): the order's `_id` is derived from that key and the order is
 * inserted whole with its first timeline event, so a retry (even a concurrent one) answers the
 * same order and never makes a second. The request ledger row that follows records the request.
 */
export async function createOrder(actor: Actor, input: CreateOrderInput, now: number, residentOpenid?: string): Promise<CreateOrderResult> {
  const key = requestKeyOf(actor.openid, input.requestId);
  let order: OrderDoc;
  try {
    order = await prepareOrder(actor, orderIdOf(key), input, now, residentOpenid);
  } catch (err) {
    // A retry of a request that already made its order answers that order, even if the order
    // could not be placed today (the item was withdrawn, the binding changed).
    const seen = await madeBy(key);
    if (seen) return answerFor(seen);
    throw err;
  }
  try {
    await database().collection(ORDERS).add({ data: order });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // This request was seen before (a retry, or a concurrent twin that won): answer its order.
    const seen = await madeBy(key);
    if (seen) return answerFor(seen);
    throw new DomainError(ErrorCode.Conflict, '请求正在处理，请稍后刷新');
  }
  const ledger: RequestLedgerRow = { _id: key, key, orderId: order._id, at: now };
  try {
    await database().collection(REQUEST_LEDGER).add({ data: ledger });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return { orderId: order._id, state: order.state, stateLabel: ORDER_STATE_LABELS[order.state], version: 1, duplicate: false };
}

/** Checks who orders what for whom, and builds the order and its first timeline event. */
async function prepareOrder(
  actor: Actor,
  orderId: string,
  input: CreateOrderInput,
  now: number,
  residentOpenid: string | undefined,
): Promise<OrderRecord> {
  const proxy = residentOpenid !== undefined;
  let resident: UserProfile & { buildingId: string };
  let building: OrgUnit;
  let principal: LoadedPrincipal;
  const buildingOr404 = (unit: OrgUnit | null): OrgUnit => {
    if (unit?.kind !== 'building') throw new DomainError(ErrorCode.NotFound, '找不到这个楼栋');
    return unit;
  };
  if (!proxy) {
    // The caller and their building in one request.
    const own = await readCallerWithBuilding(actor.openid);
    principal = principalOf(actor.openid, own.user ?? undefined);
    const user = own.user;
    requireConfirmedResident(user, true);
    resident = user;
    building = buildingOr404(own.building);
    requirePermission(principal, 'order.place', { orgPath: orgPathOf(building) });
  } else {
    if (residentOpenid === actor.openid) throw new DomainError(ErrorCode.InputInvalid, '为自己点单请直接在服务菜单下单');
    const [head, theirs] = await Promise.all([loadPrincipal(actor), readCallerWithBuilding(residentOpenid)]);
    principal = head;
    if (!principal.grants.some((g) => g.role === 'building_head')) {
      throw new DomainError(ErrorCode.Forbidden, '只有楼栋长可以代居民点单');
    }
    const user = theirs.user;
    if (!user?.buildingId) throw new DomainError(ErrorCode.NotFound, '找不到这位居民');
    building = buildingOr404(theirs.building);
    requirePermission(principal, 'order.proxy', { orgPath: orgPathOf(building) });
    requireConfirmedResident(user, false);
    resident = user;
  }

  const problem = windowProblem(input.preferredWindow, now);
  if (problem) throw new DomainError(ErrorCode.InputInvalid, `输入有误：${problem}`);
  // Photos the caller (the resident, or the 楼栋长 ordering for them) uploaded for an order; nobody else's.
  await assertOwnUploads(input.photos, { folder: UPLOAD_FOLDERS.orderPhoto, openid: actor.openid, what: '照片' });
  const orgPath = orgPathOf(building);
  const [subdistrictId = '', communityId = '', estateId = ''] = building.path;
  // The item, its category and the names of the building's community and estate in one request.
  const { item, category, units: ancestors } = await findItemWithPlaces(input.itemId, [communityId, estateId]);
  const form = checkFormAnswers(item.form, input.answers);
  if (!form.ok) throw new DomainError(ErrorCode.InputInvalid, `输入有误：${form.message}`);
  const nameOf = (id: string) => ancestors.find((u) => u._id === id)?.name ?? '';
  const room = (input.room ?? resident.room ?? '').trim();
  const order: OrderRecord = {
    _id: orderId,
    itemId: item._id,
    itemName: item.name,
    itemKind: item.kind,
    itemSkills: [...item.skills],
    itemResponseHours: item.responseHours,
    itemPoolable: item.poolable,
    categoryId: item.categoryId,
    categoryName: category?.name ?? '',
    description: input.description,
    preferredWindow: { start: input.preferredWindow.start, end: input.preferredWindow.end },
    subdistrictId,
    communityId,
    estateId,
    buildingId: building._id,
    orgPath,
    addressText: [nameOf(communityId), nameOf(estateId), building.name, room].filter(Boolean).join(' '),
    room,
    contactPhoneSealed: sealPii(input.contactPhone),
    contactPhoneMasked: maskPhone(input.contactPhone),
    // The 派单台 finds it by phone or the resident's name through keyed digests (server/order/search-keys.ts).
    ...orderSearchKeys(input.contactPhone, resident.realNameSealed ? openPii(resident.realNameSealed) : null),
    photos: input.photos ?? [],
    formAnswers: form.answers,
    requesterOpenid: resident._id,
    placedByOpenid: principal.openid,
    proxy,
    state: 'submitted',
    level: 'station',
    teamId: null,
    teamName: '',
    responseDeadline: now + item.responseHours * 60 * 60 * 1000,
    overdue: false,
    rating: null,
    followUpAt: null,
    sortKey: sortKeyOf(now, orderId),
    queueKey: queueKeyOf({ _id: orderId, createdAt: now, level: 'station', overdue: false }),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  order.timeline = [
    {
      _id: eventIdOf(orderId, 1),
      orderId,
      seq: 1,
      event: 'create',
      from: null,
      to: 'submitted',
      byOpenid: principal.openid,
      byParty: proxy ? 'requester_proxy' : 'requester',
      actorLabel: proxy ? '楼栋长（代点单）' : '居民',
      note: '',
      teamId: null,
      teamName: '',
      at: now,
    },
  ];
  order.archivedSeq = 0;
  return order;
}
