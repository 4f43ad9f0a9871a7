import Taro from '@tarojs/taro';
import { PHOTOS_MAX } from '@/domain/order/order.rules';

/**
 * Photos for an order (weapp only): choose, then upload to cloud storage and keep the fileIDs.
 * The H5 build has no cloud storage upload, so the form hides the photo row there.
 */
export const PHOTOS_SUPPORTED = process.env.TARO_ENV === 'weapp';

export async function chooseAndUpload(existing: number, requestId: string): Promise<string[]> {
  const room = PHOTOS_MAX - existing;
  if (room <= 0) return [];
  const chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  const ids: string[] = [];
  for (const [index, filePath] of chosen.tempFilePaths.entries()) {
    const ext = /\.(\w{2,4})$/.exec(filePath)?.[1] ?? 'jpg';
    const res = await Taro.cloud.uploadFile({ cloudPath: `orders/${requestId}/${Date.now()}-${existing + index}.${ext}`, filePath });
    ids.push(res.fileID);
  }
  return ids;
}
