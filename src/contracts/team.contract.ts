import { defineContract } from './kit';

/** TODO(contracts): the team function's actions move here from cloudfunctions/team/src/index.ts. */
export const teamContract = defineContract('team', {});
export type TeamContract = typeof teamContract;
