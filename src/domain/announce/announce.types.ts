/**
 * Announcements (公告) pushed to the grid, their delivery outbox and the read ledger, as stored.
 *
 * Pure types and constants: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import { OUTBOX_STATES, type OutboxRow } from '../shared/outbox';
import type { Block } from './announce.body';

export const ANNOUNCEMENT_CATEGORIES = ['创城宣传', '政策宣传', '活动招募', '温馨提示'] as const;
export type AnnouncementCategory = (typeof ANNOUNCEMENT_CATEGORIES)[number];

/**
 * draft → (publish) → scheduled (a 定时发布 time) → publishing → published; draft → publishing
 * when published now. 修改 (update) keeps a draft a draft and takes a scheduled one back to
 * draft (announce.rules.ts EDITABLE_STATES); 删除 removes either. `publishing`: content checked,
 * targets fixed, deliveries being planned in chunks (a big announcement may take several runs;
 * the `drain` timer resumes it).
 */
export const ANNOUNCEMENT_STATES = ['draft', 'scheduled', 'publishing', 'published'] as const;
export type AnnouncementState = (typeof ANNOUNCEMENT_STATES)[number];

export const ANNOUNCEMENT_STATE_LABELS: Readonly<Record<AnnouncementState, string>> = {
  draft: '草稿',
  scheduled: '定时发布',
  publishing: '发布中',
  published: '已发布',
};

export const CHANNELS = ['feed', 'subscribe', 'robot', 'share_task'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  feed: '小程序公告',
  subscribe: '订阅消息',
  robot: '群机器人',
  share_task: '转发任务',
};

/**
 * Delivery states: the outbox's (src/domain/shared/outbox.ts: `planned` → `sending` → `sent`,
 * or `no_grant` / `failed`) plus the success states of the channels that call nothing out:
 * `delivered` (feed) and `ready` (share task). See server/kit/outbox.ts for the
 * claim → mark called → call → record protocol.
 */
export const DELIVERY_STATES = [...OUTBOX_STATES, 'delivered', 'ready'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** The success state of each channel. */
export const DONE_STATE: Readonly<Record<Channel, DeliveryState>> = {
  feed: 'delivered',
  subscribe: 'sent',
  robot: 'sent',
  share_task: 'ready',
};

/** Document of collection `announcements`. */
export interface AnnouncementDoc {
  _id: string;
  title: string;
  /** Markdown-lite source (announce.body.ts). */
  body: string;
  blocks: Block[];
  coverFileId: string | null;
  category: AnnouncementCategory;
  /** Org unit ids as the author picked them (communities, estates, buildings). */
  targets: string[];
  /** Distinct buildings the targets expand to (fixed at publish). */
  buildingIds: string[];
  publishAt: number | null;
  state: AnnouncementState;
  authorOpenid: string;
  /** Sort key of lists: publishedAt (or createdAt for drafts). */
  publishedAt: number | null;
  /** Planning progress: buildings [0, planCursor) of `buildingIds` are planned. */
  planCursor: number;
  planLeaseUntil: number;
  planToken: string | null;
  /** Rows planned so far, per channel. */
  planned: Record<Channel, number>;
  createdAt: number;
  updatedAt: number;
}

/** Document of collection `announcement_targets`: one per (announcement, building). `_id` = `${announcementId}:${buildingId}`. */
export interface AnnouncementTargetDoc {
  _id: string;
  announcementId: string;
  buildingId: string;
  buildingName: string;
  estateId: string;
  communityId: string;
  /** publishedAt of the announcement: the feed's sort key. */
  publishedAt: number;
  /**
   * Confirmed residents bound when the deliveries were planned (the feed rows planned). Not the
   * awareness denominator: 知晓率 counts the residents there now (announce.awareness.ts).
   */
  residents: number;
  /** Distinct people who opened the share card from a group of this building. */
  groupReads: number;
}

/**
 * Document of collection `announcement_deliveries` (the outbox, src/domain/shared/outbox.ts):
 * `_id` = the unique key; the protocol fields (`state`, `attempts`, lease, `calledAt` …) are the
 * shared row's.
 */
export interface DeliveryDoc extends OutboxRow<DeliveryState> {
  announcementId: string;
  channel: Channel;
  /** openid (feed, subscribe, share_task) or WeChat group id (robot). */
  recipient: string;
  buildingId: string;
}

/** Document of collection `announcement_reads`: one per (announcement, reader). */
export interface ReadDoc {
  _id: string;
  announcementId: string;
  openid: string;
  /**
   * The reader's confirmed building at the time, when it is one of the targets, else null. A
   * record of where the read came from: awareness places readers by their binding now.
   */
  buildingId: string | null;
  via: 'feed' | 'group';
  at: number;
}

/** Document of collection `announcement_group_reads`: one per (announcement, group, opener). */
export interface GroupReadDoc {
  _id: string;
  announcementId: string;
  opengid: string;
  groupId: string | null;
  buildingId: string;
  openid: string;
  at: number;
}

/** Document of collection `announce_subscribe_grants`: a resident's grants for the announcement template. `_id` = openid. */
export interface SubscribeGrantDoc {
  _id: string;
  templateId: string;
  buildingId: string | null;
  /** One-time grants not yet used (each `wx.requestSubscribeMessage` accept adds one). */
  remaining: number;
  at: number;
}
