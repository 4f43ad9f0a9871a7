/**
 * The living demo: four weeks of a subdistrict's work, played through the real cloud functions
 * on the local cloud's clock, so every order, timeline, service session, hours-ledger entry, team
 * rating, announcement delivery and read is what the app itself wrote — no invariant is
 * hand-copied. The clock starts LIVING_SPAN_MS in the past, moves forward step by step (timer
 * triggers fire as time passes: 超时退回, 催办, 自动完成, 回头看, the delivery worker) and ends at
 * real "now". Ids are fixed: orders and announcements take their ids from the scripted request ids.
 *
 * Loaded by `npm start` / `npm run cloud:reset` (startLocalCloud's `livingDemo`); tests start
 * from the quiet base seed unless they ask for this.
 */
import type { Clock } from '../clock';
import type { FunctionRuntime } from '../functions/function-runtime';
import type { TimerScheduler } from '../functions/timer-scheduler';
import { LOCAL_APPID } from '../http/gateway';
import { type DemoSeed, WISH_ADOPTER } from './demo-seed';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** How far back the living demo starts. */
export const LIVING_SPAN_MS = 28 * DAY;

const SUBDISTRICT = 'org-subdistrict-01';
const INSTITUTE = 'o-institute-01';
/** The station staff member who works each community's desk. */
const STATION_OF: Record<string, string> = {
  'org-community-01': 'o-station-01',
  'org-community-02': 'o-station-03',
  'org-community-03': 'o-station-04',
};
const leaderOf = (teamId: string) => `o-leader-${teamId.slice(-2)}`;

type Community = 'c1' | 'c2' | 'c3';
const COMMUNITY: Record<Community, string> = { c1: 'org-community-01', c2: 'org-community-02', c3: 'org-community-03' };

/** One scripted step of an order, `h` hours after it was placed. */
type OrderStep =
  | { h: number; do: 'accept' | 'publish' | 'take' | 'cancel' | 'checkIn' | 'complete' }
  /** 心愿墙: the station puts the 微心愿 up; the seed's 在职党员 认领s it. */
  | { h: number; do: 'postWall' | 'adopt' }
  | { h: number; do: 'dispatch' | 'reassign' | 'grab'; team: string }
  | { h: number; do: 'reject' | 'escalate' | 'decline'; note: string }
  | { h: number; do: 'assign' | 'checkInMember' }
  | { h: number; do: 'rate'; stars: number; tags?: string[]; comment?: string }
  | { h: number; do: 'followUp' };

export type LivingOrderState =
  | 'submitted'
  | 'accepted'
  | 'dispatched'
  | 'pooled'
  | 'on_wall'
  | 'adopted'
  | 'taken'
  | 'in_service'
  | 'completed'
  | 'closed'
  | 'rejected'
  | 'cancelled';

export interface LivingOrderPlan {
  key: string;
  community: Community;
  item: string;
  description: string;
  /** Placed by the resident's 楼栋长 (代点单). */
  proxy?: boolean;
  /** 点单附加项 answers (a 微心愿's 心愿物品). */
  answers?: Record<string, string>;
  /** Placed this many hours before now. */
  placedHAgo: number;
  steps: OrderStep[];
  /** Where the order stands at the end (checked after playing). */
  expect: LivingOrderState;
  /** The timer marked it overdue (催办) / the institute handles it (上报, 超时退回). */
  expectOverdue?: boolean;
  expectLevel?: 'station' | 'institute';
}

const d = (days: number) => days * 24;
const FIVE = ['准时', '热情', '专业'];

