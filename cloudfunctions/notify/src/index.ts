import { z } from 'zod';
import { currentActor, requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { action, defineUntypedFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { drainOutbox } from '../../../server/notify/outbox-worker';
import { subscribeAlerts, templates } from '../../../server/notify/subscriptions';

const principal = () => loadPrincipal(requireActor());

/** Subscribe messages: the template ids to ask grants for, staff alert subscriptions, and the outbox worker (timer). */
const actions = defineUntypedFunction({
  /** `{}` → `{ items: [{ key, templateId, title }], keys }` for `wx.requestSubscribeMessage`. */
  templates: action({ input: z.object({}).strict(), run: async () => templates() }),
  /** Staff: `{ on }` → `{ scopes, on }`; after granting ORDER_ALERT, receive alerts for their area. */
  subscribeAlerts: action({
    input: z.object({ on: z.boolean() }).strict(),
    run: async (input) => subscribeAlerts(await principal(), input, now()),
  }),
});

/**
 * The `drain` timer (config.json, every minute) sends due outbox rows. Timer events arrive as
 * `{ Type: 'Timer' }` with no caller; a user who sends the same body gets ordinary routing.
 */
export async function main(event: unknown) {
  const timer = (event as { Type?: unknown } | null)?.Type === 'Timer';
  if (timer && !currentActor()) {
    try {
      return { ok: true, data: await drainOutbox(now()) };
    } catch (err) {
      console.error('[notify] outbox drain failed', err);
      return { ok: false, code: 'SYS.INTERNAL', message: '消息发送失败' };
    }
  }
  return actions(event);
}
