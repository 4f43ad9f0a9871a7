import { defineContract } from './kit';

/** TODO(contracts): the announce function's actions move here from cloudfunctions/announce/src/index.ts. */
export const announceContract = defineContract('announce', {});
export type AnnounceContract = typeof announceContract;
