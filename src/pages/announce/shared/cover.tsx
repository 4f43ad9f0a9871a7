import { CloudImage } from '@/components/cloud-image';

/** The announcement's cover image (a cloud:// file), full width above the body; nothing without one. */
export function AnnouncementCover({ fileId }: { fileId: string | null }) {
  if (!fileId) return null;
  return <CloudImage fileID={fileId} className="ann-cover" mode="widthFix" />;
}

/** The cover as a banner on top of a list card (feed, share tasks). */
export function CardCover({ fileId }: { fileId: string | null }) {
  if (!fileId) return null;
  return <CloudImage fileID={fileId} className="ann-card__cover" mode="aspectFill" />;
}
