/**
 * The cloud functions as pages see them: `callCloud(orderFn, 'detail', { orderId })`.
 * Contracts are imported as types only, so no schema (and no zod) reaches the mini-program.
 */
import type { ActivityContract } from './activity.contract';
import type { AnnounceContract } from './announce.contract';
import type { CatalogContract } from './catalog.contract';
import type { GridContract } from './grid.contract';
import type { IdentityContract } from './identity.contract';
import type { NotifyContract } from './notify.contract';
import type { OrderContract } from './order.contract';
import type { OrgContract } from './org.contract';
import type { ProblemContract } from './problem.contract';
import { functionRef } from './ref';
import type { StatsContract } from './stats.contract';
import type { TeamContract } from './team.contract';

export const activityFn = functionRef<ActivityContract>('activity');
export const announceFn = functionRef<AnnounceContract>('announce');
export const catalogFn = functionRef<CatalogContract>('catalog');
export const gridFn = functionRef<GridContract>('grid');
export const identityFn = functionRef<IdentityContract>('identity');
export const notifyFn = functionRef<NotifyContract>('notify');
export const orderFn = functionRef<OrderContract>('order');
export const orgFn = functionRef<OrgContract>('org');
export const problemFn = functionRef<ProblemContract>('problem');
export const statsFn = functionRef<StatsContract>('stats');
export const teamFn = functionRef<TeamContract>('team');
