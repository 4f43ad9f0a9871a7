/**
 * 首页 in one call: who the caller is and the work of their active role, composed here from the
 * use cases the role's own screens call (the queue, the team inbox and pool, service tasks,
 * 转发任务, binding requests, the feed and the service menu).
 */
import { ORDERS } from '../../database/collections';
import {
  HOME_LIST_MAX,
  type HomeShareTask,
  type HomeView,
  homeRoleOf,
  type RoleHome,
  type StaffHome,
} from '../../src/domain/identity/home.views';
import type { BindingRequest } from '../../src/domain/identity/identity.views';
import { ROLES, type Role } from '../../src/domain/identity/role';
import { AWAITING_TAKE_STATES, OPEN_STATES } from '../../src/domain/order/order.states';
import type { OrderSummary, PoolEntry } from '../../src/domain/order/order.views';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { feed, shareTasks, unread } from '../announce/reads';
import { listServiceMenu } from '../catalog/service-menu.query';
import type { Actor } from '../kit/actor';
import type { LoadedPrincipal } from '../kit/principal';
import { database } from '../kit/wx-cloud';
import { memberOrders, myOrders, pool, staffQueue, teamInbox } from '../order/order-queries';
import { findOrgUnits } from '../org/org-units';
import { listBindingRequests } from './binding';
import { readCaller } from './caller';
import { whoamiOf } from './whoami.query';

