import { Image } from '@tarojs/components';

/** The announcement's cover image (a cloud:// file), full width above the body; nothing without one. */
export function AnnouncementCover({ fileId }: { fileId: string | null }) {
  if (!fileId) return null;
  return <Image className="ann-cover" src={fileId} mode="widthFix" />;
}
