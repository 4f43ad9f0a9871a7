import { randomBytes } from 'node:crypto';
import { checkFormAnswers, type RawAnswers } from '../../src/domain/catalog/item-form';
import { maskPhone } from '../../src/domain/identity/pii-masking';
import type { UserProfile } from '../../src/domain/identity/role';
import { eventIdOf, queueKeyOf, requestKeyOf, sortKeyOf, windowProblem } from '../../src/domain/order/order.rules';
import { ORDER_STATE_LABELS } from '../../src/domain/order/order.states';
import type { OrderDoc, OrderEventDoc, RequestLedgerRow, TimeWindow } from '../../src/domain/order/order.types';
import type { CreateOrderResult } from '../../src/domain/order/order.views';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { sealPii } from '../kit/pii-cipher';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById } from '../kit/read-list';
import { findOrgUnits, getOrgUnit, orgPathOf } from '../org/org-units';
import { findItem, findOrder, findUserDoc, inOrderTransaction, isDuplicateKey, ORDER_EVENTS, ORDERS, REQUEST_LEDGER } from './order-store';

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

const newOrderId = () => `ord-${randomBytes(8).toString('hex')}`;

async function ledgerRow(key: string): Promise<RequestLedgerRow | null> {
  const row = await readById<RequestLedgerRow>(REQUEST_LEDGER, key);
  return row ?? null;
}

async function answerFor(row: RequestLedgerRow): Promise<CreateOrderResult> {
  const order = await findOrder(row.orderId);
  return { orderId: order._id, state: order.state, stateLabel: ORDER_STATE_LABELS[order.state], version: order.version, duplicate: true };
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
 * Idempotent on (caller, requestId): the ledger row, the order and its first timeline event are
 * written in one transaction, and the ledger's key is unique, so a retry (even a concurrent one)
 * answers the same order and never makes a second.
 */
export async function createOrder(
  principal: LoadedPrincipal,
  input: CreateOrderInput,
  now: number,
  residentOpenid?: string,
): Promise<CreateOrderResult> {
  const key = requestKeyOf(principal.openid, input.requestId);
  let prepared: { order: OrderDoc; event: OrderEventDoc };
  try {
    prepared = await prepareOrder(principal, input, now, residentOpenid);
  } catch (err) {
    // A retry of a request that already made its order answers that order, even if the order
    // could not be placed today (the item was withdrawn, the binding changed).
    const seen = await ledgerRow(key);
    if (seen) return answerFor(seen);
    throw err;
  }
  const { order, event } = prepared;
  const ledger: RequestLedgerRow = { _id: key, key, orderId: order._id, at: now };
  try {
    await inOrderTransaction(async (t) => {
      await t.collection(REQUEST_LEDGER).add({ data: ledger });
      await t.collection(ORDERS).add({ data: order });
      await t.collection(ORDER_EVENTS).add({ data: event });
    });
  } catch (err) {
    // This request id was seen before (a retry, or a concurrent twin that won): answer its order.
    const row = await ledgerRow(key);
    if (row) return answerFor(row);
    if (isDuplicateKey(err)) throw new DomainError(ErrorCode.Conflict, '请求正在处理，请稍后刷新');
    throw err;
  }
  return { orderId: order._id, state: order.state, stateLabel: ORDER_STATE_LABELS[order.state], version: 1, duplicate: false };
}

/** Checks who orders what for whom, and builds the order and its first timeline event. */
async function prepareOrder(
  principal: LoadedPrincipal,
  input: CreateOrderInput,
  now: number,
  residentOpenid: string | undefined,
): Promise<{ order: OrderDoc; event: OrderEventDoc }> {
  const proxy = residentOpenid !== undefined;
  let resident: UserProfile & { buildingId: string };
  let building: OrgUnit;
  if (!proxy) {
    const user = principal.user ?? null;
    requireConfirmedResident(user, true);
    resident = user;
    building = await getOrgUnit(user.buildingId, 'building');
    requirePermission(principal, 'order.place', { orgPath: orgPathOf(building) });
  } else {
    if (residentOpenid === principal.openid) throw new DomainError(ErrorCode.InputInvalid, '为自己点单请直接在服务菜单下单');
    if (!principal.grants.some((g) => g.role === 'building_head')) {
      throw new DomainError(ErrorCode.Forbidden, '只有楼栋长可以代居民点单');
    }
    const user = await findUserDoc(residentOpenid);
    if (!user?.buildingId) throw new DomainError(ErrorCode.NotFound, '找不到这位居民');
    building = await getOrgUnit(user.buildingId, 'building');
    requirePermission(principal, 'order.proxy', { orgPath: orgPathOf(building) });
    requireConfirmedResident(user, false);
    resident = user;
  }

  const problem = windowProblem(input.preferredWindow, now);
  if (problem) throw new DomainError(ErrorCode.InputInvalid, `输入有误：${problem}`);
  const orgPath = orgPathOf(building);
  const [subdistrictId = '', communityId = '', estateId = ''] = building.path;
  const [{ item, category }, ancestors] = await Promise.all([findItem(input.itemId), findOrgUnits([communityId, estateId])]);
  const form = checkFormAnswers(item.form, input.answers);
  if (!form.ok) throw new DomainError(ErrorCode.InputInvalid, `输入有误：${form.message}`);
  const nameOf = (id: string) => ancestors.find((u) => u._id === id)?.name ?? '';
  const room = (input.room ?? resident.room ?? '').trim();
  const orderId = newOrderId();
  const order: OrderDoc = {
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
  const event: OrderEventDoc = {
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
  };
  return { order, event };
}
