/** What the problem function answers in the simulator: one problem of 天府花园 1栋 at each screen. */
import type { LedgerView } from '../../../src/domain/problem/ledger.views';
import type { ProblemDetail, ProblemSummary, ReportSetup } from '../../../src/domain/problem/problem.views';

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
