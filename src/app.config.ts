const pages = ['pages/index/index', 'pages/mine/index', 'pages/mine/binding/index'];

// The identity switcher exists only in the local/browser build; the weapp build never lists it.
if (process.env.TARO_ENV === 'h5') {
  pages.push('pages/dev/identity/index');
}

/** One entry per subpackage (分包); add yours as its own entry. */
const subPackages = [
  {
    // Resident ordering: items of a category, the order form, my orders, order detail, 代点单.
    root: 'pages/order',
    name: 'order',
    pages: ['items/index', 'create/index', 'list/index', 'detail/index', 'proxy/index'],
  },
  {
    // 派单台 for station / institute staff: the work queue, an order with team recommendations, statistics.
    root: 'pages/station',
    name: 'station',
    pages: ['queue/index', 'detail/index', 'stats/index'],
  },
  {
    // 接单 for team leaders and volunteers: inbox and 抢单大厅, a team order (签到 / 签退 / 完成), 时长与积分.
    root: 'pages/team',
    name: 'team',
    pages: ['index/index', 'order/index', 'points/index'],
  },
  {
    // 志愿者: real-name registration, the teams to join, a team's page (members, join requests, leave, hand over),
    // the 心愿墙 (帮挂单位 / 在职党员 认领 微心愿).
    root: 'pages/volunteer',
    name: 'volunteer',
    pages: ['register/index', 'teams/index', 'team/index', 'wish-wall/index'],
  },
  {
    // 管理 for staff: the org tree and groups, teams, volunteer approvals, invitations, binding requests
    // (also the building head's), and redeeming an invitation code.
    root: 'pages/manage',
    name: 'manage',
    pages: ['index/index', 'tree/index', 'teams/index', 'volunteers/index', 'invitations/index', 'bindings/index', 'redeem/index'],
  },
  {
    // 公告: resident feed and detail (also the share card's page, /pages/announce/detail?id=…&buildingId=…);
    // staff 发布公告 (list, compose, preview, 发送进度, 知晓率); building heads' 转发任务 and 未读住户.
    root: 'pages/announce',
    name: 'announce',
    pages: ['feed', 'detail', 'manage', 'compose', 'preview', 'progress', 'awareness', 'tasks', 'unread'],
  },
  {
    // 网格问题: 随手拍 and 我的随手拍 (residents, building heads), a problem's detail with its steps for every
    // party, the station's 问题台账, a handling unit's 待处置问题, the building head's 网格巡查 (核查, 回头看).
    root: 'pages/problem',
    name: 'problem',
    pages: [
      'report/index',
      'mine/index',
      'detail/index',
      'ledger/index',
      'unit/index',
      'grid/index',
      'categories/index',
      'stats/index',
      'rectification/index',
    ],
  },
  {
    // 网格: 巡查日志 (a grid worker's day; staff see who patrolled where), 敲门行动 (buildings with 入户率,
    // one building's doors: record a visit, an opinion → 问题上报; opened from an announcement's 未读住户 with 去敲门).
    root: 'pages/grid',
    name: 'grid',
    pages: ['patrol/index', 'patrols/index', 'knock/index', 'doors/index'],
  },
  {
    // 志愿活动: the square, detail with 报名 / 取消, my sign-ups, 签到 / 签退 by code, my record and star level;
    // organisers' activities, publishing, the roster (全部签退, 确认时长) and the rotating code; certificates and public 查验.
    root: 'pages/activity',
    name: 'activity',
    pages: [
      'square/index',
      'detail/index',
      'mine/index',
      'checkin/index',
      'record/index',
      'organise/index',
      'create/index',
      'roster/index',
      'code/index',
      'certificates/index',
      'certificate/index',
      'approvals/index',
      'verify/index',
      'units/index',
    ],
  },
];

export default defineAppConfig({
  pages,
  subPackages,
  window: {
    navigationBarTitleText: '文明实践志愿服务',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  style: 'v2',
  // PC WeChat (and iPad): the window can be resized and starts larger; pages lay out for wide
  // windows (src/styles/desk.scss, useDeskLayout) instead of a stretched phone.
  resizable: true,
  lazyCodeLoading: 'requiredComponents',
});
