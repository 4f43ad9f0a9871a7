import { ORG_UNITS, USERS } from '../../database/collections';
import { authorize } from '../../src/domain/identity/authorize';
import { BINDING_BATCH_MAX } from '../../src/domain/identity/binding.rules';
import type { BindingBatchResult, BindingDecision, BindingRequest, BindingState } from '../../src/domain/identity/identity.views';
import { ROLE_SCOPE_KIND, type RoleGrant, type UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { Actor } from '../kit/actor';
import { openPii } from '../kit/pii-cipher';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { allOrgUnits, findOrgUnits, getOrgUnit, orgPathOf } from '../org/org-units';
import { type CallerRead, readCaller } from './caller';

/** Who decides bindings: the building head, staff. */
const DECIDERS: readonly string[] = ['building_head', 'station_staff', 'institute_staff', 'admin'];

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
  return bindingStateOf(await readCaller(actor));
}

/** The caller's binding from their record read once (`readCaller`): one more read names the 社区 and 小区. */
export async function bindingStateOf(caller: Pick<CallerRead, 'principal' | 'building'>): Promise<BindingState> {
  const user = caller.principal.user;
  if (!user?.buildingId) return { buildingId: null, buildingName: '', addressText: '', room: '', binding: null, note: '' };
  const building = caller.building;
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
  const [target] = await targetsWithBuildings([input.openid]);
  if (!target?.buildingId || target.binding !== 'pending') throw new DomainError(ErrorCode.NotFound, '没有待处理的绑定申请');
  if (target.building?.kind !== 'building') throw new DomainError(ErrorCode.NotFound, '找不到这个楼栋');
  return decideOne(principal, target, target.building, input, now);
}

/** Some users with the building each asked for, in one request. */
async function targetsWithBuildings(openids: readonly string[]): Promise<(UserProfile & { building: OrgUnit | undefined })[]> {
  const _ = database().command;
  const res = (await database()
    .collection(USERS)
    .aggregate()
    .match({ _id: _.in([...openids]) })
    .limit(BINDING_BATCH_MAX)
    .lookup({ from: ORG_UNITS, localField: 'buildingId', foreignField: '_id', as: 'building_' })
    .end()) as { list: (UserProfile & { building_?: OrgUnit[] })[] };
  return res.list.map(({ building_, ...u }) => ({ ...(u as UserProfile), building: building_?.[0] }));
}

async function decideOne(
  principal: LoadedPrincipal,
  target: UserProfile,
  building: OrgUnit,
  input: { openid: string; approve: boolean; note?: string },
  now: number,
): Promise<BindingDecision> {
  requirePermission(principal, 'binding.decide', { orgPath: orgPathOf(building) });
  const binding = input.approve ? 'confirmed' : 'rejected';
  const data = input.approve
    ? { binding, bindingNote: '', updatedAt: now }
    : { binding, bindingNote: input.note ?? '', roles: withoutResidentGrant(target.roles), updatedAt: now };
  const res = (await database()
    .collection(USERS)
    .where({ _id: input.openid, binding: 'pending', buildingId: building._id })
    .update({ data })) as {
    stats: { updated: number };
  };
  if (res.stats.updated !== 1) throw new DomainError(ErrorCode.Conflict, '这条申请已被处理');
  return { openid: input.openid, binding };
}

/**
 * 批量通过: confirms several pending bindings in one call. Each is decided on its own (scope and
 * compare-and-set as `decideBinding`), so one that was already handled or lies outside the caller's
 * buildings fails alone and says why; the answer carries the pending list as it is afterwards.
 */
