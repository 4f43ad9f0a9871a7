/**
 * What the announce function answers: one contract the cloud function builds and the pages read
 * (pure types, so both sides import the same definitions instead of copying them).
 */
import type { HouseholdAwarenessReport } from '../grid/grid.views';
import type { AwarenessReport, UnreadHousehold } from './announce.awareness';
import type { Block } from './announce.body';
import type { AnnouncementCategory, AnnouncementState, Channel, DeliveryState } from './announce.types';

/** One page of a list, newest first; `nextCursor` is sent back for the next page (null: no more). */
export interface AnnouncePage<T> {
  items: T[];
  nextCursor: string | null;
}

/** `update`: the draft as saved, with the version to save or publish against next. */
export interface SavedDraft {
  id: string;
  state: AnnouncementState;
  version: number;
}

/** `create`: the new draft; `duplicate` when a retry found the draft its first attempt made. */
export interface CreatedDraft extends SavedDraft {
  duplicate: boolean;
}

/** `draft`: a draft or scheduled announcement opened for editing, with the version to save against. */
export interface DraftView {
  id: string;
  state: AnnouncementState;
  title: string;
  body: string;
  category: AnnouncementCategory;
  coverFileId: string | null;
  targets: string[];
  publishAt: number | null;
  /** Its `updatedAt`: update / discard / publish refuse when it moved on meanwhile. */
  version: number;
}

/** What a resident sees on the detail page. */
export interface AnnouncementView {
  id: string;
  title: string;
  category: AnnouncementCategory;
  coverFileId: string | null;
  blocks: Block[];
  /** Plain text of the body (for accessibility / share descriptions). */
  text: string;
  publishedAt: number | null;
  state: AnnouncementState;
}

/** One 小区 of a preview's recipients: its 楼栋 that the chosen targets reach, in org-tree order. */
export interface RecipientEstate {
  id: string;
  name: string;
  communityName: string;
  buildings: string[];
}

/** `preview`: the announcement as residents will see it, with its schedule and the version to publish. */
export interface PreviewView extends AnnouncementView {
  sharePath: string;
  publishAt: number | null;
  version: number;
  /** Who it goes to: every 楼栋 under the chosen targets (each once), by 小区, before 发布. */
  recipients: { buildings: number; estates: RecipientEstate[] };
}

/** How a share card's open inside a group was counted. */
export interface GroupOutcome {
  /** `counted`: a first open from this group by this person; `repeat`: opened before; `invalid`: the CloudID did not decrypt. */
  status: 'counted' | 'repeat' | 'invalid' | 'not_targeted';
  /** True when this open bound a so far unknown group to the card's building. */
  bound: boolean;
  buildingId: string | null;
}

/** `detail`: the announcement, and how this open was recorded (nothing for a draft shown to its managers). */
export interface DetailView extends AnnouncementView {
  read: boolean;
  /** True on the reader's first open. */
  firstRead?: boolean;
  /** True when the reader lives in a targeted building now (the read counts for 知晓率). */
  counted: boolean;
  group: GroupOutcome | null;
}

export interface FeedItem {
  id: string;
  title: string;
  category: AnnouncementCategory;
  coverFileId: string | null;
  excerpt: string;
  publishedAt: number;
  read: boolean;
}

export interface PublishResult {
  id: string;
  state: AnnouncementState;
  publishAt: number | null;
  buildings: number;
  planned: Record<Channel, number>;
}

export type FeedPage = AnnouncePage<FeedItem>;

/** One of 我发布的公告. */
export interface MineItem {
  id: string;
  title: string;
  category: AnnouncementCategory;
  state: AnnouncementState;
  publishAt: number | null;
  publishedAt: number | null;
  createdAt: number;
  buildings: number;
  /** Its `updatedAt`, for discard. */
  version: number;
}

/** `subscribeGrant`: the one-time grants the resident now holds for the template. */
export interface SubscribeGrantView {
  templateId: string;
  remaining: number;
}

/** 发送进度 of one channel. */
export interface ChannelProgress {
  planned: number;
  sent: number;
  pending: number;
  failed: number;
  noGrant: number;
}

export interface ProgressView {
  id: string;
  state: AnnouncementState;
  buildings: number;
  plannedBuildings: number;
  channels: Record<Channel, ChannelProgress>;
}

/** 知晓率 of one announcement, per 社区 / 小区 / 楼栋 (announce.awareness.ts). */
export interface AwarenessView extends AwarenessReport {
  id: string;
  title: string;
  /** By household: read in the app, told at the door (敲门), and either (the union), per building and in total. */
  households: HouseholdAwarenessReport;
}

/** A building head's 转发任务: one announcement to forward into one building's group. */
export interface ShareTask {
  announcementId: string;
  title: string;
  category: AnnouncementCategory;
  coverFileId: string | null;
  buildingId: string;
  /** The detail page of this announcement for this building. */
  path: string;
  /** The card's proof that this building's share task issued it: the share card's path is `detailPathOf(…, buildingId, shareToken)`. */
  shareToken: string;
  state: DeliveryState;
  publishedAt: number | null;
}

/** 未读住户 of one building, for 敲门. */
export interface UnreadView {
  id: string;
  buildingId: string;
  buildingName: string;
  residents: number;
  readers: number;
  households: UnreadHousehold[];
}
