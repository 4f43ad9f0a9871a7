import { USERS } from '../../database/collections';
import { authorize } from '../../src/domain/identity/authorize';
import type { BindingDecision, BindingRequest, BindingState } from '../../src/domain/identity/identity.views';
import type { RoleGrant, UserProfile } from '../../src/domain/identity/role';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { Actor } from '../kit/actor';
import { openPii } from '../kit/pii-cipher';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { buildingsUnder, findOrgUnits, getOrgUnit, orgPathOf } from '../org/org-units';

const withoutResidentGrant = (roles: readonly RoleGrant[]) => roles.filter((g) => g.role !== 'resident');

/**
 * A resident asks to be bound to a building (住户绑定). Until the building head or the station
 * confirms, the resident grant is not in force (grantsInForce), so the building's notices stay closed.
 * Asking again for the same building and room answers the same state and changes nothing.
 */
export async function requestBinding(actor: Actor, input: { buildingId: string; room: string }, now: number): Promise<BindingState> {
  const building = await getOrgUnit(input.buildingId, 'building');
  const users = database().collection(USERS);
  const user = await readById<UserProfile>(USERS, actor.openid);
  const state = (u: Pick<UserProfile, 'binding' | 'room' | 'bindingNote'>): BindingState => ({
    buildingId: building._id,
    buildingName: building.name,
    room: u.room ?? '',
    binding: u.binding ?? null,
    note: u.bindingNote ?? '',
  });
  const roles: RoleGrant[] = [...withoutResidentGrant(user?.roles ?? []), { role: 'resident', scopeId: building._id }];
  if (!user) {
    const fresh = {
      _id: actor.openid,
      nickname: '微信用户',
      displayName: '微信用户',
      roles,
      buildingId: building._id,
      room: input.room,
      binding: 'pending' as const,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await users.add({ data: fresh });
    } catch {
      throw new DomainError(ErrorCode.Conflict, '请求正在处理，请稍后刷新');
    }
    return state(fresh);
  }
  if (user.buildingId === building._id && user.room === input.room && user.binding !== 'rejected') return state(user);
  // Optimistic concurrency: the write only lands on the version we read.
  const res = (await users.where({ _id: actor.openid, updatedAt: user.updatedAt }).update({
    data: { roles, buildingId: building._id, room: input.room, binding: 'pending', bindingNote: '', updatedAt: now },
  })) as { stats: { updated: number } };
  if (res.stats.updated !== 1) throw new DomainError(ErrorCode.Conflict, '信息刚被更新，请刷新后重试');
  return state({ binding: 'pending', room: input.room });
}

export async function myBinding(actor: Actor): Promise<BindingState> {
  const user = await readById<UserProfile>(USERS, actor.openid);
  if (!user?.buildingId) return { buildingId: null, buildingName: '', addressText: '', room: '', binding: null, note: '' };
  const [building] = await findOrgUnits([user.buildingId]);
  const ancestors = building ? await findOrgUnits(building.path) : [];
  // 社区 小区 楼栋: the subdistrict is the same for everyone and left out.
  const named = new Map(ancestors.filter((u) => u.kind !== 'subdistrict').map((u) => [u._id, u.name]));
  const addressText = building ? [...building.path.flatMap((id) => named.get(id) ?? []), building.name].join(' ') : '';
  return {
    buildingId: user.buildingId,
    buildingName: building?.name ?? '',
    addressText,
    room: user.room ?? '',
    binding: user.binding ?? null,
    note: user.bindingNote ?? '',
  };
}

/** The building head or station staff confirm or reject a pending binding (compare-and-set on pending). */
export async function decideBinding(
  principal: LoadedPrincipal,
  input: { openid: string; approve: boolean; note?: string },
  now: number,
): Promise<BindingDecision> {
  const users = database().collection(USERS);
  const target = await readById<UserProfile>(USERS, input.openid);
  if (!target?.buildingId || target.binding !== 'pending') throw new DomainError(ErrorCode.NotFound, '没有待处理的绑定申请');
  const building = await getOrgUnit(target.buildingId, 'building');
  requirePermission(principal, 'binding.decide', { orgPath: orgPathOf(building) });
  const binding = input.approve ? 'confirmed' : 'rejected';
  const data = input.approve
    ? { binding, bindingNote: '', updatedAt: now }
    : { binding, bindingNote: input.note ?? '', roles: withoutResidentGrant(target.roles), updatedAt: now };
  const res = (await users.where({ _id: input.openid, binding: 'pending', buildingId: building._id }).update({ data })) as {
    stats: { updated: number };
  };
  if (res.stats.updated !== 1) throw new DomainError(ErrorCode.Conflict, '这条申请已被处理');
  return { openid: input.openid, binding };
}

/** Pending bindings the caller may decide: their buildings (building head) or their area (staff). */
export async function listBindingRequests(principal: LoadedPrincipal): Promise<BindingRequest[]> {
  const scopeIds = principal.grants
    .filter((g) => ['building_head', 'station_staff', 'institute_staff', 'admin'].includes(g.role))
    .map((g) => g.scopeId);
  if (scopeIds.length === 0) throw new DomainError(ErrorCode.Forbidden, '没有权限查看绑定申请');
  const buildings = await buildingsUnder(await findOrgUnits(scopeIds));
  if (buildings.length === 0) return [];
  const byId = new Map(buildings.map((b) => [b._id, b]));
  const _ = database().command;
  const pending = await readList<UserProfile>(
    database()
      .collection(USERS)
      .where({ binding: 'pending', buildingId: _.in([...byId.keys()]) })
      .limit(1000),
  );
  return pending.map((u) => {
    const building = byId.get(u.buildingId ?? '');
    const mayContact = building && authorize(principal, 'resident.contact', { orgPath: orgPathOf(building) }).allowed;
    const clear = mayContact && u.phoneSealed ? openPii(u.phoneSealed) : '';
    // Two 金* asking for one building are two people: whoever decides sees the full name.
    const fullName = building && authorize(principal, 'resident.fullName', { orgPath: orgPathOf(building) }).allowed;
    return {
      openid: u._id,
      displayName: fullName && u.realNameSealed ? openPii(u.realNameSealed) : u.displayName,
      buildingId: u.buildingId ?? '',
      buildingName: building?.name ?? '',
      room: u.room ?? '',
      phone: clear || u.phoneMasked || '',
      requestedAt: u.updatedAt,
    };
  });
}
