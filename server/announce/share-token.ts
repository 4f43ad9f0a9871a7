import { timingSafeEqual } from 'node:crypto';
import { secretDigest } from '../kit/pii-cipher';

/**
 * The token a 楼栋长's share card carries (`&st=` in its path): an HMAC of (announcement,
 * building) under the functions' secret, so only a card issued by a share task for that building
 * can name it. A group is bound to a building only from such a card (reads.ts).
 */
export const shareTokenOf = (announcementId: string, buildingId: string): string =>
  secretDigest('announce.share', `${announcementId}\n${buildingId}`).toString('base64url').slice(0, 22);

export function isShareToken(announcementId: string, buildingId: string, token: string | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(shareTokenOf(announcementId, buildingId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
