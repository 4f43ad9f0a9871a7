import { rankTeams, type TeamRecommendation } from '../../src/domain/order/dispatch.rules';
import { clampPageSize, guardProblem, orderGuardsPass } from '../../src/domain/order/order.rules';
import { availableEvents, type CallerAction } from '../../src/domain/order/order.state-machine';
import {
  ORDER_STATES,
  type OrderState,
  RESIDENT_TABS,
  TEAM_ACTIVE_STATES,
  TEAM_INBOX_STATES,
  TEAM_LOAD_STATES,
} from '../../src/domain/order/order.states';
import type { OrderDoc } from '../../src/domain/order/order.types';
import type { OrderDetail, OrderPage, PoolEntry } from '../../src/domain/order/order.views';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { Actor } from '../kit/actor';
import { openPii } from '../kit/pii-cipher';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { buildingOf, callerOf, relationTo, teamsLedBy } from './order-relation';
import { allTeams, findOrder, HEAVY_FIELDS, ORDERS, READ_CAP, readForStep, timelineOf } from './order-store';
import { type OrderAction, summaryOf, timelineEntryOf } from './order-views';
import { sessionsOf, sessionViewOf } from './service-sessions';

type Query = {
  field(projection: Record<string, boolean>): Query;
  orderBy(field: string, dir: 'asc' | 'desc'): Query;
  limit(n: number): Query;
  get(): unknown;
};

async function page(query: Query, key: 'sortKey' | 'queueKey', dir: 'asc' | 'desc', size: number, now: number): Promise<OrderPage> {
  // Lists never show the timeline, the sessions or pending effects the order documents carry.
  const rows = await readList<OrderDoc>(
    query
      .field(HEAVY_FIELDS)
      .orderBy(key, dir)
      .limit(size + 1),
  );
  const items = rows.slice(0, size);
  const last = items[items.length - 1];
  return { items: items.map((o) => summaryOf(o, now)), nextCursor: rows.length > size && last ? last[key] : null };
}

export type ResidentTab = (typeof RESIDENT_TABS)[number]['key'];

/** The caller's own orders (or, with `placed`, the orders they placed for others: 代点单记录), newest first. */
export async function myOrders(
  principal: LoadedPrincipal,
  input: { tab?: ResidentTab; placed?: boolean; cursor?: string; pageSize?: number },
  now: number,
): Promise<OrderPage> {
  const _ = database().command;
  const states: readonly OrderState[] = input.tab ? (RESIDENT_TABS.find((t) => t.key === input.tab)?.states ?? []) : ORDER_STATES;
  const owner = input.placed ? { placedByOpenid: principal.openid, proxy: true } : { requesterOpenid: principal.openid };
  const where: Record<string, unknown> = { ...owner, state: _.in([...states]) };
  if (input.cursor) where.sortKey = _.lt(input.cursor);
  return page(database().collection(ORDERS).where(where) as unknown as Query, 'sortKey', 'desc', clampPageSize(input.pageSize), now);
}

export type { OrderDetail };

/** The order detail screen, opened with one read (the order with the caller and the requester folded in) for most orders. */
export async function orderDetail(actor: Actor, input: { orderId: string }, now: number): Promise<OrderDetail> {
  return (await orderDetailRead(actor, input, now)).detail;
}

/** The detail with the order and the caller it was read with, for screens that show more of the same order. */
export async function orderDetailRead(
  actor: Actor,
  input: { orderId: string },
  now: number,
): Promise<{ detail: OrderDetail; order: OrderDoc; principal: LoadedPrincipal }> {
  const { order, principal, requester } = await readForStep(input.orderId, actor, { requester: true, timeline: true });
  const rel = await relationTo(principal, order);
  if (!rel.viewer) {
    if (rel.isStaff) throw new DomainError(ErrorCode.OutOfScope, '超出您负责的范围');
    throw new DomainError(ErrorCode.Forbidden, '没有权限查看这个订单');
  }
  const [events, sessions] = await Promise.all([timelineOf(order), sessionsOf(order)]);
  const isRequester = order.requesterOpenid === principal.openid || order.placedByOpenid === principal.openid;
  // 回头看 may be answered now: the order is closed and the follow_up rule's guard passes.
  const followUpOpen = order.state === 'closed' && guardProblem('follow_up_due', order, {}, now) === null;
  const phone = rel.seesContact ? openPii(order.contactPhoneSealed) : order.contactPhoneMasked;
  // The buttons: the table's events for the caller's parties whose guards the order passes, each with its action.
  const actions: OrderAction[] = availableEvents(order.state, rel.parties)
    .filter((r) => orderGuardsPass(r, order, now))
    .map((r) => ({
      event: r.event,
      label: r.label,
      needsNote: r.needsNote === true,
      needsTeam: r.needsTeam === 'always' || (r.needsTeam === 'if_several' && rel.eligibleTeams.length > 1),
      viaAction: r.via as CallerAction,
    }));
  const detail: OrderDetail = {
    order: {
      ...summaryOf(order, now),
      itemKind: order.itemKind,
      room: order.room,
      contactPhone: phone,
      contactPhoneMasked: !rel.seesContact,
      photos: order.photos,
      formAnswers: order.formAnswers ?? [],
      rating: order.rating,
      followUpAt: order.followUpAt,
      requesterName: requester?.displayName ?? '',
      serviceCode: isRequester && TEAM_ACTIVE_STATES.includes(order.state) ? (order.serviceCode ?? null) : null,
      rateBy: order.state === 'completed' ? (order.rateBy ?? null) : null,
      serviceHours: order.serviceHours ?? null,
      report: order.report ? { summary: order.report.summary, photos: order.report.photos, at: order.report.at } : null,
      followUp: order.followUp ?? null,
      followUpOpen: followUpOpen && isRequester,
      assignees: (order.assigneeOpenids ?? []).map((openid, i) => ({ openid, name: order.assigneeNames?.[i] ?? '志愿者' })),
      adopter: order.adopterName ? [order.adopterName, order.adopterUnit].filter(Boolean).join(' · ') : '',
    },
    sessions: sessions.map(sessionViewOf),
    timeline: events.map(timelineEntryOf),
    actions,
    caller: callerOf(principal, order, rel),
    grabTeams: rel.eligibleTeams.map((t) => ({ teamId: t._id, name: t.name })),
  };
  return { detail, order, principal };
}

