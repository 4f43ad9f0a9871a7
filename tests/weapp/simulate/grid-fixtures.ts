/** What the grid function answers in the simulator: 2栋 of 天府花园, one patrol log, a few doors. */
import type { KnockBuildingView, KnockHomeView, PatrolsView, PatrolTodayView } from '../../../src/domain/grid/grid.views';

const T0 = Date.UTC(2026, 2, 5, 1, 0, 0);
const LOG = {
  day: '2026-03-05',
  buildingIds: ['b1'],
  buildingNames: ['1栋'],
  problemsFound: 2,
  problemsFixed: 1,
  note: '楼道纸箱已提醒清理',
  updatedAt: T0,
};

export const PATROL_TODAY: PatrolTodayView = {
  day: '2026-03-05',
  log: LOG,
  buildings: [{ id: 'b1', name: '1栋', estateName: '天府花园' }],
  reported: {
    found: 1,
    fixed: 0,
    problems: [
      {
        problemId: 'pb-sim-1',
        no: 'WT20260305-SIM1',
        categoryName: '楼道堆物',
        stateLabel: '待立案',
        placeLabel: '天府花园 1栋',
        selfFixed: false,
      },
    ],
  },
  recent: [{ ...LOG, day: '2026-03-04', note: '巡查三栋楼' }],
};

export const PATROLS: PatrolsView = {
  scopeName: '和平社区',
  from: '2026-02-27',
  to: '2026-03-05',
  openid: null,
  logs: [{ ...LOG, openid: 'o-head-1', workerName: '欧阳*', roleLabel: '楼栋长' }],
  workers: [{ openid: 'o-head-1', name: '欧阳*', roleLabel: '楼栋长', days: 1 }],
  coverage: [
    { buildingId: 'b2', name: '2栋', estateName: '天府花园', days: 0, lastDay: null, lastBy: null, people: 0 },
    { buildingId: 'b1', name: '1栋', estateName: '天府花园', days: 1, lastDay: '2026-03-05', lastBy: '欧阳*', people: 1 },
  ],
  totals: { logs: 1, workers: 1, buildings: 2, walked: 1, found: 2, fixed: 1 },
};

export const KNOCK_HOME: KnockHomeView = {
  buildings: [{ id: 'b1', name: '1栋', estateName: '天府花园', households: 4, reached: 1, visited: 2, rate: 0.25 }],
  total: { households: 4, reached: 1, visited: 2, rate: 0.25 },
  truncated: false,
};

export const KNOCK_BUILDING: KnockBuildingView = {
  buildingId: 'b1',
  buildingName: '1栋',
  estateName: '天府花园',
  reach: { households: 4, reached: 1, visited: 2, rate: 0.25 },
  announcement: {
    id: 'a1',
    title: '垃圾分类入户宣传',
    awareness: { households: 4, read: 1, door: 1, either: 2, readRate: 0.25, doorRate: 0.25, rate: 0.5 },
  },
  households: [
    {
      room: '2单元302',
      names: ['李*'],
      latest: 'reached',
      latestLabel: '在家已宣传',
      latestAt: T0,
      visits: 1,
      readInApp: false,
      toldAtDoor: true,
    },
    {
      room: '2单元401',
      names: ['王*'],
      latest: null,
      latestLabel: '未走访',
      latestAt: null,
      visits: 0,
      readInApp: true,
      toldAtDoor: false,
    },
  ],
  showsNames: true,
  visits: [
    {
      visitId: 'kv-1',
      room: '2单元302',
      result: 'reached',
      resultLabel: '在家已宣传',
      announcementTitle: '垃圾分类入户宣传',
      opinion: '楼道灯坏了好几天',
      byName: '欧阳*',
      at: T0,
      problemId: null,
    },
  ],
  categories: [{ categoryId: 'pc-facility', name: '设施损坏' }],
};