/** The orders, oldest first; `expect` is what the app must have made of them by now. */
export const LIVING_ORDERS: readonly LivingOrderPlan[] = [
  // ── 已完成, rated (some with a 回头看 answered) ──
  {
    key: 'meal-a',
    community: 'c1',
    item: 'item-02',
    description: '老人行动不便，希望工作日中午送一份午餐上门',
    placedHAgo: d(26),
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-02' },
      { h: 3, do: 'take' },
      { h: 3.5, do: 'assign' },
      { h: 20, do: 'checkIn' },
      { h: 20.1, do: 'checkInMember' },
      { h: 21.5, do: 'complete' },
      { h: 30, do: 'rate', stars: 5, tags: ['准时', '热情'], comment: '饭菜热乎，谢谢志愿者' },
    ],
    expect: 'closed',
  },
  {
    key: 'water-a',
    community: 'c2',
    item: 'item-07',
    description: '厨房水龙头一直漏水，关不紧',
    placedHAgo: d(25),
    steps: [
      { h: 0.5, do: 'accept' },
      { h: 1, do: 'dispatch', team: 'team-05' },
      { h: 2, do: 'take' },
      { h: 6, do: 'checkIn' },
      { h: 7, do: 'complete' },
      { h: 12, do: 'rate', stars: 4, tags: ['专业'], comment: '修好了，换了个阀芯' },
      { h: d(9), do: 'followUp' },
    ],
    expect: 'closed',
  },
  {
    key: 'phone-a',
    community: 'c3',
    item: 'item-03',
    description: '想学用微信和子女视频，还有手机挂号',
    placedHAgo: d(24),
    steps: [
      { h: 2, do: 'accept' },
      { h: 3, do: 'dispatch', team: 'team-04' },
      { h: 8, do: 'take' },
      { h: 8.5, do: 'assign' },
      { h: 30, do: 'checkIn' },
      { h: 30.1, do: 'checkInMember' },
      { h: 32, do: 'complete' },
      { h: 40, do: 'rate', stars: 5, tags: FIVE, comment: '小伙子很耐心，教了好几遍' },
    ],
    expect: 'closed',
  },
  {
    key: 'door-a',
    community: 'c1',
    item: 'item-09',
    description: '入户门锁不灵，钥匙经常拧不动',
    placedHAgo: d(22),
    steps: [
      { h: 1, do: 'accept' },
      { h: 1.5, do: 'dispatch', team: 'team-05' },
      { h: 3, do: 'take' },
      { h: 20, do: 'checkIn' },
      { h: 21, do: 'complete' },
      { h: 26, do: 'rate', stars: 5, tags: ['准时'], comment: '' },
      { h: d(9), do: 'followUp' },
    ],
    expect: 'closed',
  },
  {
    key: 'pressure-a',
    community: 'c2',
    item: 'item-05',
    description: '老伴有高血压，想请人每周上门量一次血压',
    placedHAgo: d(20),
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-02' },
      { h: 5, do: 'take' },
      { h: 24, do: 'checkIn' },
      { h: 25, do: 'complete' },
      { h: 48, do: 'rate', stars: 5, tags: ['热情'], comment: '量得很仔细，还教我们记录' },
    ],
    expect: 'closed',
  },
  {
    key: 'talk-a',
    community: 'c3',
    item: 'item-18',
    description: '最近睡不好，心里烦闷，想找人聊一聊',
    placedHAgo: d(18),
    steps: [
      { h: 3, do: 'accept' },
      { h: 4, do: 'dispatch', team: 'team-01' },
      { h: 10, do: 'take' },
      { h: 28, do: 'checkIn' },
      { h: 29.5, do: 'complete' },
      { h: 50, do: 'rate', stars: 4, tags: ['耐心'], comment: '聊完轻松多了' },
    ],
    expect: 'closed',
  },
  {
    key: 'company-a',
    community: 'c1',
    item: 'item-01',
    description: '独居的母亲想有人每周来陪她散散步',
    placedHAgo: d(16),
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'publish' },
      { h: 6, do: 'grab', team: 'team-01' },
      { h: 26, do: 'checkIn' },
      { h: 28, do: 'complete' },
      { h: 40, do: 'rate', stars: 5, tags: ['热情', '耐心'], comment: '阿姨们陪我妈说了一下午话' },
    ],
    expect: 'closed',
  },
  {
    key: 'appliance-a',
    community: 'c2',
    item: 'item-08',
    description: '电饭煲不加热了，想看看还能不能修',
    placedHAgo: d(15),
    steps: [
      { h: 2, do: 'accept' },
      { h: 3, do: 'dispatch', team: 'team-05' },
      { h: 6, do: 'take' },
      { h: 28, do: 'checkIn' },
      { h: 29, do: 'complete' },
      // never rated: the timer closes it after the rating window (超时自动完成)
    ],
    expect: 'closed',
  },
  {
    key: 'corridor-a',
    community: 'c2',
    item: 'item-14',
    description: '楼道里堆了很多纸箱和旧家具，担心着火',
    placedHAgo: d(14),
    steps: [
      { h: 4, do: 'accept' },
      { h: 5, do: 'dispatch', team: 'team-02' },
      { h: 30, do: 'take' },
      { h: 44, do: 'checkIn' },
      { h: 46, do: 'complete' },
      { h: 60, do: 'rate', stars: 3, tags: [], comment: '清理得不错，就是来得有点晚' },
    ],
    expect: 'closed',
  },
  {
    key: 'law-a',
    community: 'c3',
    item: 'item-16',
    description: '租的房子押金房东不退，想咨询怎么办',
    placedHAgo: d(12),
    steps: [
      { h: 2, do: 'accept' },
      { h: 3, do: 'dispatch', team: 'team-04' },
      { h: 12, do: 'take' },
      { h: 36, do: 'checkIn' },
      { h: 37, do: 'complete' },
      { h: 50, do: 'rate', stars: 5, tags: ['专业'], comment: '律师讲得很清楚' },
    ],
    expect: 'closed',
  },
  {
    key: 'policy-a',
    community: 'c1',
    item: 'item-12',
    proxy: true,
    description: '楼里的老人想了解高龄津贴怎么申请（楼栋长代点单）',
    placedHAgo: d(9),
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-01' },
      { h: 8, do: 'take' },
      { h: 30, do: 'checkIn' },
      { h: 31.5, do: 'complete' },
      { h: 40, do: 'rate', stars: 5, tags: ['专业', '耐心'], comment: '材料都帮忙准备好了' },
    ],
    expect: 'closed',
  },
  // ── 待评价 ──
  {
    key: 'meal-b',
    community: 'c1',
    item: 'item-02',
    description: '腿脚骨折在家休养，需要送两周晚餐',
    placedHAgo: d(4),
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-04' },
      { h: 4, do: 'take' },
      { h: 4.5, do: 'assign' },
      { h: 24, do: 'checkInMember' },
      { h: 25, do: 'complete' },
    ],
    expect: 'completed',
  },
  {
    key: 'water-b',
    community: 'c3',
    item: 'item-07',
    description: '卫生间下水道堵了，水下不去',
    placedHAgo: d(3),
    steps: [
      { h: 0.5, do: 'accept' },
      { h: 1, do: 'dispatch', team: 'team-05' },
      { h: 2, do: 'take' },
      { h: 5, do: 'checkIn' },
      { h: 6, do: 'complete' },
    ],
    expect: 'completed',
  },
  {
    key: 'sorting-a',
    community: 'c2',
    item: 'item-15',
    description: '家里老人不会分垃圾，想请人上门教一教',
    placedHAgo: d(5),
    steps: [
      { h: 2, do: 'accept' },
      { h: 3, do: 'dispatch', team: 'team-04' },
      { h: 20, do: 'take' },
      { h: 44, do: 'checkIn' },
      { h: 45, do: 'complete' },
    ],
    expect: 'completed',
  },
  // ── 服务中 ──
  {
    key: 'company-b',
    community: 'c1',
    item: 'item-01',
    description: '父亲刚出院，白天家里没人，想请人陪一陪',
    placedHAgo: 48,
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-02' },
      { h: 5, do: 'take' },
      { h: 5.5, do: 'assign' },
      { h: 46.5, do: 'checkInMember' },
    ],
    expect: 'in_service',
  },
  {
    key: 'appliance-b',
    community: 'c3',
    item: 'item-08',
    description: '电风扇转不起来，有焦味',
    placedHAgo: 26,
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-05' },
      { h: 4, do: 'take' },
      { h: 25, do: 'checkIn' },
    ],
    expect: 'in_service',
  },
  // ── 已接单 ──
  {
    key: 'pressure-b',
    community: 'c2',
    item: 'item-05',
    description: '母亲糖尿病，想请人上门测一次血糖',
    placedHAgo: 36,
    steps: [
      { h: 2, do: 'accept' },
      { h: 3, do: 'dispatch', team: 'team-04' },
      { h: 30, do: 'take' },
    ],
    expect: 'taken',
  },
  {
    key: 'corridor-b',
    community: 'c1',
    item: 'item-14',
    description: '单元门口堆着废旧自行车，挡住了消防通道',
    placedHAgo: 20,
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-03' },
      { h: 6, do: 'take' },
      { h: 6.5, do: 'assign' },
    ],
    expect: 'taken',
  },
  {
    key: 'policy-b',
    community: 'c3',
    item: 'item-12',
    description: '想了解城乡居民医保怎么续缴',
    placedHAgo: 48,
    steps: [
      { h: 3, do: 'accept' },
      { h: 4, do: 'dispatch', team: 'team-01' },
      { h: 20, do: 'take' },
    ],
    expect: 'taken',
  },
  // ── 已派单（待接单）──
  {
    key: 'phone-b',
    community: 'c1',
    item: 'item-03',
    description: '想学手机上交水电费、看医保余额',
    placedHAgo: 24,
    steps: [
      { h: 2, do: 'accept' },
      { h: 4, do: 'dispatch', team: 'team-01' },
    ],
    expect: 'dispatched',
  },
  {
    key: 'talk-b',
    community: 'c2',
    item: 'item-18',
    description: '孩子高考压力大，家长也很焦虑，想找人疏导',
    placedHAgo: 30,
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-01' },
      { h: 20, do: 'reassign', team: 'team-04' },
    ],
    expect: 'dispatched',
  },
  {
    key: 'meal-c',
    community: 'c3',
    item: 'item-02',
    description: '独居老人，想订一周的午餐',
    placedHAgo: 10,
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-04' },
    ],
    expect: 'dispatched',
  },
  // ── 待抢单 ──
  {
    key: 'sorting-b',
    community: 'c1',
    item: 'item-15',
    description: '小区新设了分类投放点，想请志愿者来值守指导几天',
    placedHAgo: 30,
    steps: [
      { h: 2, do: 'accept' },
      { h: 6, do: 'publish' },
    ],
    expect: 'pooled',
  },
  {
    key: 'company-c',
    community: 'c2',
    item: 'item-01',
    description: '奶奶一个人在家，周末想有人来陪她聊聊天',
    placedHAgo: 7,
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'publish' },
    ],
    expect: 'pooled',
  },
  // ── 心愿墙: 待认领 and 已认领 (微心愿) ──
  {
    key: 'wish-radio',
    community: 'c3',
    item: 'item-04',
    description: '独居老人想要一台收音机听戏曲',
    answers: { wish: '一台收音机' },
    placedHAgo: 20,
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'postWall' },
    ],
    expect: 'on_wall',
  },
  {
    key: 'wish-schoolbag',
    community: 'c2',
    item: 'item-20',
    description: '孩子的书包破了，想要一个新书包',
    placedHAgo: 50,
    steps: [
      { h: 1, do: 'accept' },
      { h: 3, do: 'postWall' },
      { h: 8, do: 'adopt' },
    ],
    expect: 'adopted',
  },
  // ── 待派单 ──
  {
    key: 'water-c',
    community: 'c3',
    item: 'item-07',
    description: '阳台地漏返水，楼下邻居说渗水了',
    placedHAgo: d(5),
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-05' },
      // nobody takes it in 24 h: the timer sends it back to the institute (超时退回)
    ],
    expect: 'accepted',
    expectLevel: 'institute',
  },
  {
    key: 'door-b',
    community: 'c1',
    item: 'item-09',
    description: '纱窗破了好几个洞，蚊子都飞进来了',
    placedHAgo: 40,
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-05' },
      { h: 10, do: 'decline', note: '本周队员都在外地施工，请改派其他队伍' },
    ],
    expect: 'accepted',
  },
  {
    key: 'law-b',
    community: 'c2',
    item: 'item-16',
    description: '父亲去世后房产过户，想咨询继承手续',
    placedHAgo: 8,
    steps: [{ h: 2, do: 'accept' }],
    expect: 'accepted',
  },
  // ── 待受理 ──
  {
    key: 'water-d',
    community: 'c1',
    item: 'item-07',
    description: '家里跳闸了，一开空调就断电',
    placedHAgo: 40,
    steps: [],
    // past its 24 h: the timer flags it for 催办
    expect: 'submitted',
    expectOverdue: true,
  },
  {
    key: 'pressure-c',
    community: 'c3',
    item: 'item-05',
    description: '想给父亲量量血压，他最近总头晕',
    placedHAgo: 3,
    steps: [],
    expect: 'submitted',
  },
  {
    key: 'meal-d',
    community: 'c2',
    item: 'item-02',
    proxy: true,
    description: '楼里一位独居老人想订午餐（楼栋长代点单）',
    placedHAgo: 1,
    steps: [],
    expect: 'submitted',
  },
  {
    key: 'policy-c',
    community: 'c3',
    item: 'item-12',
    description: '残疾人两项补贴被停了，想问问原因',
    placedHAgo: 50,
    steps: [{ h: 20, do: 'escalate', note: '涉及区残联政策口径，请街道实践所协调' }],
    expect: 'submitted',
    expectLevel: 'institute',
  },
  // ── 已驳回 ──
  {
    key: 'clinic-a',
    community: 'c1',
    item: 'item-06',
    description: '想预约一次义诊，看看膝盖疼',
    placedHAgo: d(10),
    steps: [{ h: 3, do: 'reject', note: '本月义诊名额已满，请关注下月实践站通知' }],
    expect: 'rejected',
  },
  {
    key: 'show-a',
    community: 'c2',
    item: 'item-13',
    description: '想请宣讲队到小区演一场创城快板',
    placedHAgo: d(6),
    steps: [{ h: 5, do: 'reject', note: '宣讲场次由社区统一安排，已列入下月计划' }],
    expect: 'rejected',
  },
  // ── 已取消 ──
  {
    key: 'company-d',
    community: 'c3',
    item: 'item-01',
    description: '老人想要人陪着去公园走走',
    placedHAgo: d(7),
    steps: [{ h: 2, do: 'cancel' }],
    expect: 'cancelled',
  },
  {
    key: 'pressure-d',
    community: 'c1',
    item: 'item-05',
    description: '想请人上门测血压，老人不方便出门',
    placedHAgo: d(3),
    steps: [
      { h: 1, do: 'accept' },
      { h: 2, do: 'dispatch', team: 'team-02' },
      { h: 4, do: 'cancel' },
    ],
    expect: 'cancelled',
  },
];

