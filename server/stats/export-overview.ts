import { ORDER_STATE_LABELS, ORDER_STATES } from '../../src/domain/order/order.states';
import type { GroupStats } from '../../src/domain/service/service-stats.rules';
import type { StatsGroup } from '../../src/domain/service/service-stats.views';
import type { ExportFileView } from '../../src/domain/shared/export-file.views';
import { saveSpreadsheet } from '../kit/export-file';
import type { LoadedPrincipal } from '../kit/principal';
import { type OverviewInput, overview } from './overview';

type Row = { name: string; stats: GroupStats };

/** The numbers of one row: totals, hours, rating, the two medians in minutes, then the count per state. */
const COLUMNS = [
  { header: '订单数', width: 10, value: (r: Row) => r.stats.total },
  { header: '服务时长（小时）', width: 16, numFmt: '0.0', value: (r: Row) => r.stats.hoursServed },
  { header: '平均评分', width: 10, value: (r: Row) => r.stats.averageRating },
  { header: '已评价（单）', width: 12, value: (r: Row) => r.stats.ratedCount },
  { header: '接单用时中位（分钟）', width: 20, value: (r: Row) => r.stats.medianTakeMinutes },
  { header: '完成用时中位（分钟）', width: 20, value: (r: Row) => r.stats.medianCompleteMinutes },
  ...ORDER_STATES.map((s) => ({ header: ORDER_STATE_LABELS[s], width: 8, value: (r: Row) => r.stats.byState[s] ?? 0 })),
];

/** 导出 Excel of 服务统计 for a period: one row per station (or team) and a 合计 row, as on screen. */
export async function exportOverview(principal: LoadedPrincipal, input: OverviewInput, now: number): Promise<ExportFileView> {
  const view = await overview(principal, input, now);
  const groupLabel = view.scope === 'station' ? '实践站（社区）' : '志愿服务队';
  const rows: Row[] = [...view.groups.map((g: StatsGroup) => ({ name: g.name || g.id, stats: g })), { name: '合计', stats: view.totals }];
  const periodText = view.period ? view.period.label : '全部时间';
  return saveSpreadsheet({
    area: 'stats',
    fileName: `服务统计_${view.scope === 'station' ? '按实践站' : '按队伍'}_${periodText.replace(' 至 ', '_')}`,
    rowCount: rows.length,
    truncated: false,
    now,
    sheets: [
      {
        name: view.scope === 'station' ? '按实践站' : '按队伍',
        title: `服务统计（${periodText}，按下单时间）`,
        columns: [{ header: groupLabel, width: 18, value: (r: Row) => r.name }, ...COLUMNS],
        rows,
      },
    ],
  });
}
