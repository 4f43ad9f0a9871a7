/**
 * What the fake WeChat Cloud answers, typed by the same contracts the functions build (so a change
 * of contract breaks the type check here, not silently the test). One small world: 张阿姨 lives in
 * 天府花园 1栋 (and heads it), volunteers in and leads 银龄之声, and works at 和平社区's station.
 */

import type {
  AnnouncementView,
  AwarenessView,
  FeedPage,
  MineItem,
  ProgressView,
  ShareTask,
  UnreadView,
} from '../../../src/domain/announce/announce.views';
import type { HomeView } from '../../../src/domain/identity/home.views';
import type {
  BindingRequest,
  BindingState,
  BuildingResident,
  DirectoryBuilding,
  WhoAmI,
} from '../../../src/domain/identity/identity.views';
import type { TeamRecommendation } from '../../../src/domain/order/dispatch.rules';
import type { OrderAction, OrderCaller, OrderDetail, OrderSummary, OrderView, SessionView } from '../../../src/domain/order/order.views';
import type { OrgTreeNode } from '../../../src/domain/org/org-tree';
import type { StatsOverview } from '../../../src/domain/service/service-stats.views';

export const T0 = Date.UTC(2026, 2, 5, 1, 0, 0);
const HOUR = 3600_000;

export const PHOTO = 'cloud://local-env.local-env-local-bucket/orders/req-sim-1/1772672400000-0.png';
export const REPORT_PHOTO = 'cloud://local-env.local-env-local-bucket/reports/ord-sim-1/1772683200000-0.jpg';

export const WHOAMI: WhoAmI = {
  openid: 'o-sim',
  name: '张阿姨',
  registered: true,
  binding: 'confirmed',
  roles: [
    { role: 'volunteer', label: '志愿者', scopeId: 't1', scopeName: '银龄之声' },
    { role: 'team_leader', label: '队长', scopeId: 't1', scopeName: '银龄之声' },
    { role: 'building_head', label: '楼栋长', scopeId: 'b1', scopeName: '天府花园 1栋' },
    { role: 'station_staff', label: '社区实践站', scopeId: 'c1', scopeName: '和平社区' },
  ],
};

export const CATEGORIES = {
  categories: [
    { _id: 'c-elder', name: '助老服务', icon: '老', itemCount: 3 },
    { _id: 'c-repair', name: '便民维修', icon: '', itemCount: 2 },
  ],
};

export const ITEMS = {
  items: [
    { _id: 'i-water', name: '水电维修', description: '水管、水龙头、电路小修', kind: 'service', responseHours: 24 },
    { _id: 'i-lock', name: '换锁开锁', description: '', kind: 'service', responseHours: 12 },
  ],
};

export const BINDING: BindingState = {
  buildingId: 'b1',
  buildingName: '1栋',
  addressText: '和平社区 天府花园 1栋',
  room: '1单元601',
  binding: 'confirmed',
  note: '',
};

export const BUILDINGS: DirectoryBuilding[] = [{ _id: 'b1', name: '1栋', estateName: '天府花园', communityName: '和平社区' }];

export const RESIDENTS: BuildingResident[] = [
  { openid: 'o-r1', displayName: '李*', name: '李建国', room: '2单元302', addressText: '和平社区 天府花园 1栋 2单元302' },
  { openid: 'o-r2', displayName: '王*', name: '王桂兰', room: '1单元101', addressText: '和平社区 天府花园 1栋 1单元101' },
];

/** A resident of 1栋 waiting for 住户绑定审核. */
export const BINDING_REQUESTS: BindingRequest[] = [
  {
    openid: 'o-r3',
    displayName: '孙阿姨',
    buildingId: 'b1',
    buildingName: '1栋',
    communityName: '和平社区',
    estateName: '天府花园',
    room: '3单元502',
    phone: '13700002222',
    requestedAt: T0,
  },
];

const summary: OrderSummary = {
  orderId: 'ord-sim-1',
  itemId: 'i-water',
  itemName: '水电维修',
  categoryId: 'c-repair',
  categoryName: '便民维修',
  description: '厨房水龙头一直滴水，麻烦师傅上门看看',
  state: 'submitted',
  stateLabel: '待受理',
  level: 'station',
  addressText: '和平社区 天府花园 1栋',
  estateId: 'e1',
  preferredWindow: { start: T0 + 24 * HOUR, end: T0 + 26 * HOUR },
  teamId: null,
  teamName: '',
  responseDeadline: T0 + 24 * HOUR,
  overdue: false,
  proxy: false,
  rated: false,
  photoCount: 1,
  createdAt: T0,
  updatedAt: T0,
  version: 1,
};

/** An order in `state`, with what the lifecycle has added by then. */
export function orderIn(state: OrderSummary['state'], stateLabel: string): OrderSummary {
  const served = !['submitted', 'accepted', 'rejected', 'cancelled'].includes(state);
  return { ...summary, state, stateLabel, ...(served ? { teamId: 't1', teamName: '银龄之声' } : {}) };
}

