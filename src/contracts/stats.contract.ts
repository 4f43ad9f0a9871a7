import { z } from 'zod';
import type { StatsOverview } from '../domain/service/service-stats.views';
import { STATS_PERIODS, type StatsPeriodKey } from '../domain/service/stats-period';
import { ErrorCode } from '../domain/shared/domain-error';
import type { ExportFileView } from '../domain/shared/export-file.views';
import { act, defineContract } from './kit';
import { id } from './schemas';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 2026-12-01');
/** Scope, team and period (本周 / 本月 / 上月 / 自定义 with first and last day); no period = all time. */
const overviewInput = z
  .object({
    scope: z.enum(['station', 'team']).optional(),
    teamId: id.optional(),
    period: z.enum(STATS_PERIODS.map((p) => p.key) as [StatsPeriodKey, ...StatsPeriodKey[]]).optional(),
    fromDate: day.optional(),
    toDate: day.optional(),
  })
  .strict();

/** Statistics for staff and leaders. */
export const statsContract = defineContract('stats', {
  /** 统计概览 per station (community) or per team; scope defaults to station for staff, team for leaders. */
  overview: act(overviewInput, [ErrorCode.Forbidden, ErrorCode.OutOfScope]).answers<StatsOverview>(),
  /** 导出 Excel of the overview of a period. */
  exportOverview: act(overviewInput, [ErrorCode.Forbidden, ErrorCode.OutOfScope]).answers<ExportFileView>(),
});
export type StatsContract = typeof statsContract;
