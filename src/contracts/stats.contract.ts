import { defineContract } from './kit';

/** TODO(contracts): the stats function's actions move here from cloudfunctions/stats/src/index.ts. */
export const statsContract = defineContract('stats', {});
export type StatsContract = typeof statsContract;
