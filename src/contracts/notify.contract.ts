import { defineContract } from './kit';

/** TODO(contracts): the notify function's actions move here from cloudfunctions/notify/src/index.ts. */
export const notifyContract = defineContract('notify', {});
export type NotifyContract = typeof notifyContract;
