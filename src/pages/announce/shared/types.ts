/** What the `announce` function answers (cloudfunctions/announce/src/index.ts, server/announce/*). */
import type { AnnouncementView, FeedItem } from '@/domain/announce/announce.views';

export type { AnnouncementView, FeedItem, PublishResult } from '@/domain/announce/announce.views';

import type { AnnouncementCategory, AnnouncementState, Channel, DeliveryState } from '@/domain/announce/announce.types';

export interface PreviewView extends AnnouncementView {
  sharePath: string;
  publishAt: number | null;
  version: number;
}

export interface DetailView extends AnnouncementView {
  read: boolean;
  firstRead?: boolean;
  counted: boolean;
  group: { status: 'counted' | 'repeat' | 'invalid' | 'not_targeted'; bound: boolean; buildingId: string | null } | null;
}

export interface FeedPage {
  items: FeedItem[];
  nextCursor: string | null;
}

export interface MineItem {
  id: string;
  title: string;
  category: AnnouncementCategory;
  state: AnnouncementState;
  publishAt: number | null;
  publishedAt: number | null;
  createdAt: number;
  buildings: number;
  version: number;
}

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

export interface RateView {
  residents: number;
  readers: number;
  rate: number;
  groupReads: number;
}

export interface BuildingAwarenessView extends RateView {
  id: string;
  name: string;
  unread: number;
}

export interface EstateAwarenessView extends RateView {
  id: string;
  name: string;
  buildings: BuildingAwarenessView[];
}

export interface CommunityAwarenessView extends RateView {
  id: string;
  name: string;
  estates: EstateAwarenessView[];
}

export interface AwarenessView extends RateView {
  id: string;
  title: string;
  communities: CommunityAwarenessView[];
}

export interface ShareTask {
  announcementId: string;
  title: string;
  category: AnnouncementCategory;
  coverFileId: string | null;
  buildingId: string;
  path: string;
  state: DeliveryState;
  publishedAt: number | null;
}

export interface UnreadView {
  id: string;
  buildingId: string;
  buildingName: string;
  residents: number;
  readers: number;
  households: { room: string; names: string[]; residents: number }[];
}

export interface OrgNode {
  _id: string;
  kind: 'subdistrict' | 'community' | 'estate' | 'building' | string;
  name: string;
  children: OrgNode[];
}

export type { DraftView } from '@/domain/announce/announce.views';