const transition = (event: OrderAction['event'], label: string, more: Partial<OrderAction> = {}): OrderAction => ({
  event,
  label,
  needsNote: false,
  needsTeam: false,
  viaAction: 'transition',
  ...more,
});

/** Who the viewer is to the order: nobody, unless `more` says so. */
const caller = (more: Partial<OrderCaller>): OrderCaller => ({
  parties: [],
  resident: false,
  placer: false,
  station: false,
  stationAfterEscalation: false,
  institute: false,
  teamLeader: false,
  teamMember: false,
  assigned: false,
  eligibleLeader: false,
  label: '',
  ...more,
});

function view(order: OrderSummary, more: Partial<OrderView> = {}): OrderView {
  return {
    ...order,
    itemKind: 'service',
    formAnswers: [],
    room: '1单元601',
    contactPhone: '13800138000',
    contactPhoneMasked: false,
    photos: [PHOTO],
    rating: null,
    followUpAt: null,
    requesterName: '张*',
    serviceCode: null,
    rateBy: null,
    serviceHours: null,
    report: null,
    followUp: null,
    followUpOpen: false,
    assignees: [],
    ...more,
  };
}

const created = {
  seq: 1,
  event: 'create',
  label: '点单',
  from: null,
  to: 'submitted',
  toLabel: '待受理',
  actorLabel: '居民',
  note: '',
  teamName: '',
  at: T0,
} as const;

/** The resident's view of a completed order: the report with its photo, 评价 open. */
export const RESIDENT_DETAIL: OrderDetail = {
  order: view(orderIn('completed', '待评价'), {
    serviceHours: 2,
    rateBy: T0 + 7 * 24 * HOUR,
    report: { summary: '更换了水龙头阀芯，已试水不再滴水', photos: [REPORT_PHOTO], at: T0 + 30 * HOUR },
  }),
  sessions: [],
  timeline: [
    created,
    {
      seq: 2,
      event: 'complete',
      label: '完成',
      from: 'in_service',
      to: 'completed',
      toLabel: '待评价',
      actorLabel: '队长',
      note: '',
      teamName: '银龄之声',
      at: T0 + 30 * HOUR,
    },
  ],
  actions: [transition('rate', '评价', { viaAction: 'rate' })],
  caller: caller({ parties: ['requester'], resident: true, label: '居民' }),
  grabTeams: [],
};

/** The station's view of an accepted order: 派单 to a recommended team. */
export const STATION_DETAIL: OrderDetail = {
  order: view(orderIn('accepted', '待派单')),
  sessions: [],
  timeline: [created],
  actions: [transition('dispatch', '派单', { needsTeam: true }), transition('reject', '驳回', { needsNote: true })],
  caller: caller({ parties: ['staff', 'station'], station: true, label: '社区实践站' }),
  grabTeams: [],
};

export const RECOMMENDATIONS: { items: TeamRecommendation[] } = {
  items: [
    {
      teamId: 't1',
      name: '银龄之声',
      rating: 4.8,
      openLoad: 1,
      eligible: true,
      score: 0.9,
      reason: '会水电维修 · 服务天府花园 · 在办 1 单',
    },
    { teamId: 't2', name: '豆花帮帮团', rating: 4.5, openLoad: 0, eligible: false, score: 0, reason: '不提供水电维修' },
  ],
};

const session: SessionView = {
  openid: 'o-v1',
  displayName: '刘师傅',
  checkInAt: T0 + 25 * HOUR,
  checkInBy: 'resident_code',
  checkOutAt: null,
  checkOutBy: null,
  hours: 0,
  confirmed: false,
  correctionNote: '',
};

/** The leader's view of an order in service: a volunteer checked in, 完成 open. */
export const TEAM_DETAIL: OrderDetail = {
  order: view(orderIn('in_service', '服务中')),
  sessions: [session],
  timeline: [created],
  actions: [transition('complete', '完成服务', { viaAction: 'complete' })],
  caller: caller({ parties: ['assigned_leader', 'assigned_member'], teamLeader: true, teamMember: true, assigned: true, label: '队长' }),
  grabTeams: [],
};

export const page = <T>(items: T[]) => ({ items, nextCursor: null });

export const MY_ORDERS = page([orderIn('submitted', '待受理')]);
export const QUEUE = page([{ ...orderIn('submitted', '待受理'), overdue: true }]);
export const INBOX = page([orderIn('dispatched', '已派单')]);
export const POOL = { items: [{ ...orderIn('pooled', '待抢单'), teams: [{ teamId: 't1', name: '银龄之声' }] }] };
export const MEMBER_ORDERS = page([orderIn('taken', '已接单')]);

const groupStats = {
  total: 12,
  byState: { submitted: 2, taken: 3, closed: 7 },
  medianTakeMinutes: 95,
  medianCompleteMinutes: 300,
  hoursServed: 36,
  averageRating: 4.7,
  ratedCount: 6,
};
export const STATS: StatsOverview = {
  scope: 'station',
  period: null,
  generatedAt: T0,
  totals: groupStats,
  groups: [{ ...groupStats, id: 'c1', name: '和平社区' }],
};

