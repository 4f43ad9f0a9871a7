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
  const { detail, order, principal } = await orderDetailRead(actor, input, now);
  const picksTeam = detail.actions.some((a) => a.needsTeam);
  return { detail, recommendations: picksTeam ? (await recommendationsFor(principal, order)).items : null };
}

/** What an order action answers: its result, and the screen asked with `view` as it is now. */
export async function answering<R extends object>(
  actor: Actor,
  view: OrderScreen | undefined,
  orderId: string,
  result: R,
  now: number,
): Promise<R & WithScreen> {
  if (view === 'detail') return { ...result, detail: await orderDetail(actor, { orderId }, now) };
  if (view === 'teamOrder') return { ...result, teamOrder: await teamOrder(actor, { orderId }, now) };
  if (view === 'leaderHome') return { ...result, home: await home(actor, { role: 'team_leader' }, now) };
  if (view === 'teamInbox') return { ...result, teamConsole: await teamConsole(actor, { tab: 'inbox' }, now) };
  if (view === 'teamOrders') return { ...result, teamConsole: await teamConsole(actor, { tab: 'team' }, now) };
  if (view === 'stationOrder') return { ...result, stationOrder: await stationOrder(actor, { orderId }, now) };
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
