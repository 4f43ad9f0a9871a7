/**
 * Answers of the one-call screens (issue #17): each screen opens with ONE call answering all it
 * shows, composed on the server from the use cases the smaller actions already run, and an action
 * asked with `view` answers the screen as it is after the action, so the page never reloads.
 */
import type { CatalogItem } from '../catalog/catalog.types';
import type { HomeView } from '../identity/home.views';
import type { BindingState, BuildingResident, DirectoryBuilding, WhoAmI } from '../identity/identity.views';
import type { OrgTreeNode } from '../org/org.views';
import type {
  CommunityChoice,
  JoinRequestRow,
  LeaderCandidate,
  MyVolunteerProfile,
  TeamDetail,
  TeamMember,
  TeamSummary,
} from '../team/team.views';
import type { TeamRecommendation } from './dispatch.rules';
import type { OrderDetail, OrderPage, PoolEntry, QueuePage } from './order.views';
import type { WishWallView } from './wish-wall';

/** 服务菜单 → one category: its name (the page title) and its items. */
export interface CategoryView {
  categoryId: string;
  name: string;
  items: CatalogItem[];
}

/** 点单表单: the item with its own form, and (not for 代点单) the caller's binding, whose room fills the form. */
export interface OrderFormView {
  item: CatalogItem;
  binding: BindingState | null;
  /** The caller's own last-used (else registered) phone to fill 联系电话 with; '' for 代点单 or when unknown. */
  contactPhone?: string;
  /** The description placeholder's example, from the item (a meal is not a leaking tap). */
  descriptionExample?: string;
}

/** 我的: who the caller is and their building binding. */
export interface MineView {
  me: WhoAmI;
  binding: BindingState;
}

/** 绑定楼栋: the caller's binding and the public building directory to pick 社区 / 小区 / 楼栋 from. */
export interface BindingPageView {
  binding: BindingState;
  buildings: DirectoryBuilding[];
}

/** A team order for the leader and the team's volunteers: the order, the caller, the serving team's members. */
export interface TeamOrderView {
  detail: OrderDetail;
  myOpenid: string;
  /** The serving team's members (full names for its leader); empty before a team serves it. */
  members: TeamMember[];
}

/** 派单台 · one order (staff): the detail and, when it offers a team choice (派单 / 改派), 派单推荐 with their reasons. */
export interface StationOrderView {
  detail: OrderDetail;
  /** Every team ranked with its reason; null when no action of the caller picks a team. */
  recommendations: TeamRecommendation[] | null;
}

/**
 * Which screen an order action answers after it ran (`view`): the order detail, the team order,
 * the leader's 首页, 接单 on 待接单 (`teamInbox`) or 我队订单 (`teamOrders`), 派单台 · one order (`stationOrder`),
 * the 心愿墙 (`wishWall`, after 认领), or the desk-wide 派单台 (`stationDesk`: the order beside the queue,
 * both answered — the queue as the caller filters and pages it, see the action's `queue`).
 */
export const ORDER_SCREENS = [
  'detail',
  'teamOrder',
  'leaderHome',
  'teamInbox',
  'teamOrders',
  'stationOrder',
  'wishWall',
  'stationDesk',
] as const;
export type OrderScreen = (typeof ORDER_SCREENS)[number];

/** An order action asked with `view` also answers that screen as it is now. */
export interface WithScreen {
  detail?: OrderDetail;
  teamOrder?: TeamOrderView;
  home?: HomeView;
  teamConsole?: TeamConsoleView;
  stationOrder?: StationOrderView;
  /** `wishWall`: the 心愿墙 as the caller sees it now. */
  wall?: WishWallView;
  /** `stationDesk` (with `stationOrder`): the 派单台 queue's first page as filtered, with its board (choices and counts). */
  queue?: QueuePage;
}

/** 接单 for leaders and volunteers: the teams they lead / serve in and the tab's first page. */
export interface TeamConsoleView {
  leads: { teamId: string; name: string }[];
  serves: { teamId: string; name: string }[];
  /** Leaders: the tab asked; volunteers: their service tasks. */
  page: OrderPage | { items: PoolEntry[]; nextCursor: null };
}

/** 代点单: the buildings the caller heads, the first (or asked) one's confirmed residents, the service menu. */
export interface ProxySetupView {
  buildings: { scopeId: string; scopeName: string }[];
  /** The building `residents` belong to (null when the caller heads none). */
  buildingId: string | null;
  residents: BuildingResident[];
  categories: { _id: string; name: string; icon: string; itemCount: number }[];
}

/** 志愿服务队: every team (best rated first) and the caller's registration (may they ask to join?). */
export interface TeamsView {
  teams: TeamSummary[];
  volunteer: MyVolunteerProfile;
}

/** 队伍详情: the team; its open join requests for those who manage it; the caller's registration when not in it. */
export interface TeamPageView {
  team: TeamDetail;
  requests: JoinRequestRow[] | null;
  volunteer: MyVolunteerProfile | null;
}

/** 队伍管理 (staff): every team (best rated first) and whether the caller may 新建队伍 (policy `team.create`). */
export interface ManageTeamsView {
  teams: TeamSummary[];
  canCreate: boolean;
}

/** 新建队伍's form: the approved volunteers who may lead it (masked) and the 社区 / 小区 it may serve. */
export interface CreateTeamSetupView {
  candidates: LeaderCandidate[];
  roots: OrgTreeNode[];
}

/** Which team screen a team action answers after it ran (`view`): 志愿服务队, 队伍详情 or 队伍管理. */
export const TEAM_SCREENS = ['teams', 'teamPage', 'manageTeams'] as const;
export type TeamScreen = (typeof TEAM_SCREENS)[number];

/** A team action asked with `view` also answers that screen as it is now. */
export interface WithTeamScreen {
  teams?: TeamsView;
  teamPage?: TeamPageView;
  manageTeams?: ManageTeamsView;
}

/** 志愿者注册: the caller's registration and the communities to choose from. */
export interface RegistrationView {
  volunteer: MyVolunteerProfile;
  communities: CommunityChoice[];
}
