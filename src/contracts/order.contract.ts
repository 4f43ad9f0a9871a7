import { defineContract } from './kit';

/** TODO(contracts): the order function's actions move here from cloudfunctions/order/src/index.ts. */
export const orderContract = defineContract('order', {});
export type OrderContract = typeof orderContract;
