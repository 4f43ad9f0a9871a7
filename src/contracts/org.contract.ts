import { defineContract } from './kit';

/** TODO(contracts): the org function's actions move here from cloudfunctions/org/src/index.ts. */
export const orgContract = defineContract('org', {});
export type OrgContract = typeof orgContract;