/** The staff work queue (派单台) with its search, filters and board: server/order/staff-queue.ts. */
export { staffQueue } from './staff-queue';

/** Open orders of each team (dispatched, taken, in service): the load the ranking weighs. */
export async function openLoadOf(teamIds: readonly string[]): Promise<Map<string, number>> {
  const load = new Map<string, number>();
  if (teamIds.length === 0) return load;
  const _ = database().command;
  const rows = await readList<Pick<OrderDoc, 'teamId'>>(
    database()
      .collection(ORDERS)
      .where({ teamId: _.in([...teamIds]), state: _.in([...TEAM_LOAD_STATES]) })
      .field({ teamId: true })
      .limit(READ_CAP),
  );
  for (const r of rows) if (r.teamId) load.set(r.teamId, (load.get(r.teamId) ?? 0) + 1);
  return load;
}

/** 派单推荐 for staff who may dispatch this order. */
export async function recommendTeams(principal: LoadedPrincipal, input: { orderId: string }): Promise<{ items: TeamRecommendation[] }> {
  return recommendationsFor(principal, await findOrder(input.orderId));
}

/** 派单推荐 for an order already read: every team ranked, with the reason. */
export async function recommendationsFor(
  principal: LoadedPrincipal,
  order: Pick<OrderDoc, 'orgPath' | 'itemSkills' | 'buildingId'>,
): Promise<{ items: TeamRecommendation[] }> {
  requirePermission(principal, 'order.manage', { orgPath: order.orgPath });
  const teams = await allTeams();
  const load = await openLoadOf(teams.map((t) => t._id));
  return { items: rankTeams(teams, { skills: order.itemSkills }, buildingOf(order), load) };
}

/** 抢单大厅: pooled orders some team of the caller may serve, deadline soonest first. */
export async function pool(principal: LoadedPrincipal, now: number): Promise<{ items: PoolEntry[] }> {
  const led = await teamsLedBy(principal);
  if (led.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有队长可以查看抢单大厅');
  const rows = await readList<OrderDoc>(
    database().collection(ORDERS).where({ state: 'pooled' }).field(HEAVY_FIELDS).orderBy('responseDeadline', 'asc').limit(READ_CAP),
  );
  const items: PoolEntry[] = [];
  for (const o of rows) {
    const rel = await relationTo(principal, o, led);
    if (rel.eligibleTeams.length > 0) {
      items.push({ ...summaryOf(o, now), teams: rel.eligibleTeams.map((t) => ({ teamId: t._id, name: t.name })) });
    }
  }
  return { items };
}

/** Orders dispatched to or owned by the caller's teams, newest first. */
export async function teamInbox(
  principal: LoadedPrincipal,
  input: { state?: OrderState; cursor?: string; pageSize?: number },
  now: number,
): Promise<OrderPage> {
  const led = await teamsLedBy(principal);
  if (led.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有队长可以查看队伍订单');
  const _ = database().command;
  const states = input.state ? [input.state] : [...TEAM_INBOX_STATES];
  const where: Record<string, unknown> = { teamId: _.in(led.map((t) => t._id)), state: _.in(states) };
  if (input.cursor) where.sortKey = _.lt(input.cursor);
  return page(database().collection(ORDERS).where(where) as unknown as Query, 'sortKey', 'desc', clampPageSize(input.pageSize), now);
}

/** 服务任务: orders a volunteer's teams have taken and are serving, for check-in and check-out. */
export async function memberOrders(
  principal: LoadedPrincipal,
  input: { cursor?: string; pageSize?: number },
  now: number,
): Promise<OrderPage> {
  const teamIds = [...new Set(principal.grants.filter((g) => g.role === 'volunteer').map((g) => g.scopeId))];
  if (teamIds.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有志愿者可以查看服务任务');
  const _ = database().command;
  const where: Record<string, unknown> = { teamId: _.in(teamIds), state: _.in([...TEAM_ACTIVE_STATES]) };
  if (input.cursor) where.sortKey = _.lt(input.cursor);
  return page(database().collection(ORDERS).where(where) as unknown as Query, 'sortKey', 'desc', clampPageSize(input.pageSize), now);
}
