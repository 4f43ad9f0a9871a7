import { z } from 'zod';
import type { StatsOverview } from '../domain/service/service-stats.views';
import { ErrorCode } from '../domain/shared/domain-error';
import { act, defineContract } from './kit';
import { id } from './schemas';

/** Statistics for staff and leaders. */
export const statsContract = defineContract('stats', {
  /** 统计概览 per station (community) or per team; scope defaults to station for staff, team for leaders. */
  overview: act(z.object({ scope: z.enum(['station', 'team']).optional(), teamId: id.optional() }).strict(), [
    ErrorCode.Forbidden,
    ErrorCode.OutOfScope,
  ]).answers<StatsOverview>(),
});
export type StatsContract = typeof statsContract;
