import { defineContract } from './kit';

/** TODO(contracts): the identity function's actions move here from cloudfunctions/identity/src/index.ts. */
export const identityContract = defineContract('identity', {});
export type IdentityContract = typeof identityContract;