const STAFF_ROLES: readonly Role[] = ['station_staff', 'institute_staff', 'admin'];
/** China Standard Time: "today" is the resident's and volunteer's calendar day. */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** [start, end) of the calendar day (China time) that holds `now`. */
export function todayBounds(now: number): { start: number; end: number } {
  const start = Math.floor((now + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
  return { start, end: start + DAY_MS };
}

async function count(where: Record<string, unknown>): Promise<number> {
  const res = (await database().collection(ORDERS).where(where).count()) as { total: number };
  return res.total;
}

/** The queue's scope as `staffQueue` reads it: the subdistricts an institute covers, else the communities at station level. */
function staffScope(principal: LoadedPrincipal): Record<string, unknown> {
  const _ = database().command;
  const grants = principal.grants.filter((g) => STAFF_ROLES.includes(g.role));
  const subdistricts = grants.filter((g) => g.role !== 'station_staff').map((g) => g.scopeId);
  const communities = grants.filter((g) => g.role === 'station_staff').map((g) => g.scopeId);
  return subdistricts.length > 0 ? { subdistrictId: _.in(subdistricts) } : { communityId: _.in(communities), level: 'station' };
}

async function staffHome(principal: LoadedPrincipal, now: number): Promise<StaffHome> {
  const _ = database().command;
  const scope = staffScope(principal);
  const [queue, submitted, overdue, accepted] = await Promise.all([
    staffQueue(principal, { pageSize: HOME_LIST_MAX }, now),
    count({ ...scope, state: 'submitted' }),
    count({ ...scope, state: _.in([...AWAITING_TAKE_STATES]), overdue: true }),
    count({ ...scope, state: 'accepted' }),
  ]);
  return { kind: 'staff', counts: { submitted, overdue, accepted }, queue: queue.items };
}

const teamNames = (principal: LoadedPrincipal, role: Role, names: Map<string, string>) =>
  principal.grants.filter((g) => g.role === role).map((g) => names.get(g.scopeId) ?? '');

/** A list the role's grant no longer opens (say a leader just handed the team over) reads as empty. */
function emptyIfForbidden<T>(empty: T): (err: unknown) => T {
  return (err) => {
    if (err instanceof DomainError && err.code === ErrorCode.Forbidden) return empty;
    throw err;
  };
}

async function leaderHome(principal: LoadedPrincipal, names: Map<string, string>, now: number): Promise<RoleHome> {
  const [inbox, open] = await Promise.all([
    teamInbox(principal, { state: 'dispatched', pageSize: 50 }, now).catch(emptyIfForbidden({ items: [] as OrderSummary[] })),
    pool(principal, now).catch(emptyIfForbidden({ items: [] as PoolEntry[] })),
  ]);
  return {
    kind: 'leader',
    teams: teamNames(principal, 'team_leader', names),
    counts: { inbox: inbox.items.length, pool: open.items.length },
    inbox: inbox.items.slice(0, HOME_LIST_MAX),
    pool: open.items.slice(0, HOME_LIST_MAX),
  };
}

async function volunteerHome(principal: LoadedPrincipal, names: Map<string, string>, now: number): Promise<RoleHome> {
  const { items } = await memberOrders(principal, { pageSize: 50 }, now).catch(emptyIfForbidden({ items: [] as OrderSummary[] }));
  const { start, end } = todayBounds(now);
  const isToday = (o: OrderSummary) => o.preferredWindow.start < end && o.preferredWindow.end >= start;
  const today = items.filter(isToday).sort((a, b) => a.preferredWindow.start - b.preferredWindow.start);
  const rest = items.filter((o) => !isToday(o));
  return {
    kind: 'volunteer',
    teams: teamNames(principal, 'volunteer', names),
    counts: { today: today.length, active: items.length },
    tasks: [...today, ...rest].slice(0, HOME_LIST_MAX),
    todayIds: today.map((o) => o.orderId),
  };
}

/** Share tasks whose 未读住户 the home counts (each is one read of the building's residents). */
const UNREAD_TASKS = 3;

async function buildingHeadHome(principal: LoadedPrincipal): Promise<RoleHome> {
  const heads = principal.grants.filter((g) => g.role === 'building_head').map((g) => g.scopeId);
  const [tasks, bindings, buildings] = await Promise.all([
    shareTasks(principal, {}),
    listBindingRequests(principal).catch(emptyIfForbidden([] as BindingRequest[])),
    findOrgUnits(heads),
  ]);
  const buildingName = new Map(buildings.map((b) => [b._id, b.name]));
  const shown = tasks.items.slice(0, UNREAD_TASKS);
  const unreadViews = await Promise.all(shown.map((t) => unread(principal, { id: t.announcementId, buildingId: t.buildingId })));
  const withUnread: HomeShareTask[] = shown.map((t, i) => ({
    ...t,
    buildingName: buildingName.get(t.buildingId) ?? '',
    unreadHouseholds: unreadViews[i]?.households.length ?? 0,
  }));
  return {
    kind: 'building_head',
    buildings: heads.map((id) => buildingName.get(id) ?? '').filter(Boolean),
    counts: {
      tasks: tasks.items.length,
      bindings: bindings.length,
      unreadHouseholds: withUnread.reduce((n, t) => n + t.unreadHouseholds, 0),
    },
    tasks: withUnread,
    bindings: [...bindings].sort((a, b) => a.requestedAt - b.requestedAt).slice(0, HOME_LIST_MAX),
  };
}

async function residentHome(principal: LoadedPrincipal, now: number): Promise<RoleHome> {
  const [notices, menu, mine] = await Promise.all([
    feed(principal, {}).then(
      (page) => page.items.slice(0, 3),
      (err: unknown) => {
        if (err instanceof DomainError && err.code === ErrorCode.BindingRequired) return 'unbound' as const;
        throw err;
      },
    ),
    listServiceMenu(),
    principal.user ? myOrders(principal, { pageSize: 10 }, now) : Promise.resolve({ items: [] as OrderSummary[] }),
  ]);
  return {
    kind: 'resident',
    notices,
    categories: menu.categories,
    openOrders: mine.items.filter((o) => OPEN_STATES.includes(o.state)).slice(0, 3),
  };
}

/** 首页 of the caller's active role: `role` if they hold it, else their first role (ACTIVE_ROLE_ORDER). */
export async function home(actor: Actor, input: { role?: Role }, now: number): Promise<HomeView> {
  // The caller once (their record, grants and the names of their scopes), passed to every part.
  const caller = await readCaller(actor);
  const { principal } = caller;
  const me = whoamiOf(caller);
  const held = ROLES.filter((r) => me.roles.some((g) => g.role === r));
  const role = homeRoleOf(held, input.role);
  const names = new Map(me.roles.map((g) => [g.scopeId, g.scopeName]));
  let view: RoleHome;
  if (role && STAFF_ROLES.includes(role)) view = await staffHome(principal, now);
  else if (role === 'team_leader') view = await leaderHome(principal, names, now);
  else if (role === 'volunteer') view = await volunteerHome(principal, names, now);
  else if (role === 'building_head') view = await buildingHeadHome(principal);
  else if (role === 'unit_staff') view = { kind: 'consoles' };
  else view = await residentHome(principal, now);
  return { me, role, home: view };
}