export const POINTS = {
  balance: 36,
  totalHours: 12.5,
  rule: '每服务 1 小时记 10 积分',
  items: [
    {
      key: 'order-ss-sim-0',
      source: 'order',
      sourceId: 'ord-sim-0',
      orderId: 'ord-sim-0',
      itemName: '助老理发',
      reason: 'service_hours',
      reasonLabel: '百姓点单',
      statusLabel: '',
      hours: 2,
      points: 20,
      at: T0,
    },
  ],
  nextCursor: null,
};

export const ORG_TREE: { roots: OrgTreeNode[] } = {
  roots: [
    {
      _id: 'c1',
      kind: 'community',
      name: '和平社区',
      groups: [],
      children: [
        {
          _id: 'e1',
          kind: 'estate',
          name: '天府花园',
          groups: [],
          children: [
            {
              _id: 'b1',
              kind: 'building',
              name: '1栋',
              groups: [{ _id: 'g1', name: '天府花园1栋业主群', bound: true, hasRobot: false }],
              children: [],
            },
          ],
        },
      ],
    },
  ],
};

const ANNOUNCEMENT: AnnouncementView = {
  id: 'a1',
  title: '文明养犬，从我做起',
  category: '创城宣传',
  coverFileId: null,
  blocks: [{ type: 'paragraph', spans: [{ text: '遛狗请牵绳，及时清理粪便。' }] }],
  text: '遛狗请牵绳，及时清理粪便。',
  publishedAt: T0,
  state: 'published',
};

export const FEED: FeedPage = page([
  {
    id: 'a1',
    title: ANNOUNCEMENT.title,
    category: '创城宣传',
    coverFileId: null,
    excerpt: '遛狗请牵绳，及时清理粪便。',
    publishedAt: T0,
    read: false,
  },
]);
export const ANNOUNCE_DETAIL = { ...ANNOUNCEMENT, read: true, firstRead: false, counted: false, group: null };
export const ANNOUNCE_PREVIEW = {
  ...ANNOUNCEMENT,
  state: 'draft' as const,
  publishedAt: null,
  sharePath: '/pages/announce/detail?id=a1',
  publishAt: null,
  version: 1,
  recipients: {
    buildings: 3,
    estates: [{ id: 'e1', name: '天府花园', communityName: '和平社区', buildings: ['1栋', '2栋', '3栋'] }],
  },
};
export const ANNOUNCE_MINE = page<MineItem>([
  {
    id: 'a1',
    title: ANNOUNCEMENT.title,
    category: '创城宣传',
    state: 'published',
    publishAt: null,
    publishedAt: T0,
    createdAt: T0,
    buildings: 3,
    version: 2,
  },
]);
const channel = (planned: number, sent: number) => ({ planned, sent, pending: planned - sent, failed: 0, noGrant: 0 });
export const PROGRESS: ProgressView = {
  id: 'a1',
  state: 'published',
  buildings: 3,
  plannedBuildings: 3,
  channels: { feed: channel(120, 120), subscribe: channel(40, 35), robot: channel(3, 3), share_task: channel(3, 1) },
};
const rate = (residents: number, readers: number) => ({ residents, readers, rate: readers / residents, groupReads: 1 });
export const AWARENESS: AwarenessView = {
  id: 'a1',
  title: ANNOUNCEMENT.title,
  ...rate(120, 54),
  communities: [
    {
      id: 'c1',
      name: '和平社区',
      ...rate(120, 54),
      estates: [{ id: 'e1', name: '天府花园', ...rate(120, 54), buildings: [{ id: 'b1', name: '1栋', ...rate(40, 18), unread: 22 }] }],
    },
  ],
  households: {
    households: 30,
    read: 14,
    door: 6,
    either: 18,
    readRate: 0.4667,
    doorRate: 0.2,
    rate: 0.6,
    buildings: { b1: { households: 30, read: 14, door: 6, either: 18, readRate: 0.4667, doorRate: 0.2, rate: 0.6 } },
  },
};
export const SHARE_TASKS = page<ShareTask>([
  {
    announcementId: 'a1',
    title: ANNOUNCEMENT.title,
    category: '创城宣传',
    coverFileId: null,
    buildingId: 'b1',
    path: '/pages/announce/detail?id=a1&buildingId=b1',
    shareToken: 'share-token-a1-b1',
    state: 'ready',
    publishedAt: T0,
  },
]);
export const UNREAD: UnreadView = {
  id: 'a1',
  buildingId: 'b1',
  buildingName: '天府花园 1栋',
  residents: 40,
  readers: 18,
  households: [{ room: '2单元302', names: ['李大爷'], residents: 1 }],
};

/** 首页 of a plain resident (identity.home): notices, the menu, open orders in one answer. */
export const RESIDENT_HOME: HomeView = {
  me: { ...WHOAMI, roles: [{ role: 'resident', label: '居民', scopeId: 'b1', scopeName: '天府花园 1栋' }] },
  role: 'resident',
  home: { kind: 'resident', notices: FEED.items.slice(0, 3), categories: CATEGORIES.categories, openOrders: MY_ORDERS.items },
};
