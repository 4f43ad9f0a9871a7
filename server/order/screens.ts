/**
 * The order screens in one call each (issue #17), composed from the use cases their smaller
 * actions run: the order form, a team order, the 接单 console, 派单台 · one order; and the screen an order action
 * answers when asked with `view`.
 */
import type { CatalogItem } from '../../src/domain/catalog/catalog.types';
import { descriptionExample } from '../../src/domain/catalog/description-example';
import type { OrderPage, PoolEntry } from '../../src/domain/order/order.views';
import type {
  OrderFormView,
  OrderScreen,
  StationOrderView,
  TeamConsoleView,
  TeamOrderView,
  WithScreen,
} from '../../src/domain/order/screen.views';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { listCategoryItems } from '../catalog/service-menu.query';
import { myBinding } from '../identity/binding';
import { home } from '../identity/home';
import { whoami } from '../identity/whoami.query';
import type { Actor } from '../kit/actor';
import { loadPrincipal } from '../kit/principal';
import { teamDetail } from '../team/teams';
import { ownContactPhone } from './contact-prefill';
import { memberOrders, orderDetail, orderDetailRead, pool, recommendationsFor, teamInbox } from './order-queries';
import { type QueueFilter, staffQueue } from './staff-queue';
import { wishWall } from './wish-wall';

/** 点单表单: the item (with its own form and placeholder example) and, unless it is 代点单, the caller's binding and own phone. */
export async function orderForm(
  actor: Actor,
  input: { categoryId: string; itemId: string; forResident?: boolean },
): Promise<OrderFormView> {
  const [items, binding, contactPhone] = await Promise.all([
    listCategoryItems(input.categoryId),
    input.forResident ? Promise.resolve(null) : myBinding(actor),
    input.forResident ? Promise.resolve('') : ownContactPhone(actor.openid),
  ]);
  const item = items.items.find((i: CatalogItem) => i._id === input.itemId);
  if (!item) throw new DomainError(ErrorCode.NotFound, '这个服务项目已下架或不存在');
  return { item, binding, contactPhone, descriptionExample: descriptionExample(item) };
}

/** A team order: the detail, who the caller is, and the serving team's members (for 指派 and the leader's 签到 picker). */
export async function teamOrder(actor: Actor, input: { orderId: string }, now: number): Promise<TeamOrderView> {
  const detail = await orderDetail(actor, input, now);
  const teamId = detail.order.teamId;
  const team = teamId ? await teamDetail(actor, { teamId }, await loadPrincipal(actor)).catch(() => null) : null;
  return { detail, myOpenid: actor.openid, members: team?.members ?? [] };
}

/** 派单台 · one order: the detail and, when the caller may pick a team for it, 派单推荐 — from the same read of the order. */
export async function stationOrder(actor: Actor, input: { orderId: string }, now: number): Promise<StationOrderView> {
  return (await stationOrderRead(actor, input, now)).view;
}

async function stationOrderRead(actor: Actor, input: { orderId: string }, now: number) {
  const { detail, order, principal } = await orderDetailRead(actor, input, now);
  const picksTeam = detail.actions.some((a) => a.needsTeam);
  const view: StationOrderView = { detail, recommendations: picksTeam ? (await recommendationsFor(principal, order)).items : null };
  return { view, principal };
}

/** The 派单台 queue beside an order on a desk: its filters and how many rows the caller has loaded (one page of that size). */
export type DeskQueue = QueueFilter & { pageSize?: number };

/**
 * The desk-wide 派单台 after an action in the panel: the order (with 派单推荐 when it offers a team
 * choice) and the queue's first page as the caller filters it, with the board (choices and counts),
 * so both panes update from one answer. Paged as ever: `pageSize` keeps the rows the caller had
 * loaded (up to the page size cap), `nextCursor` goes on from there.
 */
export async function stationDesk(actor: Actor, orderId: string, queue: DeskQueue | undefined, now: number) {
  // The order's read brings the caller (folded in), whose scope the queue reads with.
  const { view, principal } = await stationOrderRead(actor, { orderId }, now);
  return { stationOrder: view, queue: await unlessRefused(staffQueue(principal, { ...queue, board: true }, now)) };
}

/**
 * A screen the caller may not see (e.g. the queue asked by someone who is not staff) is left out of
 * the answer: the action itself has already happened, so it must not be answered as refused.
 */
async function unlessRefused<T>(screen: Promise<T>): Promise<T | undefined> {
  try {
    return await screen;
  } catch (err) {
    if (err instanceof DomainError && (err.code === ErrorCode.Forbidden || err.code === ErrorCode.OutOfScope)) return undefined;
    throw err;
  }
}

/** What an order action answers: its result, and the screen asked with `view` as it is now. */
export async function answering<R extends object>(
  actor: Actor,
  view: OrderScreen | undefined,
  orderId: string,
  result: R,
  now: number,
  queue?: DeskQueue,
): Promise<R & WithScreen> {
  if (view === 'detail') return { ...result, detail: await orderDetail(actor, { orderId }, now) };
  if (view === 'teamOrder') return { ...result, teamOrder: await teamOrder(actor, { orderId }, now) };
  if (view === 'leaderHome') return { ...result, home: await home(actor, { role: 'team_leader' }, now) };
  if (view === 'teamInbox') return { ...result, teamConsole: await teamConsole(actor, { tab: 'inbox' }, now) };
  if (view === 'teamOrders') return { ...result, teamConsole: await teamConsole(actor, { tab: 'team' }, now) };
  if (view === 'stationOrder') return { ...result, stationOrder: await stationOrder(actor, { orderId }, now) };
  if (view === 'stationDesk') return { ...result, ...(await stationDesk(actor, orderId, queue, now)) };
  if (view === 'wishWall') return { ...result, wall: await unlessRefused(wishWall(actor)) };
  return result;
}

type ConsoleTab = 'inbox' | 'pool' | 'team';

/** 接单: the teams the caller leads and serves in, and the first page of the tab (volunteers: their service tasks). */
export async function teamConsole(actor: Actor, input: { tab?: ConsoleTab }, now: number): Promise<TeamConsoleView> {
  const [me, principal] = await Promise.all([whoami(actor), loadPrincipal(actor)]);
  const teamsOf = (role: 'team_leader' | 'volunteer') =>
    me.roles.filter((g) => g.role === role).map((g) => ({ teamId: g.scopeId, name: g.scopeName ?? '' }));
  const leads = teamsOf('team_leader');
  const serves = teamsOf('volunteer');
  if (leads.length === 0 && serves.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有志愿者和队长可以使用接单工作台');
  let page: OrderPage | { items: PoolEntry[]; nextCursor: null };
  if (leads.length === 0) page = await memberOrders(principal, {}, now);
  else if (input.tab === 'pool') page = { items: (await pool(principal, now)).items, nextCursor: null };
  else page = await teamInbox(principal, input.tab === 'team' ? {} : { state: 'dispatched' }, now);
  return { leads, serves, page };
}