export interface LivingAnnouncementPlan {
  key: string;
  by: string;
  title: string;
  body: string;
  category: '创城宣传' | '政策宣传' | '活动招募' | '温馨提示';
  targets: string[];
  /** Published this many hours ago; `null`: left a draft; negative: scheduled for later. */
  publishedHAgo: number | null;
  /** Share of each community's targeted residents who open it (by community id). */
  readShare: Record<string, number>;
}

export const LIVING_ANNOUNCEMENTS: readonly LivingAnnouncementPlan[] = [
  {
    key: 'city-letter',
    by: INSTITUTE,
    title: '创建全国文明城市 · 致桂溪街道居民的一封信',
    body: '各位居民朋友：\n\n创建全国文明城市，人人都是主角。请大家做到：\n\n- **垃圾分类**，定时定点投放\n- 不在楼道堆放杂物、停放电瓶车\n- 文明养犬，出门牵绳\n\n感谢您的支持！',
    category: '创城宣传',
    targets: [SUBDISTRICT],
    publishedHAgo: d(20),
    readShare: { 'org-community-01': 0.85, 'org-community-02': 0.5, 'org-community-03': 0.15 },
  },
  {
    key: 'corridor-clean',
    by: 'o-station-01',
    title: '天府花园本周六楼道清理',
    body: '各位住户：\n\n本周六上午 9 点开展**楼道清理**，请提前把楼道里的个人物品搬回家。\n\n谢谢配合！',
    category: '温馨提示',
    targets: ['org-estate-01'],
    publishedHAgo: d(6),
    readShare: { 'org-community-01': 0.9 },
  },
  {
    key: 'recruit-traffic',
    by: 'o-station-04',
    title: '新南社区招募文明劝导志愿者',
    body: '新南社区实践站招募早高峰**文明劝导**志愿者，每个工作日 7:30–9:00，在「我的 → 志愿活动」报名。',
    category: '活动招募',
    targets: ['org-community-03'],
    publishedHAgo: 40,
    readShare: { 'org-community-03': 0.2 },
  },
  {
    key: 'allowance-draft',
    by: 'o-station-01',
    title: '高龄津贴申领提醒（草稿）',
    body: '80 周岁以上老人可申领高龄津贴，请带身份证、户口簿到社区实践站办理。',
    category: '政策宣传',
    targets: ['org-community-01'],
    publishedHAgo: null,
    readShare: {},
  },
];

