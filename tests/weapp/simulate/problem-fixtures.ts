/** What the problem function answers in the simulator: one problem of 天府花园 1栋 at each screen. */
import type { LedgerView, RectificationNoticeView } from '../../../src/domain/problem/ledger.views';
import type { ProblemStatsRow } from '../../../src/domain/problem/problem.stats';
import type {
  CategoryAdminView,
  ProblemDetail,
  ProblemStatsView,
  ProblemSummary,
  ReportSetup,
} from '../../../src/domain/problem/problem.views';

const T0 = Date.UTC(2026, 2, 5, 1, 0, 0);
export const PROBLEM_PHOTO = 'cloud://local-env.local-env-local-bucket/problems/web-sim-1/1772672400000-0.png';

export const PROBLEM: ProblemSummary = {
  problemId: 'pb-sim-1',
  no: 'WT20260305-SIM1',
  categoryId: 'pc-clutter',
  categoryName: '楼道堆物',
  description: '楼道里堆了旧沙发和纸箱，挡住了通道',
  state: 'dispatched',
  stateLabel: '处置中',
  placeLabel: '天府花园 1栋 · 2单元一楼',
  estateId: 'e1',
  unitNames: ['天府物业服务有限公司'],
  deadlineAt: T0 + 24 * 3600 * 1000,
  overdueLevel: 0,
  overdue: false,
  reworkCount: 1,
  relapseCount: 0,
  secondCount: 2,
  selfFixed: false,
  cover: PROBLEM_PHOTO,
  createdAt: T0,
  updatedAt: T0,
  version: 3,
};

const page = (items: ProblemSummary[]) => ({ items, nextCursor: null });
export const PROBLEM_PAGE = page([PROBLEM]);
export const REPORTED_PAGE = page([{ ...PROBLEM, state: 'reported', stateLabel: '待立案', unitNames: [], reworkCount: 0 }]);
export const FIXED_PAGE = page([{ ...PROBLEM, state: 'fixed', stateLabel: '待核查' }]);

export const REPORT_SETUP: ReportSetup = {
  categories: [
    { categoryId: 'pc-garbage', name: '暴露垃圾', deadlineLabel: '当天处置' },
    { categoryId: 'pc-clutter', name: '楼道堆物', deadlineLabel: '1 个工作日内处置' },
  ],
  place: { buildingId: 'b1', buildingName: '1栋', estateName: '天府花园' },
  places: [],
  canSelfFix: true,
  blocked: null,
};

export const LEDGER: LedgerView = {
  ...REPORTED_PAGE,
  counts: { reported: 1, registered: 0, dispatched: 3, fixed: 0, closed: 7, dismissed: 1 },
  scope: { kind: 'community', label: '和平社区' },
  categories: [{ categoryId: 'pc-clutter', name: '楼道堆物' }],
  units: [{ unitId: 'u1', name: '天府物业服务有限公司', kind: 'property' }],
  communities: [],
  estates: [{ estateId: 'e1', name: '天府花园' }],
};

/** The unit's view: 处置 or 退回. */
export const UNIT_DETAIL: ProblemDetail = {
  problem: {
    ...PROBLEM,
    photos: [PROBLEM_PHOTO],
    placeText: '2单元一楼',
    buildingName: '1栋',
    estateName: '天府花园',
    reporterName: '张*',
    reporterKind: 'resident',
    deadlineDays: 1,
    dispatchedAt: T0,
    fixPhotos: [],
    fixNote: '',
    fixedAt: null,
    closedAt: null,
    followUpAt: null,
    dismissNote: '',
    extension: null,
    rating: null,
  },
  timeline: [
    {
      seq: 1,
      event: 'report',
      label: '上报',
      to: 'reported',
      stateLabel: '待立案',
      actorLabel: '居民',
      note: '',
      photos: [PROBLEM_PHOTO],
      unitNames: [],
      at: T0,
    },
    {
      seq: 2,
      event: 'register',
      label: '立案',
      to: 'registered',
      stateLabel: '待派遣',
      actorLabel: '社区实践站',
      note: '',
      photos: [],
      unitNames: [],
      at: T0 + 60_000,
    },
    {
      seq: 3,
      event: 'dispatch',
      label: '派遣',
      to: 'dispatched',
      stateLabel: '处置中',
      actorLabel: '社区实践站',
      note: '',
      photos: [],
      unitNames: ['天府物业服务有限公司'],
      at: T0 + 120_000,
    },
  ],
  actions: [
    { event: 'return', via: 'transition', label: '退回', needsNote: true, needsPhotos: false, needsUnits: false },
    { event: 'fix', via: 'fix', label: '处置完成', needsNote: false, needsPhotos: true, needsUnits: false },
  ],
  caller: { parties: ['unit'], reporter: false, seconded: false },
  unitOptions: [],
};

