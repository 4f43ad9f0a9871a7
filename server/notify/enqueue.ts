import { NOTIFY_SUBSCRIPTIONS } from '../../database/collections';
import { type NoticeDraft, type NotificationDoc, notificationKeyOf, planNotices } from '../../src/domain/notify/notify.rules';
import type { TemplateKey } from '../../src/domain/notify/notify.templates';
import type { TransitionRule } from '../../src/domain/order/order.state-machine';
import type { OrderState } from '../../src/domain/order/order.states';
import type { OrderDoc } from '../../src/domain/order/order.types';
import type { Team } from '../../src/domain/org/org.types';
import { plannedRow } from '../../src/domain/shared/outbox';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { findTeams } from '../order/order-store';

/** Document of collection `notify_subscriptions`: a staff member wants order alerts for one scope. */
export interface NotifySubscriptionDoc {
  _id: string;
  openid: string;
  /** The community (station staff) or subdistrict (institute staff, admins) of the grant. */
  scopeId: string;
  templateKey: TemplateKey;
  at: number;
}

export const subscriptionIdOf = (openid: string, scopeId: string, key: TemplateKey): string => `${openid}-${scopeId}-${key}`;

/** Staff who subscribed to alerts for the level that handles the order now (station → community, institute → subdistrict). */
export async function alertRecipients(order: Pick<OrderDoc, 'level' | 'communityId' | 'subdistrictId'>): Promise<string[]> {
  const scopeId = order.level === 'institute' ? order.subdistrictId : order.communityId;
  const rows = await readList<NotifySubscriptionDoc>(
    database().collection(NOTIFY_SUBSCRIPTIONS).where({ scopeId, templateKey: 'ORDER_ALERT' }).limit(100),
  );
  return [...new Set(rows.map((r) => r.openid))];
}

/** An outbox row for one message, due now. */
export function rowOf(orderId: string, version: number, cause: string, draft: NoticeDraft, now: number): NotificationDoc {
  const key = notificationKeyOf(orderId, version, draft.recipient, draft.templateKey);
  return {
    _id: key,
    key,
    orderId,
    version,
    recipient: draft.recipient,
    templateKey: draft.templateKey,
    cause,
    page: draft.page,
    data: draft.data,
    ...plannedRow(now),
  };
}

/**
 * The outbox rows a transition queues, from its rule's `notify_*` effects. `order` is the order
 * after the transition. The caller writes them in the transition's own transaction.
 */
export async function noticeRowsFor(
  order: OrderDoc,
  rule: TransitionRule,
  to: OrderState,
  ctx: { now: number; note: string; actorOpenid: string; version: number; team?: Pick<Team, '_id' | 'leaderOpenid'> },
): Promise<NotificationDoc[]> {
  if (!rule.effects.some((e) => e.startsWith('notify_'))) return [];
  // The team a dispatch just read is the order's team: no second read for its leader.
  const known = ctx.team && ctx.team._id === order.teamId ? ctx.team : undefined;
  const leaderOpenid =
    rule.effects.includes('notify_leader') && order.teamId ? (known ?? (await findTeams([order.teamId]))[0])?.leaderOpenid : undefined;
  const staffOpenids = rule.effects.includes('notify_staff') ? await alertRecipients(order) : [];
  const drafts = planNotices({ rule, order, to, note: ctx.note, now: ctx.now, leaderOpenid, staffOpenids, actorOpenid: ctx.actorOpenid });
  return drafts.map((d) => rowOf(order._id, ctx.version, rule.event, d, ctx.now));
}
