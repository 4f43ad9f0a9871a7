import type { Role } from './role';

/**
 * Who may do what: THE table every cloud function consults through `authorize`.
 * `roles` lists the roles that may act; `scope` says what a role's grant must cover:
 *  - `org`:  the resource's org unit lies in the grant's org subtree (a team resource is placed
 *            at its home subdistrict, so a team-scoped grant covers it only by `teamId`);
 *  - `team`: team roles act on their own team; org roles on teams homed in their subtree;
 *  - `unit`: handling-unit staff act on grid problems dispatched to their unit (`unitIds`); org roles
 *            on problems placed in their subtree;
 *  - `self`: any signed-in user, on resources they own.
 */
export type ScopeRule = 'org' | 'team' | 'unit' | 'self';

export interface PolicyRule {
  roles: readonly Role[];
  scope: ScopeRule;
  /** Why the rule is what it is, for the next reader. */
  note: string;
}

const STAFF: readonly Role[] = ['station_staff', 'institute_staff', 'admin'];
const SUBDISTRICT_STAFF: readonly Role[] = ['institute_staff', 'admin'];

export const POLICY = {
  'org.view': { roles: STAFF, scope: 'org', note: 'staff see the tree of their community or subdistrict' },
  'org.edit': { roles: STAFF, scope: 'org', note: 'staff maintain estates, buildings and groups below them' },
  'group.edit': {
    roles: ['building_head', ...STAFF],
    scope: 'org',
    note: 'the building head knows the group; the robot webhook stays secret',
  },
  'binding.request': { roles: [], scope: 'self', note: 'anyone may ask to be bound to a building' },
  'binding.decide': {
    roles: ['building_head', ...STAFF],
    scope: 'org',
    note: 'confirming a resident unlocks the building notices, so only people who know the building',
  },
  'resident.contact': {
    roles: ['building_head', ...STAFF],
    scope: 'org',
    note: 'clear phone numbers and names only for those whose job needs them',
  },
  'resident.fullName': {
    roles: ['building_head', ...STAFF],
    scope: 'org',
    note: '代点单 picks a resident by full name and room: people of the same surname in one building must be told apart',
  },
  'volunteer.register': { roles: [], scope: 'self', note: 'real-name registration is self-service' },
  'volunteer.approve': { roles: STAFF, scope: 'org', note: 'staff approve volunteers of their area' },
  'team.create': { roles: SUBDISTRICT_STAFF, scope: 'org', note: 'teams are organised by the institute' },
  'team.edit': { roles: ['team_leader', ...SUBDISTRICT_STAFF], scope: 'team', note: 'the leader runs the team' },
  'team.memberNames': {
    roles: ['team_leader', ...SUBDISTRICT_STAFF],
    scope: 'team',
    note: "full names of a team's own members, so its leader tells two 冯* apart when assigning (others see 冯*)",
  },
  'team.join': { roles: [], scope: 'self', note: 'any registered volunteer may ask to join' },
  'team.decideJoin': { roles: ['team_leader', ...SUBDISTRICT_STAFF], scope: 'team', note: 'the leader admits members' },
  'team.transferLeadership': {
    roles: ['team_leader', ...SUBDISTRICT_STAFF],
    scope: 'team',
    note: 'a leader hands over; the institute steps in when a leader is gone',
  },
  'invitation.issue': { roles: STAFF, scope: 'org', note: 'staff invite staff at or below their own level' },
  'order.place': {
    roles: ['resident'],
    scope: 'org',
    note: 'a confirmed resident orders for their own building (the grant is in force only once bound)',
  },
  'order.proxy': { roles: ['building_head'], scope: 'org', note: '代点单: the building head orders for a resident of their building' },
  'order.manage': {
    roles: STAFF,
    scope: 'org',
    note: 'staff review, dispatch and chase orders of their area and see the contact phone',
  },
  'order.revealContact': {
    roles: ['team_leader', 'volunteer'],
    scope: 'team',
    note: "the resident's phone, one tap at a time and logged: the serving team's leader and its assigned volunteers, from 已接单 until 已完成 (the use case checks assignment and state)",
  },
  'order.escalate': { roles: ['station_staff'], scope: 'org', note: '上报 is what a station does towards its institute' },
  'notify.alerts': {
    roles: STAFF,
    scope: 'org',
    note: 'staff subscribe to order alerts (上报, 退回, 取消, 超时) of the area they handle',
  },
  'stats.station': { roles: STAFF, scope: 'org', note: 'staff see the numbers of their community or subdistrict' },
  'stats.team': {
    roles: ['team_leader', ...SUBDISTRICT_STAFF],
    scope: 'team',
    note: 'a leader sees their own team; the institute sees every team it organises',
  },
  'announcement.publish': {
    roles: STAFF,
    scope: 'org',
    note: 'staff write and publish announcements to the grid nodes of their own area (every target is checked)',
  },
  'announcement.awareness': {
    roles: STAFF,
    scope: 'org',
    note: 'staff see delivery progress and 知晓率 of the buildings in their area',
  },
  'announcement.unread': {
    roles: ['building_head', ...STAFF],
    scope: 'org',
    note: 'who has not read it yet (masked names, rooms) is for 敲门 by the building head or staff of that building',
  },
  'announcement.share': {
    roles: ['building_head'],
    scope: 'org',
    note: 'the building head forwards the share card into their own building group',
  },
  'announcement.read': {
    roles: [],
    scope: 'self',
    note: 'a published announcement is a public notice: anyone who opens a card may read it (reads count only for residents)',
  },
  'announcement.subscribe': { roles: [], scope: 'self', note: 'a resident records their own subscribe-message grant' },
  'problem.report': {
    roles: ['resident', 'building_head', ...STAFF],
    scope: 'org',
    note: "随手拍 / 巡查发现: a confirmed resident or the building head reports at their own building, staff anywhere in their area (volunteers: their team's service area, checked by the use case)",
  },
  'problem.selfFix': {
    roles: ['building_head'],
    scope: 'org',
    note: '自查自处 (小事不出楼栋): the building head fixes a small problem of their building on the spot',
  },
  'problem.manage': {
    roles: STAFF,
    scope: 'org',
    note: '立案, 不予立案, 派遣 and the 台账 of problems in their community or subdistrict',
  },
  'problem.categories': {
    roles: SUBDISTRICT_STAFF,
    scope: 'org',
    note: "问题类别 (names, usual handler, deadline, 回头看 days) are the 街道's: only its institute staff change them",
  },
  'problem.check': {
    roles: ['building_head', ...STAFF],
    scope: 'org',
    note: "核查 and 回头看: the station, or the grid worker (building head) of the problem's building",
  },
  'problem.handle': {
    roles: ['unit_staff'],
    scope: 'unit',
    note: "处置 or 退回: only staff of a unit the problem is dispatched to; a unit never sees another unit's problems",
  },
  'grid.patrol': {
    roles: ['building_head', ...STAFF],
    scope: 'org',
    note: '巡查日志: the building head logs the buildings they look after, staff those of their area; one log per person per day',
  },
  'grid.patrols': {
    roles: STAFF,
    scope: 'org',
    note: 'who patrolled where: staff see the 巡查日志 and per-building coverage of their community or subdistrict',
  },
  'grid.knock': {
    roles: ['building_head', ...STAFF],
    scope: 'org',
    note: "敲门行动: the building head at their own building's doors, staff in their area (volunteers: their team's service area, checked by the use case)",
  },
  'activity.organise': {
    roles: STAFF,
    scope: 'org',
    note: '志愿活动 of an area: staff publish and run them (code screen, roster, confirm hours) for their community or subdistrict',
  },
  'activity.organiseTeam': {
    roles: ['team_leader', ...SUBDISTRICT_STAFF],
    scope: 'team',
    note: "a team's own 志愿活动: its leader runs them; the institute steps in as for every team matter",
  },
  'hours.approve': {
    roles: STAFF,
    scope: 'org',
    note: '补录 / 更正 of hours count only once staff of the area approve them (never the person who recorded them: the use case checks)',
  },
  'hours.certify': {
    roles: STAFF,
    scope: 'org',
    note: '志愿服务记录证明 are issued by the station or institute where the volunteer registered (民政部令第67号 第15条)',
  },
} as const satisfies Record<string, PolicyRule>;

export type PolicyAction = keyof typeof POLICY;

export const POLICY_ACTIONS = Object.keys(POLICY) as PolicyAction[];
