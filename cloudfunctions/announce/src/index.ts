import { z } from 'zod';
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
import { announceTemplateId } from '../../../server/announce/template';
import { drainAnnouncements } from '../../../server/announce/worker';
import { currentActor, requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { action, defineUntypedFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { requestIdInput } from '../../../server/kit/request-id';
import { BODY_MAX, TARGETS_MAX, TITLE_MAX } from '../../../src/domain/announce/announce.rules';
import { ANNOUNCEMENT_CATEGORIES } from '../../../src/domain/announce/announce.types';
import { CLOUD_FILE_ID } from '../../../src/domain/order/order.rules';

const id = z.string().trim().min(1).max(64);
const cursor = z.string().min(1).max(32);
const principal = () => loadPrincipal(requireActor());

/** Announcements (公告): compose, publish to the grid, the delivery worker (timer), reads and 知晓率. */
/** The author's fields of a draft, as `create` takes them and `update` replaces them. */
const draftFields = {
  title: z.string().trim().min(1, '请填写标题').max(TITLE_MAX, `标题最多 ${TITLE_MAX} 个字`),
  body: z.string().trim().min(1, '请填写正文').max(BODY_MAX, `正文最多 ${BODY_MAX} 个字`),
  coverFileId: z.string().regex(CLOUD_FILE_ID, '封面须为已上传的云文件（cloud://）').optional(),
  category: z.enum(ANNOUNCEMENT_CATEGORIES, { errorMap: () => ({ message: `类别须为 ${ANNOUNCEMENT_CATEGORIES.join('、')} 之一` }) }),
  targets: z.array(id).min(1, '请选择推送范围').max(TARGETS_MAX, `推送范围最多 ${TARGETS_MAX} 个`),
  /** 定时发布 time (ms); absent → 立即发布. */
  publishAt: z.number().int('定时发布时间须为毫秒时间戳').positive('定时发布时间须为毫秒时间戳').optional(),
};
/** The `updatedAt` the editor loaded (draft / preview / mine answer it as `version`). */
const version = z.number().int().nonnegative();

const actions = defineUntypedFunction({
  /** 新建公告 (draft). */
  create: action({
    input: z.object({ ...draftFields, requestId: requestIdInput.optional() }).strict(),
    run: async (input) => createAnnouncement(await principal(), input, now()),
  }),
  /** 修改: a draft or scheduled announcement to edit (its fields and version). */
  draft: action({ input: z.object({ id }).strict(), run: async (input) => draftOf(await principal(), input) }),
  /** 保存修改: replaces every field of a draft / scheduled one (back to draft), at the version loaded. */
  update: action({
    input: z.object({ id, version, ...draftFields }).strict(),
    run: async (input) => updateAnnouncement(await principal(), input, now()),
  }),
  /** 删除草稿 (draft or scheduled), at the version loaded. */
  discard: action({
    input: z.object({ id, version }).strict(),
    run: async (input) => discardAnnouncement(await principal(), input),
  }),
  preview: action({ input: z.object({ id }).strict(), run: async (input) => previewAnnouncement(await principal(), input) }),
  /** 发布 (or schedule, when the draft has a time); `version` (the preview's) guards against publishing unseen edits. */
  publish: action({
    input: z.object({ id, version: version.optional() }).strict(),
    run: async (input) => publishAnnouncement(await principal(), input, now()),
  }),
  mine: action({
    input: z.object({ cursor: cursor.optional() }).strict(),
    run: async (input) => myAnnouncements(await principal(), input),
  }),
  /** The 公告提醒 template id to ask the grant for (env TEMPLATE_ANNOUNCEMENT of this function). */
  subscribeTemplate: action({ input: z.object({}).strict(), run: async () => ({ templateId: announceTemplateId() }) }),
  subscribeGrant: action({
    input: z.object({ templateId: z.string().trim().min(1).max(128) }).strict(),
    run: async (input) => recordSubscribeGrant(await principal(), input, now()),
  }),
  feed: action({ input: z.object({ cursor: cursor.optional() }).strict(), run: async (input) => feed(await principal(), input) }),
  detail: action({
    input: z.object({ id, groupCloudId: z.string().min(1).max(4096).optional(), buildingId: id.optional() }).strict(),
    run: async (input) => detail(await principal(), input, now()),
  }),
  awareness: action({ input: z.object({ id }).strict(), run: async (input) => awareness(await principal(), input) }),
  progress: action({ input: z.object({ id }).strict(), run: async (input) => progress(await principal(), input) }),
  shareTasks: action({
    input: z.object({ cursor: cursor.optional() }).strict(),
    run: async (input) => shareTasks(await principal(), input),
  }),
  unread: action({ input: z.object({ id, buildingId: id }).strict(), run: async (input) => unread(await principal(), input) }),
});

/**
 * The `drain` timer (config.json, every minute): scheduled announcements, planning of big ones,
 * and the delivery outbox. Timer events arrive as `{ Type: 'Timer' }` with no caller.
 */
export async function main(event: unknown) {
  const timer = (event as { Type?: unknown } | null)?.Type === 'Timer';
  if (timer && !currentActor()) {
    try {
      return { ok: true, data: await drainAnnouncements(now()) };
    } catch (err) {
      console.error('[announce] drain failed', err);
      return { ok: false, code: 'SYS.INTERNAL', message: '公告发送失败' };
    }
  }
  return actions(event);
}
