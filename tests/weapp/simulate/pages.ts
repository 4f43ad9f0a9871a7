/**
 * What each page of app.json must show in the simulator once the fake cloud answered: texts that
 * come from the fixtures (a name, a count, a description — not only static labels), so a page that
 * rendered a shell, a spinner or an error does not pass.
 */
import type { OrderDetail } from '../../../src/domain/order/order.views';
import * as af from './activity-fixtures';
import type { Answers } from './fake-cloud';
import { PHOTO, RECOMMENDATIONS, REPORT_PHOTO, STATION_DETAIL, TEAM_DETAIL } from './fixtures';
import * as gf from './grid-fixtures';
import * as pf from './problem-fixtures';

export interface PageExpectation {
  /** The root's own class (Taro prefixes classes with `main--` in the simulator). */
  rootClass: string;
  /** What WeChat would pass to onLoad (the page's URL query). */
  query?: Record<string, string>;
  /** Answers for this page that differ from DEFAULT_ANSWERS. */
  answers?: Answers;
  texts: string[];
  /** cloud:// photos shown through CloudImage (weapp <Image> takes the fileID itself). */
  photos?: string[];
}

const ORDER = { orderId: 'ord-sim-1' };
const NOTICE = { id: 'a1' };
const TEAM = { id: 't1' };

/** The order as the station or the team sees it (their own view of ord-sim-1, its one photo shown). */
const staffOrderPage = (rootClass: string, detail: OrderDetail, texts: string[]): PageExpectation => ({
  rootClass,
  query: ORDER,
  // The station's panel opens with order.stationOrder (the detail and the recommendations); the team order with order.teamOrder.
  answers: { 'order.detail': detail, 'order.stationOrder': { detail, recommendations: RECOMMENDATIONS.items } },
  texts,
  photos: [PHOTO],
});

