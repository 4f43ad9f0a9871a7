import { z } from 'zod';
import { BODY_MAX, TARGETS_MAX, TITLE_MAX } from '../domain/announce/announce.rules';
import { ANNOUNCEMENT_CATEGORIES } from '../domain/announce/announce.types';
import type {
  AnnouncePage,
  AwarenessView,
  CreatedDraft,
  DetailView,
  DraftView,
  FeedItem,
  MineItem,
  PreviewView,
  ProgressView,
  PublishResult,
  SavedDraft,
  ShareTask,
  SubscribeGrantView,
  UnreadView,
} from '../domain/announce/announce.views';
import { ErrorCode } from '../domain/shared/domain-error';
import { act, defineContract } from './kit';
import { cloudFileId, cursor, id, none, requestId, text, token } from './schemas';

/** The author's fields of a draft, as `create` takes them and `update` replaces them. */
const draftFields = {
  title: text({ label: '标题', min: 1, max: TITLE_MAX }),
  body: text({ label: '正文', min: 1, max: BODY_MAX, multiline: true }),
  coverFileId: cloudFileId('封面').optional(),
  category: z.enum(ANNOUNCEMENT_CATEGORIES, { errorMap: () => ({ message: `类别须为 ${ANNOUNCEMENT_CATEGORIES.join('、')} 之一` }) }),
  targets: z.array(id).min(1, '请选择推送范围').max(TARGETS_MAX, `推送范围最多 ${TARGETS_MAX} 个`),
  /** 定时发布 time (ms); absent → 立即发布. */
  publishAt: z.number().int('定时发布时间须为毫秒时间戳').positive('定时发布时间须为毫秒时间戳').optional(),
};
/** The `updatedAt` the editor loaded (draft / preview / mine answer it as `version`). */
const version = z.number().int().nonnegative();
const byId = z.object({ id }).strict();
const page = z.object({ cursor: cursor.optional() }).strict();

const { NotFound, Forbidden, OutOfScope, Conflict, InvalidTransition, ContentRisky, ContentCheckUnavailable, BindingRequired } = ErrorCode;
/** Reading or managing one announcement: it may be gone, or outside the caller's area. */
const managed = [NotFound, Forbidden, OutOfScope] as const;

/** 公告: compose, publish to the grid, reads and 知晓率 (the delivery worker is the function's timer). */
export const announceContract = defineContract('announce', {
  /** 新建公告 (draft); with a request id a retry answers the draft the first attempt made. */
  create: act(z.object({ ...draftFields, requestId: requestId.optional() }).strict(), managed).answers<CreatedDraft>(),
  /** 修改: a draft or scheduled announcement to edit (its fields and version). */
  draft: act(byId, [...managed, InvalidTransition]).answers<DraftView>(),
  /** 保存修改: replaces every field of a draft / scheduled one (back to draft), at the version loaded. */
  update: act(z.object({ id, version, ...draftFields }).strict(), [...managed, InvalidTransition, Conflict]).answers<SavedDraft>(),
  /** 删除草稿 (draft or scheduled), at the version loaded. */
  discard: act(z.object({ id, version }).strict(), [...managed, InvalidTransition, Conflict]).answers<{ id: string }>(),
  preview: act(byId, managed).answers<PreviewView>(),
  /** 发布 (or schedule, when the draft has a time); `version` (the preview's) guards against publishing unseen edits. */
  publish: act(z.object({ id, version: version.optional() }).strict(), [
    ...managed,
    Conflict,
    ContentRisky,
    ContentCheckUnavailable,
  ]).answers<PublishResult>(),
  /** 我发布的公告, 20 per page. */
  mine: act(page).answers<AnnouncePage<MineItem>>(),
  /** The 公告提醒 template id to ask the grant for (env TEMPLATE_ANNOUNCEMENT of this function). */
  subscribeTemplate: act(none).answers<{ templateId: string }>(),
  /** A resident's own grant (a template other than 公告提醒 is refused as INPUT.INVALID). */
  subscribeGrant: act(z.object({ templateId: token(128) }).strict()).answers<SubscribeGrantView>(),
  /** A confirmed resident's 公告 feed. */
  feed: act(page, [BindingRequired]).answers<AnnouncePage<FeedItem>>(),
  /** 公告详情: records the read (and the group open, from a share card); anyone may read a published one, a draft only its managers. */
  detail: act(
    z
      .object({
        id,
        groupCloudId: token(4096).optional(),
        buildingId: id.optional(),
        /** The share card's token for (id, buildingId): without it the card's building is not trusted. */
        shareToken: token(64).optional(),
      })
      .strict(),
    [NotFound, Conflict],
  ).answers<DetailView>(),
  awareness: act(byId, managed).answers<AwarenessView>(),
  progress: act(byId, managed).answers<ProgressView>(),
  /** A building head's 转发任务. */
  shareTasks: act(page, [Forbidden, OutOfScope]).answers<AnnouncePage<ShareTask>>(),
  /** 未读住户 of one building, for 敲门. */
  unread: act(z.object({ id, buildingId: id }).strict(), managed).answers<UnreadView>(),
});
export type AnnounceContract = typeof announceContract;
