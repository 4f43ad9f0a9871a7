/**
 * What the announce function answers for editing: one contract the cloud function builds and the
 * compose page reads (pure types, so both sides import the same definition).
 */
import type { AnnouncementCategory, AnnouncementState } from './announce.types';

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
