/**
 * 首页 per role: what `identity.home` answers in one call — who the caller is, the role whose home
 * it is, and that role's work with its counts. Pure types and the role order, shared by the
 * server (which composes the home) and the pages (which remember the active role).
 */
import type { FeedItem, ShareTask } from '../announce/announce.views';
import type { OrderSummary, PoolEntry } from '../order/order.views';
import type { BindingRequest, WhoAmI } from './identity.views';
import type { Role } from './role';

/**
 * Which role comes first when nobody chose one: the org duties (staff, then the building head,
 * whose 转发任务 and 住户绑定审核 are daily chores) before the team roles, and 居民 last.
 */
export const ACTIVE_ROLE_ORDER: readonly Role[] = [
  'admin',
  'institute_staff',
  'station_staff',
  'building_head',
  'unit_staff',
  'team_leader',
  'volunteer',
  'resident',
];

/** The held role that comes first in ACTIVE_ROLE_ORDER, or null for someone holding none. */
export function defaultActiveRole(held: readonly Role[]): Role | null {
  return ACTIVE_ROLE_ORDER.find((r) => held.includes(r)) ?? null;
}

/** The role whose home to show: the asked one if held, else the default. */
export function homeRoleOf(held: readonly Role[], asked: Role | undefined): Role | null {
  return asked && held.includes(asked) ? asked : defaultActiveRole(held);
}

/** How many rows of each list a home shows (the full list is one tap away). */
export const HOME_LIST_MAX = 5;

/** A service-menu category as the resident home shows it. */
export interface HomeCategory {
  _id: string;
  name: string;
  icon?: string;
  itemCount?: number;
}

/** 转发任务 on the building head's home, with how many households of the building have not read it. */
export interface HomeShareTask extends ShareTask {
  buildingName: string;
  unreadHouseholds: number;
}

/** 社区实践站 / 街道实践所 / 管理员: the 派单台's counts and the first orders of its queue. */
export interface StaffHome {
  kind: 'staff';
  counts: { submitted: number; overdue: number; accepted: number };
  /** Overdue first, then oldest: the queue's first page. */
  queue: OrderSummary[];
}

/** 队长: orders dispatched to the team waiting for 接单, and the 抢单 pool. */
export interface LeaderHome {
  kind: 'leader';
  teams: string[];
  counts: { inbox: number; pool: number };
  inbox: OrderSummary[];
  pool: PoolEntry[];
}

/** 志愿者: the team's orders in service, today's first. */
export interface VolunteerHome {
  kind: 'volunteer';
  teams: string[];
  counts: { today: number; active: number };
  /** Today's tasks first (by expected time), then the rest. */
  tasks: OrderSummary[];
  /** The order ids among `tasks` expected today. */
  todayIds: string[];
}

/** 楼栋长: 转发任务 with 未读住户, and bindings waiting for a decision. */
export interface BuildingHeadHome {
  kind: 'building_head';
  buildings: string[];
  counts: { tasks: number; bindings: number; unreadHouseholds: number };
  tasks: HomeShareTask[];
  bindings: BindingRequest[];
}

/** 居民 (and anyone holding no role yet): notices, the service menu, the orders still open. */
export interface ResidentHome {
  kind: 'resident';
  /** `unbound`: not bound (or not confirmed) yet, so no building notices. */
  notices: FeedItem[] | 'unbound';
  categories: HomeCategory[];
  openOrders: OrderSummary[];
}

/** A role with no home of its own yet (处置单位): its consoles only. */
export interface ConsoleHome {
  kind: 'consoles';
}

export type RoleHome = StaffHome | LeaderHome | VolunteerHome | BuildingHeadHome | ResidentHome | ConsoleHome;

/** `identity.home`: one call opens 首页. */
export interface HomeView {
  me: WhoAmI;
  /** The role whose home this is; null for someone holding no role (a new user). */
  role: Role | null;
  home: RoleHome;
}
