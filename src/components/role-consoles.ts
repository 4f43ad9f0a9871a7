import type { Role } from '@/domain/identity/role';

/** One console (工作台 entry) a role opens. */
export interface Console {
  text: string;
  extra?: string;
  url: string;
}

const MANAGE: Console = { text: '管理', extra: '组织架构、队伍、审核、邀请码', url: '/pages/manage/index/index' };
const MY_TEAMS: Console = { text: '我的队伍', url: '/pages/volunteer/teams/index' };
const MY_POINTS: Console = { text: '我的时长与积分', url: '/pages/team/points/index' };
const ACTIVITIES: Console = { text: '志愿活动', extra: '报名、签到、我的服务记录', url: '/pages/activity/square/index' };
const ORGANISE: Console = { text: '组织活动', extra: '发布、报名名单、签到码、确认时长', url: '/pages/activity/organise/index' };
const CERTIFICATES: Console = { text: '出具证明', extra: '志愿服务记录证明、补录审核、查验', url: '/pages/activity/certificates/index' };
const WISH_WALL: Console = { text: '心愿墙', extra: '认领微心愿、送达', url: '/pages/volunteer/wish-wall/index' };
const KNOCK: Console = { text: '敲门行动', extra: '入户宣传、收集意见、入户率', url: '/pages/grid/knock/index' };
const STAFF_CONSOLES: Console[] = [
  { text: '派单台', extra: '受理、派单、催办', url: '/pages/station/queue/index' },
  { text: '服务统计', url: '/pages/station/stats/index' },
  { text: '发布公告', extra: '发送进度、知晓率', url: '/pages/announce/manage' },
  { text: '问题台账', extra: '立案、派遣、核查销号', url: '/pages/problem/ledger/index' },
  { text: '问题统计', extra: '按期处置率、满意率', url: '/pages/problem/stats/index' },
  { text: '巡查日志', extra: '谁在哪儿巡查过、楼栋覆盖', url: '/pages/grid/patrols/index' },
  KNOCK,
  ORGANISE,
  CERTIFICATES,
  MANAGE,
];
/** The 街道's own: 问题类别 (names, usual handler, deadlines) are set by its institute staff. */
const SUBDISTRICT_CONSOLES: Console[] = [
  ...STAFF_CONSOLES,
  { text: '问题类别', extra: '处置期限、回头看天数', url: '/pages/problem/categories/index' },
];

/** 工作台: the consoles each role opens (我的 lists the active role's; 首页 shows them as shortcuts). */
export const CONSOLES: Record<Role, Console[]> = {
  admin: SUBDISTRICT_CONSOLES,
  institute_staff: SUBDISTRICT_CONSOLES,
  station_staff: STAFF_CONSOLES,
  building_head: [
    { text: '代点单', extra: '为本楼栋居民下单', url: '/pages/order/proxy/index' },
    { text: '代点单记录', url: '/pages/order/list/index?placed=1' },
    { text: '转发任务', extra: '转发公告、未读住户', url: '/pages/announce/tasks' },
    { text: '网格巡查', extra: '上报问题、核查、回头看', url: '/pages/problem/grid/index' },
    { text: '巡查日志', extra: '记下今天走过的楼栋', url: '/pages/grid/patrol/index' },
    KNOCK,
    { ...MANAGE, extra: '住户绑定审核' },
  ],
  team_leader: [
    { text: '接单', extra: '派给本队、抢单大厅', url: '/pages/team/index/index' },
    MY_TEAMS,
    MY_POINTS,
    ACTIVITIES,
    ORGANISE,
    WISH_WALL,
  ],
  unit_staff: [{ text: '待处置问题', extra: '处置、退回', url: '/pages/problem/unit/index' }],
  volunteer: [{ text: '服务签到', extra: '我的队伍', url: '/pages/team/index/index' }, MY_TEAMS, MY_POINTS, ACTIVITIES, WISH_WALL, KNOCK],
  resident: [],
};