/** Residents who ask to register as volunteers and wait for the institute (志愿者审核). */
const PENDING_REGISTRATIONS = [
  { hAgo: 70, realName: '刘晓梅', phone: '13900001101', skills: ['陪伴聊天', '助餐送餐'], availability: '工作日下午' },
  { hAgo: 30, realName: '陈建国', phone: '13900001102', skills: ['水电维修'], availability: '周末全天' },
  { hAgo: 5, realName: '周小雨', phone: '13900001103', skills: ['课业辅导', '智能手机教学'], availability: '工作日晚上' },
];

/** An approved volunteer asking to join a second team (入队申请 on the leader's screen). */
const PENDING_JOIN = { hAgo: 12, teamId: 'team-05', note: '会一点水电，想一起上门维修' };

interface Call {
  fn: string;
  openid: string;
  data: Record<string, unknown>;
}

interface ScheduledCall {
  at: number; // ms before the end
  order: number; // tie-break: script order
  label: string;
  build: () => Call;
}

export interface LivingSeedResult {
  calls: number;
  timerTicks: number;
  orders: Record<string, string>;
  announcements: Record<string, string>;
  ms: number;
}

interface Cast {
  residentsByCommunity: Map<string, { openid: string; buildingId: string }[]>;
  headOf: Map<string, string>;
  communityOfBuilding: Map<string, string>;
  confirmedByBuilding: Map<string, string[]>;
  buildingsOf: (unitId: string) => string[];
  teamMembers: Map<string, string[]>;
  volunteers: Set<string>;
}