export async function approveBindings(principal: LoadedPrincipal, input: { openids: string[] }, now: number): Promise<BindingBatchResult> {
  if (!principal.grants.some((g) => DECIDERS.includes(g.role))) throw new DomainError(ErrorCode.Forbidden, '没有权限审核绑定申请');
  const openids = [...new Set(input.openids)];
  const byId = new Map((await targetsWithBuildings(openids)).map((t) => [t._id, t]));
  const refused = new Map<string, string>();
  const eligible: { openid: string; buildingId: string }[] = [];
  for (const openid of openids) {
    const target = byId.get(openid);
    const building = target?.building?.kind === 'building' ? target.building : undefined;
    try {
      if (target?.binding !== 'pending' || !building) throw new DomainError(ErrorCode.NotFound, '没有待处理的绑定申请');
      requirePermission(principal, 'binding.decide', { orgPath: orgPathOf(building) });
      eligible.push({ openid, buildingId: building._id });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      refused.set(openid, err.message);
    }
  }
  // The allowed ones in one compare-and-set on pending (each still at a building the caller may
  // decide); only when some were handled meanwhile are they read again to say which.
  if (eligible.length > 0) {
    const _ = database().command;
    const ids = eligible.map((e) => e.openid);
    const res = (await database()
      .collection(USERS)
      .where({ _id: _.in(ids), binding: 'pending', buildingId: _.in([...new Set(eligible.map((e) => e.buildingId))]) })
      .update({ data: { binding: 'confirmed', bindingNote: '', updatedAt: now } })) as { stats: { updated: number } };
    if (res.stats.updated !== ids.length) {
      const after = new Map(
        (
          await readList<UserProfile>(
            database()
              .collection(USERS)
              .where({ _id: _.in(ids) })
              .limit(BINDING_BATCH_MAX),
          )
        ).map((u) => [u._id, u]),
      );
      for (const id of ids) {
        const u = after.get(id);
        if (!(u?.binding === 'confirmed' && u.updatedAt === now)) refused.set(id, '这条申请已被处理');
      }
    }
  }
  const results: BindingBatchResult['results'] = openids.map((openid) => {
    const why = refused.get(openid);
    return why === undefined ? { openid, ok: true, message: '已确认' } : { openid, ok: false, message: why };
  });
  return { results, requests: await listBindingRequests(principal) };
}

/** Pending bindings the caller may decide: their buildings (building head) or their area (staff), oldest first. */
/**
 * The buildings under the caller's deciding scopes with the 社区 / 小区 above them: a building head's
 * buildings and their ancestors in one aggregate; for staff every unit in one read (a page per 1000).
 */
async function buildingsInScope(
  principal: LoadedPrincipal,
  scopeIds: readonly string[],
): Promise<{ buildings: OrgUnit[]; places: Map<string, OrgUnit> }> {
  const scopes = new Set(scopeIds);
  const staff = principal.grants.some((g) => DECIDERS.includes(g.role) && ROLE_SCOPE_KIND[g.role] !== 'building');
  if (staff) {
    const all = await allOrgUnits();
    const buildings = all.filter((u) => u.kind === 'building' && (scopes.has(u._id) || u.path.some((id) => scopes.has(id))));
    return { buildings, places: new Map(all.filter((u) => u.kind !== 'building').map((u) => [u._id, u])) };
  }
  const _ = database().command;
  const res = (await database()
    .collection(ORG_UNITS)
    .aggregate()
    .match({ _id: _.in([...scopes]) })
    .limit(1000)
    .lookup({ from: ORG_UNITS, localField: 'path', foreignField: '_id', as: 'above_' })
    .end()) as { list: (OrgUnit & { above_?: OrgUnit[] })[] };
  const places = new Map<string, OrgUnit>();
  const buildings: OrgUnit[] = [];
  for (const { above_, ...unit } of res.list) {
    for (const u of above_ ?? []) places.set(u._id, u);
    if (unit.kind === 'building') buildings.push(unit as OrgUnit);
  }
  return { buildings, places };
}

export async function listBindingRequests(principal: LoadedPrincipal): Promise<BindingRequest[]> {
  const scopeIds = principal.grants.filter((g) => DECIDERS.includes(g.role)).map((g) => g.scopeId);
  if (scopeIds.length === 0) throw new DomainError(ErrorCode.Forbidden, '没有权限查看绑定申请');
  const { buildings, places } = await buildingsInScope(principal, scopeIds);
  if (buildings.length === 0) return [];
  const byId = new Map(buildings.map((b) => [b._id, b]));
  const _ = database().command;
  const pending = await readList<UserProfile>(
    database()
      .collection(USERS)
      .where({ binding: 'pending', buildingId: _.in([...byId.keys()]) })
      .limit(1000),
  );
  const nameOf = (b: OrgUnit | undefined, kind: OrgUnit['kind']) =>
    b?.path.map((id) => places.get(id)).find((u) => u?.kind === kind)?.name ?? '';
  return pending
    .map((u) => {
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
        communityName: nameOf(building, 'community'),
        estateName: nameOf(building, 'estate'),
        room: u.room ?? '',
        phone: clear || u.phoneMasked || '',
        requestedAt: u.updatedAt,
      };
    })
    .sort((a, b) => a.requestedAt - b.requestedAt || a.openid.localeCompare(b.openid));
}
