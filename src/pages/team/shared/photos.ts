import Taro from '@tarojs/taro';
import { PHOTOS_MAX } from '@/domain/order/order.rules';

/**
 * Completion-report photos (weapp only): choose, upload to cloud storage, keep the fileIDs (cloud://).
 * The H5 build has no cloud storage upload: the report is sent without photos there.
 */
export const PHOTOS_SUPPORTED = process.env.TARO_ENV === 'weapp';

export async function chooseAndUploadReportPhotos(orderId: string, existing: number): Promise<string[]> {
  const room = PHOTOS_MAX - existing;
  if (room <= 0) return [];
  const chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  const ids: string[] = [];
  for (const [index, filePath] of chosen.tempFilePaths.entries()) {
    const ext = /\.(\w{2,4})$/.exec(filePath)?.[1] ?? 'jpg';
    const res = await Taro.cloud.uploadFile({ cloudPath: `reports/${orderId}/${Date.now()}-${existing + index}.${ext}`, filePath });
    ids.push(res.fileID);
  }
  return ids;
}