function castOf(seed: DemoSeed): Cast {
  const buildings = seed.org_units.filter((u) => u.kind === 'building');
  const communityOfBuilding = new Map(buildings.map((b) => [b._id, b.path[1] as string]));
  const headOf = new Map(buildings.map((b) => [b._id, (b as { buildingHeadOpenid?: string }).buildingHeadOpenid ?? '']));
  const residentsByCommunity = new Map<string, { openid: string; buildingId: string }[]>();
  const confirmedByBuilding = new Map<string, string[]>();
  for (const u of seed.users) {
    if (u.binding !== 'confirmed' || !u.buildingId) continue;
    confirmedByBuilding.set(u.buildingId, [...(confirmedByBuilding.get(u.buildingId) ?? []), u._id]);
    if (!u._id.startsWith('o-resident-')) continue;
    const c = communityOfBuilding.get(u.buildingId) as string;
    residentsByCommunity.set(c, [...(residentsByCommunity.get(c) ?? []), { openid: u._id, buildingId: u.buildingId }]);
  }
  const buildingsOf = (unitId: string) => buildings.filter((b) => b._id === unitId || b.path.includes(unitId)).map((b) => b._id);
  const teamMembers = new Map(seed.teams.map((t) => [t._id, t.memberOpenids.filter((m) => m !== t.leaderOpenid)]));
  const volunteers = new Set(seed.teams.flatMap((t) => t.memberOpenids));
  return { residentsByCommunity, headOf, communityOfBuilding, confirmedByBuilding, buildingsOf, teamMembers, volunteers };
}

