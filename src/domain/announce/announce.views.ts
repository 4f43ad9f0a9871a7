/**
 * What the announce function answers: one contract the cloud function builds and the pages read
 * (pure types, so both sides import the same definitions instead of copying them).
 */
import type { Block } from './announce.body';
import type { AnnouncementCategory, AnnouncementState, Channel } from './announce.types';

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