/** 问题类别 of 桂溪街道: two categories, one switched off. */
export const CATEGORIES: CategoryAdminView = {
  subdistrictId: 'org-subdistrict-01',
  subdistrictName: '桂溪街道',
  categories: [
    {
      categoryId: 'pc-garbage',
      name: '暴露垃圾',
      order: 1,
      handlerKind: 'property',
      handlerLabel: '物业公司',
      deadlineDays: 0,
      deadlineLabel: '当天处置',
      followUpDays: 7,
      active: true,
      updatedAt: T0,
    },
    {
      categoryId: 'pc-dog',
      name: '不文明养犬',
      order: 2,
      handlerKind: 'department',
      handlerLabel: '职能部门',
      deadlineDays: 2,
      deadlineLabel: '2 个工作日内处置',
      followUpDays: 14,
      active: false,
      updatedAt: T0,
    },
  ],
  handlerKinds: [
    { kind: 'property', label: '物业公司' },
    { kind: 'department', label: '职能部门' },
    { kind: 'team', label: '志愿服务队' },
  ],
  limits: { nameMax: 20, deadlineDaysMax: 30, followUpDaysMin: 1, followUpDaysMax: 90, categoriesMax: 30 },
};

const statsRow = (key: string, name: string, over: Partial<ProblemStatsRow> = {}): ProblemStatsRow => ({
  key,
  name,
  problems: 12,
  closed: 9,
  due: 10,
  onTime: 8,
  onTimeRate: 0.8,
  overdue: 2,
  rework: 1,
  relapse: 0,
  rated: 5,
  satisfaction: 0.8,
  medianCloseHours: 30.5,
  ...over,
});

/** 问题统计 of 和平社区 for the last 30 days. */
export const STATS: ProblemStatsView = {
  scopeLabel: '和平社区',
  period: { key: '30d', label: '近 30 天', fromDay: '2026-02-04', toDay: '2026-03-05' },
  periods: [
    { key: '7d', label: '近 7 天' },
    { key: '30d', label: '近 30 天' },
  ],
  totals: statsRow('org-community-01', '和平社区'),
  byUnit: [statsRow('unit-property-01', '天府物业服务有限公司'), statsRow('unit-cityops-01', '城管中队', { onTimeRate: 0.5 })],
  byCommunity: [statsRow('org-community-01', '和平社区')],
  truncated: false,
};

export const RECTIFICATION: RectificationNoticeView = {
  problemId: 'pb-sim-1',
  no: 'WT20260305-SIM1',
  unitName: '天府物业服务有限公司',
  unitNames: ['天府物业服务有限公司'],
  placeLabel: '天府花园 1栋 · 2单元楼道',
  categoryName: '楼道堆物',
  description: '楼道里堆了旧沙发和纸箱，挡住了通道',
  photos: [PROBLEM_PHOTO],
  deadlineAt: T0 + 2 * 24 * 3600 * 1000,
  deadlineLabel: '2 个工作日内（2026年3月7日 24 时前）',
  requirements: ['清理楼道堆物，保持消防通道畅通', '整改后上传处置后的照片'],
  issuer: '和平社区新时代文明实践站',
  issuedAt: T0,
  stateLabel: '处置中',
};