/** Every call of the living demo, with its time before the end; ids of earlier answers are read through `ids`. */
function schedule(seed: DemoSeed, ids: Map<string, string>): ScheduledCall[] {
  const cast = castOf(seed);
  const calls: ScheduledCall[] = [];
  let order = 0;
  const add = (at: number, label: string, build: () => Call) => {
    calls.push({ at, order: order++, label, build });
  };
  const nextResident = new Map<string, number>();
  const usedAsResident = new Set<string>();

  LIVING_ORDERS.forEach((plan, planNo) => {
    const communityId = COMMUNITY[plan.community];
    const pool = cast.residentsByCommunity.get(communityId) ?? [];
    const n = nextResident.get(communityId) ?? 0;
    nextResident.set(communityId, n + 1);
    // Every second resident of the community, so neighbours' orders spread over the estates.
    const resident = pool[(n * 2) % pool.length] as { openid: string; buildingId: string };
    usedAsResident.add(resident.openid);
    const placedBy = plan.proxy ? (cast.headOf.get(resident.buildingId) as string) : resident.openid;
    const station = STATION_OF[communityId] as string;
    const requestId = `living-${plan.key}`;
    const placedAt = plan.placedHAgo * HOUR;
    let team: string | null = null;
    let escalated = false;
    add(placedAt, `${plan.key} create`, () => ({
      fn: 'order',
      openid: placedBy,
      data: {
        action: plan.proxy ? 'proxyCreate' : 'create',
        itemId: plan.item,
        description: plan.description,
        // Relative to when the call runs: the window starts two hours after placing.
        preferredWindow: { start: 0, end: 0 },
        contactPhone: `1380000${String(1000 + planNo).slice(-4)}`,
        requestId,
        ...(plan.proxy ? { residentOpenid: resident.openid } : {}),
        ...(plan.answers ? { answers: plan.answers } : {}),
      },
    }));
    const orderId = () => ids.get(`order:${plan.key}`) as string;
    for (const step of plan.steps) {
      const at = placedAt - step.h * HOUR;
      if (at <= 0) throw new Error(`living seed: ${plan.key} ${step.do} lies in the future`);
      const label = `${plan.key} ${step.do}`;
      const staff = () => (escalated ? INSTITUTE : station);
      switch (step.do) {
        case 'accept':
        case 'publish': {
          const by = staff();
          add(at, label, () => ({ fn: 'order', openid: by, data: { action: 'transition', orderId: orderId(), event: step.do } }));
          break;
        }
        case 'reject':
        case 'escalate': {
          const by = staff();
          if (step.do === 'escalate') escalated = true;
          add(at, label, () => ({
            fn: 'order',
            openid: by,
            data: { action: 'transition', orderId: orderId(), event: step.do, note: step.note },
          }));
          break;
        }
        case 'dispatch':
        case 'reassign': {
          const by = staff();
          team = step.team;
          add(at, label, () => ({
            fn: 'order',
            openid: by,
            data: { action: 'transition', orderId: orderId(), event: step.do, teamId: step.team },
          }));
          break;
        }
        case 'grab': {
          team = step.team;
          add(at, label, () => ({
            fn: 'order',
            openid: leaderOf(step.team),
            data: { action: 'transition', orderId: orderId(), event: 'grab' },
          }));
          break;
        }
        case 'decline': {
          const by = leaderOf(team as string);
          team = null;
          add(at, label, () => ({
            fn: 'order',
            openid: by,
            data: { action: 'transition', orderId: orderId(), event: 'decline', note: step.note },
          }));
          break;
        }
        case 'cancel':
          add(at, label, () => ({
            fn: 'order',
            openid: resident.openid,
            data: { action: 'transition', orderId: orderId(), event: 'cancel' },
          }));
          break;
        case 'assign': {
          const t = team as string;
          const member = (cast.teamMembers.get(t) ?? [])[0] as string;
          add(at, label, () => ({
            fn: 'order',
            openid: leaderOf(t),
            data: { action: 'assign', orderId: orderId(), memberOpenids: [member] },
          }));
          break;
        }
        case 'checkIn':
        case 'complete': {
          const t = team as string;
          add(at, label, () => ({ fn: 'order', openid: leaderOf(t), data: { action: step.do, orderId: orderId() } }));
          break;
        }
        case 'checkInMember': {
          const t = team as string;
          const member = (cast.teamMembers.get(t) ?? [])[0] as string;
          add(at, label, () => ({
            fn: 'order',
            openid: leaderOf(t),
            data: { action: 'checkIn', orderId: orderId(), volunteerOpenid: member },
          }));
          break;
        }
        case 'rate':
          add(at, label, () => ({
            fn: 'order',
            openid: resident.openid,
            data: { action: 'rate', orderId: orderId(), stars: step.stars, tags: step.tags ?? [], comment: step.comment ?? '' },
          }));
          break;
        case 'followUp':
          add(at, label, () => ({ fn: 'order', openid: resident.openid, data: { action: 'followUp', orderId: orderId(), solved: true } }));
          break;
        case 'postWall': {
          const by = staff();
          add(at, label, () => ({ fn: 'order', openid: by, data: { action: 'transition', orderId: orderId(), event: 'post_wall' } }));
          break;
        }
        case 'adopt':
          add(at, label, () => ({ fn: 'order', openid: WISH_ADOPTER, data: { action: 'transition', orderId: orderId(), event: 'adopt' } }));
          break;
        case 'take': {
          // 接单 by the leader of the team it was dispatched to.
          const t = team as string;
          add(at, label, () => ({ fn: 'order', openid: leaderOf(t), data: { action: 'transition', orderId: orderId(), event: 'take' } }));
        }
      }
    }
  });

  for (const plan of LIVING_ANNOUNCEMENTS) {
    const draftAt = plan.publishedHAgo === null ? d(1) * HOUR : (plan.publishedHAgo + 2) * HOUR;
    add(draftAt, `${plan.key} create`, () => ({
      fn: 'announce',
      openid: plan.by,
      data: {
        action: 'create',
        title: plan.title,
        body: plan.body,
        category: plan.category,
        targets: plan.targets,
        requestId: `living-${plan.key}`,
      },
    }));
    if (plan.publishedHAgo === null) continue;
    const publishedAt = plan.publishedHAgo * HOUR;
    const annId = () => ids.get(`announcement:${plan.key}`) as string;
    add(publishedAt, `${plan.key} publish`, () => ({ fn: 'announce', openid: plan.by, data: { action: 'publish', id: annId() } }));
    // Readers: each community's share of the confirmed people of the targeted buildings, over the next days.
    const buildings = [...new Set(plan.targets.flatMap((t) => cast.buildingsOf(t)))];
    let readerNo = 0;
    for (const buildingId of buildings) {
      const share = plan.readShare[cast.communityOfBuilding.get(buildingId) as string] ?? 0;
      const people = cast.confirmedByBuilding.get(buildingId) ?? [];
      // Fewest readers in the last buildings of each estate, so some buildings lag behind.
      const count = Math.round(people.length * share * (buildings.indexOf(buildingId) % 3 === 2 ? 0.5 : 1.15));
      people.slice(0, Math.min(people.length, count)).forEach((openid) => {
        readerNo += 1;
        const at = publishedAt - (1 + ((readerNo * 7) % Math.max(1, Math.floor(Math.min(plan.publishedHAgo as number, 72) - 2)))) * HOUR;
        add(Math.max(at, HOUR / 2), `${plan.key} read`, () => ({ fn: 'announce', openid, data: { action: 'detail', id: annId() } }));
      });
    }
  }

  // Pending volunteer registrations: residents who placed no order and do not volunteer yet.
  // One in each community, so every station's 志愿者审核 has one.
  PENDING_REGISTRATIONS.forEach((reg, i) => {
    const communityId = Object.values(COMMUNITY)[i % 3] as string;
    const candidates = (cast.residentsByCommunity.get(communityId) ?? []).filter(
      (r) => !usedAsResident.has(r.openid) && !cast.volunteers.has(r.openid),
    );
    const who = candidates[candidates.length - 1] as { openid: string; buildingId: string };
    add(reg.hAgo * HOUR, `register ${who.openid}`, () => ({
      fn: 'team',
      openid: who.openid,
      data: {
        action: 'registerVolunteer',
        realName: reg.realName,
        phone: reg.phone,
        skills: reg.skills,
        availability: reg.availability,
        communityId: cast.communityOfBuilding.get(who.buildingId),
      },
    }));
  });
  const joiner = (cast.teamMembers.get('team-02') ?? []).find(
    (m) => !(cast.teamMembers.get(PENDING_JOIN.teamId) ?? []).includes(m),
  ) as string;
  add(PENDING_JOIN.hAgo * HOUR, `join ${joiner}`, () => ({
    fn: 'team',
    openid: joiner,
    data: { action: 'requestJoin', teamId: PENDING_JOIN.teamId, note: PENDING_JOIN.note },
  }));

  return calls.sort((a, b) => b.at - a.at || a.order - b.order);
}

