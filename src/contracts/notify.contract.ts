import { z } from 'zod';
import type { AlertSubscription, TemplateList } from '../domain/notify/notify.views';
import { ErrorCode } from '../domain/shared/domain-error';
import { act, defineContract } from './kit';
import { none } from './schemas';

/** Subscribe messages: the template ids to ask grants for and staff alert subscriptions (the outbox worker is the function's timer). */
export const notifyContract = defineContract('notify', {
  /** The template ids for `wx.requestSubscribeMessage`. */
  templates: act(none).answers<TemplateList>(),
  /** Staff: after granting ORDER_ALERT, receive alerts for their area (`on: false` stops them). */
  subscribeAlerts: act(z.object({ on: z.boolean() }).strict(), [ErrorCode.Forbidden, ErrorCode.OutOfScope]).answers<AlertSubscription>(),
});
export type NotifyContract = typeof notifyContract;
