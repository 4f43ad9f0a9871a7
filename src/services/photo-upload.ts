import Taro from '@tarojs/taro';
import { PHOTOS_MAX } from '@/domain/order/order.rules';

/**
 * Photos for orders and completion reports (weapp only): choose, upload to cloud storage, keep
 * the fileIDs (cloud://). The H5 build has no WeChat cloud storage upload, so pages hide the row.
 */
export const PHOTOS_SUPPORTED = process.env.TARO_ENV === 'weapp';

/** Chooses up to the remaining slots and uploads them under `folder` (e.g. `orders/<requestId>`). */
export async function chooseAndUploadPhotos(folder: string, existing: number): Promise<string[]> {
  const room = PHOTOS_MAX - existing;
  if (room <= 0) return [];
  const chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  const ids: string[] = [];
  for (const [index, filePath] of chosen.tempFilePaths.entries()) {
    const ext = /\.(\w{2,4})$/.exec(filePath)?.[1] ?? 'jpg';
    const res = await Taro.cloud.uploadFile({ cloudPath: `${folder}/${Date.now()}-${existing + index}.${ext}`, filePath });
    ids.push(res.fileID);
  }
  return ids;
}