export interface LivingSeedDeps {
  runtime: FunctionRuntime;
  clock: Clock;
  timers: TimerScheduler;
  log?: (line: string) => void;
}

/**
 * Plays the living demo onto a database holding the base seed. The clock goes back
 * LIVING_SPAN_MS, each call runs at its time (timer triggers fire at least every 6 hours of
 * demo time, as they would have), and the clock is back at real time when this resolves.
 */
export async function playLivingSeed(seed: DemoSeed, deps: LivingSeedDeps): Promise<LivingSeedResult> {
  const startedAt = Date.now();
  const ids = new Map<string, string>();
  const steps = schedule(seed, ids);
  const { clock, runtime, timers } = deps;
  const end = clock.now().getTime();
  clock.rewind(LIVING_SPAN_MS);
  await timers.tick(); // from here on, the timers follow the rewound clock
  let lastTick = clock.now().getTime();
  let ticks = 0;
  const moveTo = async (target: number) => {
    // Timers fire at least every 6 hours of demo time on the way, so deadlines fall due when they would.
    for (;;) {
      const now = clock.now().getTime();
      const tickAt = lastTick + 6 * HOUR;
      const next = Math.min(target, tickAt);
      if (next > now) clock.advance(next - now);
      if (next === tickAt) {
        await timers.tick();
        ticks += 1;
        lastTick = tickAt;
      }
      if (next >= target) return;
    }
  };
  for (const step of steps) {
    // Real time passes while playing: each step lands at its place relative to the start.
    await moveTo(end - step.at + (Date.now() - startedAt));
    const call = step.build();
    if (call.fn === 'order' && (call.data.action === 'create' || call.data.action === 'proxyCreate')) {
      const start = clock.now().getTime() + 2 * HOUR;
      call.data.preferredWindow = { start, end: start + 2 * HOUR };
    }
    const event = { ...call.data, userInfo: { appId: LOCAL_APPID, openId: call.openid } };
    const answer = (await runtime.invoke(call.fn, event, {
      openid: call.openid,
      appid: LOCAL_APPID,
      source: 'wx_client',
      clientIp: '127.0.0.1',
    })) as { ok: boolean; data?: Record<string, unknown>; code?: string; message?: string };
    if (!answer?.ok) throw new Error(`living seed: ${step.label} as ${call.openid} failed: ${JSON.stringify(answer)}`);
    const [key, verb] = step.label.split(' ');
    if (verb === 'create' && call.fn === 'order') ids.set(`order:${key}`, String(answer.data?.orderId));
    if (verb === 'create' && call.fn === 'announce') ids.set(`announcement:${key}`, String(answer.data?.id));
  }
  // Back to real time; the last timer run catches up with everything due.
  if (clock.offset < 0) clock.advance(-clock.offset);
  await timers.tick();
  ticks += 1;
  const result: LivingSeedResult = {
    calls: steps.length,
    timerTicks: ticks,
    orders: Object.fromEntries([...ids].filter(([k]) => k.startsWith('order:')).map(([k, v]) => [k.slice(6), v])),
    announcements: Object.fromEntries([...ids].filter(([k]) => k.startsWith('announcement:')).map(([k, v]) => [k.slice(13), v])),
    ms: Date.now() - startedAt,
  };
  deps.log?.(
    `living demo: ${result.calls} calls and ${ticks} timer runs over ${LIVING_SPAN_MS / DAY} days in ${Math.round(result.ms / 1000)} s`,
  );
  return result;
}