export const PAGES: Record<string, PageExpectation> = {
  'pages/index/index': { rootClass: 'home', texts: ['助老服务', '3 项服务', '文明养犬，从我做起', '厨房水龙头一直滴水'] },
  'pages/mine/index': { rootClass: 'mine', texts: ['张阿姨', '银龄之声', '天府花园 1栋', '和平社区'] },
  'pages/mine/binding/index': { rootClass: 'binding', texts: ['1栋 1单元601', '已确认', '提交绑定申请'] },

  'pages/order/items/index': {
    rootClass: 'items',
    query: { categoryId: 'c-repair' },
    texts: ['水电维修', '水管、水龙头、电路小修', '24 小时内响应', '换锁开锁', '我要点单'],
  },
  'pages/order/create/index': {
    rootClass: 'create',
    query: { itemId: 'i-water', categoryId: 'c-repair' },
    texts: ['水电维修', '24 小时内响应', '和平社区 天府花园 1栋', '照片（选填，最多 6 张）', '添加照片', '提交点单'],
  },
  'pages/order/list/index': { rootClass: 'orders', texts: ['进行中', '水电维修', '厨房水龙头一直滴水', '下单于'] },
  'pages/order/detail/index': {
    rootClass: 'detail',
    query: ORDER,
    texts: ['待评价', '厨房水龙头一直滴水', '银龄之声', '更换了水龙头阀芯，已试水不再滴水', '提交评价', '完成 · 待评价'],
    photos: [PHOTO, REPORT_PHOTO],
  },
  'pages/order/proxy/index': {
    rootClass: 'proxy',
    texts: ['选择居民 · 天府花园 1栋', '李建国', '2单元302', '王桂兰', '和平社区 天府花园 1栋'],
  },

  'pages/station/queue/index': { rootClass: 'queue', texts: ['筛选', '已超时', '厨房水龙头一直滴水', '期望 3月'] },
  'pages/station/detail/index': staffOrderPage('sdetail', STATION_DETAIL, [
    '待派单',
    '张*',
    '派单推荐',
    '会水电维修 · 服务天府花园 · 在办 1 单',
    '派单给「银龄之声」',
  ]),
  'pages/station/stats/index': { rootClass: 'stats', texts: ['和平社区', '36 小时', '4.7 星', '1 小时 35 分'] },

  'pages/team/index/index': { rootClass: 'team-home', texts: ['队长 · 银龄之声', '已派单', '厨房水龙头一直滴水', '接单'] },
  'pages/team/order/index': staffOrderPage('torder', TEAM_DETAIL, ['服务中', '刘师傅', '居民确认码', '完成服务']),
  'pages/team/points/index': { rootClass: 'points', texts: ['12.5', '积分规则：每服务 1 小时记 10 积分', '助老理发', '+20'] },

  'pages/announce/feed': { rootClass: 'afeed', texts: ['文明养犬，从我做起', '遛狗请牵绳，及时清理粪便。', '未读'] },
  'pages/announce/detail': { rootClass: 'adetail', query: NOTICE, texts: ['创城宣传', '文明养犬，从我做起', '遛狗请牵绳，及时清理粪便。'] },
  'pages/announce/manage': { rootClass: 'amanage', texts: ['文明养犬，从我做起', '已发布', '3 个楼栋'] },
  'pages/announce/compose': { rootClass: 'compose', texts: ['推送范围', '和平社区', '天府花园', '保存并预览'] },
  'pages/announce/preview': {
    rootClass: 'apreview',
    query: NOTICE,
    texts: ['文明养犬，从我做起', '遛狗请牵绳，及时清理粪便。', '天府花园', '1栋、2栋、3栋', '发布'],
  },
  'pages/announce/progress': { rootClass: 'aprogress', query: NOTICE, texts: ['共 3 个楼栋', '35 / 40', '待发送 5', '1 / 3'] },
  'pages/announce/awareness': {
    rootClass: 'aware',
    query: NOTICE,
    texts: ['文明养犬，从我做起', '45%', '天府花园', '18/40', '合计知晓 18/30 户', '按户：已读 14 · 敲门 6 · 合计 18/30 户'],
  },
  'pages/announce/tasks': { rootClass: 'atasks', texts: ['文明养犬，从我做起', '转发到楼栋群'] },
  'pages/announce/unread': {
    rootClass: 'aunread',
    query: { ...NOTICE, buildingId: 'b1' },
    texts: ['天府花园 1栋', '18 / 40', '去敲门', '2单元302', '李大爷'],
  },

  'pages/volunteer/register/index': {
    rootClass: 'register',
    texts: ['我的志愿者注册', '已通过', '姓名：张* · 手机：138****8000', '所在社区：和平社区', '服务时间：周末上午', '陪同就医'],
  },
  'pages/volunteer/teams/index': {
    rootClass: 'teams',
    texts: ['我的队伍', '银龄之声', '其他队伍', '豆花帮帮团', '服务区域：锦绣苑', '队长：陈* · 共 12 人 · 4.5 分', '申请加入'],
  },
  'pages/volunteer/team/index': {
    rootClass: 'team',
    query: TEAM,
    texts: ['为社区老人理发、陪诊', '成员（2）', '刘师傅', '移交队长', '入队申请（1）', '赵* · 139****1111', '留言：想参加助老服务'],
  },
  'pages/volunteer/wish-wall/index': {
    rootClass: 'wish',
    answers: {
      'order.wishWall': {
        canAdopt: true,
        hint: '认领后请尽快把心愿送到居民手中，送达后点「已送达」',
        open: [
          {
            orderId: 'ord-wish-1',
            version: 3,
            state: 'on_wall',
            stateLabel: '待认领',
            itemName: '微心愿：为困难老人圆一个小心愿',
            description: '想要一台收音机听戏曲',
            place: '和平社区 天府花园',
            postedAt: 1_772_668_800_000,
            adopter: '',
            mine: false,
          },
        ],
        mine: [],
      },
    },
    texts: ['待认领的微心愿', '想要一台收音机听戏曲', '地点：和平社区 天府花园', '认领'],
  },

  'pages/manage/index/index': {
    rootClass: 'mhub',
    texts: ['负责范围：银龄之声（队长）、天府花园 1栋（楼栋长）、和平社区（社区实践站）', '组织架构', '住户绑定审核'],
  },
  'pages/manage/tree/index': { rootClass: 'mtree', texts: ['和平社区', '社区 · 1 栋', '天府花园', '小区 · 1 栋'] },
  'pages/manage/teams/index': {
    rootClass: 'mteams',
    texts: ['全部队伍（2）', '银龄之声', '队长 陈* · 12 人 · 锦绣苑', '邻里互助，上门维修', '★ 4.5'],
  },
  'pages/manage/volunteers/index': { rootClass: 'decisions', texts: ['待审核（1）', '王*', '13900001111', '电脑维修、摄影', '周六全天'] },
  'pages/manage/invitations/index': { rootClass: 'minv', texts: ['1. 邀请对方成为', '楼栋长', '社区实践站', '生成邀请码'] },
  'pages/manage/bindings/index': { rootClass: 'decisions', texts: ['待确认（1）', '孙阿姨', '3单元502', '13700002222'] },
  'pages/problem/report/index': {
    rootClass: 'report',
    answers: { 'problem.reportSetup': pf.REPORT_SETUP },
    texts: ['天府花园 1栋', '暴露垃圾', '楼道堆物', '现场照片（1–6 张）', '自查自处', '提交随手拍'],
  },
  'pages/problem/mine/index': {
    rootClass: 'problems',
    answers: { 'problem.mine': pf.REPORTED_PAGE },
    photos: [pf.PROBLEM_PHOTO],
    texts: ['随手拍一个问题', '楼道堆物', '待立案', '楼道里堆了旧沙发和纸箱，挡住了通道', '附议 2'],
  },
  'pages/problem/detail/index': {
    rootClass: 'pdetail',
    query: { problemId: 'pb-sim-1' },
    answers: { 'problem.detail': pf.UNIT_DETAIL },
    texts: [
      '楼道堆物',
      '处置中',
      'WT20260305-SIM1',
      '天府物业服务有限公司',
      '返工',
      '处置后的照片',
      '处置完成',
      '派遣：天府物业服务有限公司',
    ],
    photos: [pf.PROBLEM_PHOTO],
  },
  'pages/problem/ledger/index': {
    rootClass: 'ledger',
    answers: { 'problem.ledger': pf.LEDGER },
    photos: [pf.PROBLEM_PHOTO],
    texts: ['待立案', '已销号', '只看超期', '楼道里堆了旧沙发和纸箱，挡住了通道'],
  },
  'pages/problem/unit/index': {
    rootClass: 'problems',
    answers: { 'problem.unitInbox': pf.PROBLEM_PAGE },
    photos: [pf.PROBLEM_PHOTO],
    texts: ['待处置', '楼道堆物', '处置单位：天府物业服务有限公司'],
  },
  'pages/problem/grid/index': {
    rootClass: 'problems',
    answers: { 'problem.gridList': pf.FIXED_PAGE },
    photos: [pf.PROBLEM_PHOTO],
    texts: ['上报巡查发现的问题', '待核查', '楼道堆物'],
  },
  'pages/problem/rectification/index': {
    rootClass: 'notice',
    query: { problemId: 'pb-sim-1' },
    answers: { 'problem.rectificationNotice': pf.RECTIFICATION },
    photos: [pf.PROBLEM_PHOTO],
    texts: [
      '整改通知单',
      'WT20260305-SIM1',
      '天府物业服务有限公司',
      '楼道里堆了旧沙发和纸箱，挡住了通道',
      '2 个工作日内',
      '和平社区新时代文明实践站',
    ],
  },
  'pages/problem/categories/index': {
    rootClass: 'pcats',
    answers: { 'problem.categories': pf.CATEGORIES },
    texts: ['桂溪街道 · 问题类别', '暴露垃圾', '当天处置', '不文明养犬（已停用）', '新增类别'],
  },
  'pages/problem/stats/index': {
    rootClass: 'pstats',
    answers: { 'problem.stats': pf.STATS },
    texts: ['和平社区 · 问题统计', '80%', '按处置单位 · 按期处置率', '城管中队', '50%', '按社区 · 按期处置率'],
  },

  'pages/grid/patrol/index': {
    rootClass: 'patrol',
    answers: { 'grid.patrolToday': gf.PATROL_TODAY },
    texts: ['今天 3月5日 的巡查', '天府花园 1栋', '9/300 字', 'WT20260305-SIM1', '巡查三栋楼', '更新今天的巡查日志'],
  },
  'pages/grid/patrols/index': {
    rootClass: 'patrols',
    answers: { 'grid.patrols': gf.PATROLS },
    texts: ['和平社区', '欧阳*（楼栋长）', '楼栋覆盖 1/2', '这段时间没人巡查'],
  },
  'pages/grid/knock/index': {
    rootClass: 'knock',
    answers: { 'grid.knockHome': gf.KNOCK_HOME },
    texts: ['入户宣传', '25%', '已宣传 1 / 4 户'],
  },
  'pages/grid/doors/index': {
    rootClass: 'doors',
    query: { buildingId: 'b1', announcementId: 'a1' },
    answers: { 'grid.knockBuilding': gf.KNOCK_BUILDING },
    texts: ['天府花园 1栋', '宣传公告：垃圾分类入户宣传', '合计知晓 2/4 户', '2单元302', '意见：楼道灯坏了好几天', '转为问题上报 ›'],
  },
  'pages/activity/square/index': {
    rootClass: 'activity',
    answers: { 'activity.square': af.SQUARE },
    texts: [
      '我的服务记录',
      '清洁家园·楼道大扫除',
      '3月5日 周四 09:00–11:00',
      '和平社区新时代文明实践站 · 还剩 7 个名额',
      '文明劝导·早高峰路口值守',
      '3月5日 周四 09:00 起，共 3 场',
      '名额已满，可报候补',
    ],
  },
  'pages/activity/detail/index': {
    rootClass: 'activity',
    query: { id: af.ACTIVITY_ID },
    answers: { 'activity.detail': af.DETAIL },
    texts: [
      '清洁家园·楼道大扫除',
      '地点：天府花园 1栋 楼下集合',
      '联系人：刘站长 13800001234',
      '清理楼道堆物和小广告，请自带手套。',
      '第 1 场 · 3月5日 周四 09:00–11:00',
      '已报名 3/10 人 · 计划 2 小时',
      '报名名单',
      '开始前 2 小时内不能取消',
    ],
  },
  'pages/activity/mine/index': {
    rootClass: 'activity',
    answers: { 'activity.mySignUps': af.MY_SIGN_UPS },
    texts: ['清洁家园·楼道大扫除', '3月5日 周四 09:00–11:00', '候补中', '巡河护河·锦江边捡拾垃圾', '已签退 · 时长已确认 · 2 小时'],
  },
  'pages/activity/checkin/index': {
    rootClass: 'activity',
    query: { sessionId: af.SESSION_ID },
    answers: { 'activity.mySignUps': af.MY_SIGN_UPS },
    texts: [
      '清洁家园·楼道大扫除',
      '3月5日 周四 09:00–11:00',
      '扫组织者手机上的二维码，或输入正在显示的签到码（6 位数字，每 30 秒更换）',
      '扫码签到',
    ],
  },
  'pages/activity/record/index': {
    rootClass: 'activity',
    answers: { 'activity.myRecord': af.MY_RECORD },
    texts: [
      '36.5',
      '志愿活动 24.5 小时 · 百姓点单 12 小时 · 待审核 1.5 小时',
      '星级：未评星',
      '再服务 63.5 小时可达一星（100 小时）',
      '已出具 ZYZM20260306AB12CD',
      '巡河护河·锦江边捡拾垃圾',
      '志愿活动 · 2026-02-26 · 实时记录 · 已确认',
      '积分规则：每服务 1 小时记 10 积分',
    ],
  },
  'pages/activity/organise/index': {
    rootClass: 'activity',
    answers: { 'activity.organised': af.ORGANISED },
    texts: ['以「和平社区新时代文明实践站」发布', '以「银龄之声」发布', '清洁家园·楼道大扫除', '1 个场次超过 10 个工作日未确认时长'],
  },
  /** Loads nothing: the publishing form, for the team it was opened for. */
  'pages/activity/create/index': {
    rootClass: 'activity',
    query: { teamId: 't1', as: encodeURIComponent('银龄之声') },
    texts: ['发布单位：银龄之声', '活动名称', '服务类别', '清洁家园', '第 1 场', '添加场次', '发布活动'],
  },
  'pages/activity/roster/index': {
    rootClass: 'activity',
    query: { sessionId: af.SESSION_ID },
    answers: { 'activity.roster': af.ROSTER },
    texts: [
      '清洁家园·楼道大扫除',
      '已报名 1/10 · 候补 1 人',
      '待审核（1）',
      '赵*',
      '已报名（1）',
      '刘师傅',
      '已签到 · 09:05 签到（签到码）',
      '全部签退',
      '1. 陈*',
    ],
  },
  'pages/activity/code/index': {
    rootClass: 'activity',
    query: { sessionId: af.SESSION_ID },
    answers: { 'activity.code': af.CODE },
    texts: ['签退码', '482913', '刚换下的码仍可用 30 秒'],
  },
  'pages/activity/certificates/index': {
    rootClass: 'activity',
    answers: { 'activity.certificateRequests': af.CERTIFICATE_REQUESTS },
    texts: ['补录审核', '王*', '2026-01-04 至 2026-03-05 · 已确认 18.5 小时', '申请于 2026-03-05'],
  },
  'pages/activity/certificate/index': {
    rootClass: 'activity',
    query: { id: af.CERTIFICATE_ID },
    answers: { 'activity.certificate': af.CERTIFICATE },
    texts: [
      '志愿服务记录证明',
      '姓名：张* · 志愿者编号：ZYZ5101000123',
      '2026-02-26 巡河护河·锦江边捡拾垃圾',
      '出具单位：和平社区新时代文明实践站 · 负责人：刘站长',
      '证明编号：ZYZM20260306AB12CD',
      '核验码：K7M2Q9XP',
    ],
  },
  'pages/activity/approvals/index': {
    rootClass: 'activity',
    answers: { 'activity.pendingHours': af.PENDING_HOURS },
    texts: ['刘师傅 · 1.5 小时', '补录 · 银龄之声 张*', '原因：手机没电，未能扫码签到', '不通过'],
  },
  'pages/activity/units/index': {
    rootClass: 'activity',
    answers: { 'activity.unitStats': af.UNIT_STATS },
    texts: [
      '本月',
      '本年',
      '区卫健委',
      '志愿者 2 人，其中在职党员报到 1 人',
      '服务时长 1.75 小时（志愿活动 1.5 · 百姓点单 0.25）',
      '参加活动 1 场次，缺席 1 场次',
    ],
  },
  /** Opened from a certificate with its number and code: answers at once. */
  'pages/activity/verify/index': {
    rootClass: 'activity',
    query: { number: af.CERTIFICATE_NUMBER, code: af.VERIFY_CODE },
    answers: { 'activity.verify': af.VERIFIED },
    texts: ['查验结果：证明真实有效，内容如下', '期间：2026-01-04 至 2026-03-05，累计服务 2 小时', '地点：锦江和平段'],
  },

  /** Loads nothing: the code form is all there is until a code is typed. */
  'pages/manage/redeem/index': {
    rootClass: 'mredeem',
    texts: ['凭工作人员发给你的邀请码获得相应身份', '8 位字母或数字，不区分大小写', '使用邀请码'],
  },
};
