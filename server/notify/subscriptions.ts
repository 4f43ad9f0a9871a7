import { NOTIFY_SUBSCRIPTIONS } from '../../database/collections';
import { TEMPLATE_KEYS, TEMPLATES, type TemplateKey } from '../../src/domain/notify/notify.templates';
import type { AlertSubscription, TemplateList } from '../../src/domain/notify/notify.views';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { config } from '../kit/config';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { database } from '../kit/wx-cloud';
import { type NotifySubscriptionDoc, subscriptionIdOf } from './enqueue';

const STAFF_ROLES = ['station_staff', 'institute_staff', 'admin'];

/** The template ids the mini-program passes to `wx.requestSubscribeMessage`. */
export function templates(): TemplateList {
  const { templateId } = config();
  return {
    items: TEMPLATE_KEYS.map((key) => ({ key, templateId: templateId(key), title: TEMPLATES[key].title })),
    keys: [...TEMPLATE_KEYS],
  };
}

/**
 * A staff member who granted the alert template (the page calls `wx.requestSubscribeMessage`
 * first, from a tap) registers for order alerts of every area they hold a staff grant on:
 * station staff their community, institute staff and admins their subdistrict (grid-problem
 * alerts too); a handling unit's staff for their unit's problems. Idempotent.
 * `on: false` stops them.
 */
export async function subscribeAlerts(principal: LoadedPrincipal, input: { on: boolean }, now: number): Promise<AlertSubscription> {
  const orgScopes = [...new Set(principal.grants.filter((g) => STAFF_ROLES.includes(g.role)).map((g) => g.scopeId))];
  // 处置单位 staff receive their unit's grid-problem alerts (派遣, 返工, 催办): the unit is their scope.
  const unitScopes = [...new Set(principal.grants.filter((g) => g.role === 'unit_staff').map((g) => g.scopeId))];
  const scopes = [...orgScopes, ...unitScopes];
  if (scopes.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有实践站、实践所和处置单位工作人员可以订阅工单提醒');
  const key: TemplateKey = 'ORDER_ALERT';
  for (const scopeId of orgScopes) requirePermission(principal, 'notify.alerts', { orgPath: [scopeId] });
  for (const scopeId of scopes) {
    const _id = subscriptionIdOf(principal.openid, scopeId, key);
    const doc: Omit<NotifySubscriptionDoc, '_id'> = { openid: principal.openid, scopeId, templateKey: key, at: now };
    if (input.on) await database().collection(NOTIFY_SUBSCRIPTIONS).doc(_id).set({ data: doc });
    else await database().collection(NOTIFY_SUBSCRIPTIONS).where({ _id }).remove();
  }
  return { scopes, on: input.on };
}
