import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { drainOutbox } from '../../../server/notify/outbox-worker';
import { subscribeAlerts, templates } from '../../../server/notify/subscriptions';
import { notifyContract } from '../../../src/contracts/notify.contract';

/**
 * Subscribe messages: the template ids to ask grants for and staff alert subscriptions. The
 * `drain` timer (config.json, every minute) sends due outbox rows.
 */
export const main = defineFunction(
  notifyContract,
  {
    templates: async () => templates(),
    subscribeAlerts: async (input) => subscribeAlerts(await loadPrincipal(requireActor()), input, now()),
  },
  { timer: { run: () => drainOutbox(now()), failure: '消息发送失败' } },
);
