import {
  createAnnouncement,
  discardAnnouncement,
  draftOf,
  myAnnouncements,
  previewAnnouncement,
  publishAnnouncement,
  recordSubscribeGrant,
  updateAnnouncement,
} from '../../../server/announce/compose';
import { awareness, detail, feed, progress, shareTasks, unread } from '../../../server/announce/reads';
import { drainAnnouncements } from '../../../server/announce/worker';
import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { config } from '../../../server/kit/config';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { announceContract } from '../../../src/contracts/announce.contract';

const principal = () => loadPrincipal(requireActor());

/**
 * Announcements (公告): compose, publish to the grid, reads and 知晓率. The `drain` timer
 * (config.json, every minute) publishes scheduled announcements, plans big ones and sends the
 * delivery outbox.
 */
export const main = defineFunction(
  announceContract,
  {
    create: async (input) => createAnnouncement(await principal(), input, now()),
    draft: async (input) => draftOf(requireActor(), input),
    update: async (input) => updateAnnouncement(requireActor(), input, now()),
    discard: async (input) => discardAnnouncement(requireActor(), input),
    preview: async (input) => previewAnnouncement(requireActor(), input),
    publish: async (input) => publishAnnouncement(requireActor(), input, now()),
    mine: async (input) => myAnnouncements(await principal(), input),
    subscribeTemplate: async () => ({ templateId: config().templateId('ANNOUNCEMENT') }),
    subscribeGrant: async (input) => recordSubscribeGrant(await principal(), input, now()),
    feed: async (input) => feed(await principal(), input),
    detail: async (input) => detail(await principal(), input, now()),
    awareness: async (input) => awareness(requireActor(), input),
    progress: async (input) => progress(requireActor(), input),
    shareTasks: async (input) => shareTasks(await principal(), input),
    unread: async (input) => unread(await principal(), input),
  },
  { timer: { run: () => drainAnnouncements(now()), failure: '公告发送失败' } },
);
