import Taro from '@tarojs/taro';
import { identityFn } from '@/contracts';
import { PHOTOS_MAX } from '@/domain/order/order.rules';
import { CloudCallError, callCloud, uploadCloudFile } from './cloud';

/**
 * Photos for orders, completion reports and announcement covers: choose, upload to cloud storage,
 * keep the fileIDs (cloud://). Both builds: WeChat Cloud storage in weapp, the local gateway in the
 * browser (Taro.chooseImage opens a file input there). Show them with `CloudImage`.
 */
export const PHOTOS_SUPPORTED = true;

/** Some photos went up before one failed: the caller keeps `uploaded` and shows the message. */
export class PhotoUploadError extends CloudCallError {
  readonly uploaded: string[];

  constructor(cause: CloudCallError, uploaded: string[]) {
    super(cause.code, cause.message);
    this.name = 'PhotoUploadError';
    this.uploaded = uploaded;
  }
}

const EXTENSION_OF_TYPE: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

/** The browser's temp paths are blob: URLs without a name, so the file's type decides there. */
function extensionOf(file: { path: string; type?: string }): string {
  return EXTENSION_OF_TYPE[file.type ?? ''] ?? /\.(jpe?g|png|gif|webp)$/i.exec(file.path)?.[1]?.toLowerCase() ?? 'jpg';
}

function isCancel(err: unknown): boolean {
  const errMsg = (err as { errMsg?: unknown } | null)?.errMsg;
  return typeof errMsg === 'string' && /cancel|abort/i.test(errMsg);
}

/**
 * Lets the user choose up to `max - existing` photos and uploads them under `folder` (e.g.
 * `orders/<requestId>`), in the caller's own upload-key folder: the functions accept only files a
 * caller uploaded there (server/kit/uploads.ts). Answers their fileIDs, [] when the user cancelled. Throws a
 * CloudCallError with a message to show (a PhotoUploadError when some photos did go up).
 */
export async function chooseAndUploadPhotos(folder: string, existing: number, max = PHOTOS_MAX): Promise<string[]> {
  const room = max - existing;
  if (room <= 0) return [];
  let chosen: Taro.chooseImage.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch (err) {
    if (isCancel(err)) return [];
    throw new CloudCallError('CHOOSE_FAILED', '无法选择图片，请重试');
  }
  // A browser's file input does not enforce `count`.
  const files = chosen.tempFiles.slice(0, room);
  let uploadKey: string;
  try {
    ({ uploadKey } = await callCloud(identityFn, 'uploadKey'));
  } catch (err) {
    throw err instanceof CloudCallError ? err : new CloudCallError('UPLOAD_FAILED', '图片上传失败，请重试');
  }
  const ids: string[] = [];
  for (const [index, file] of files.entries()) {
    const cloudPath = `${folder}/${uploadKey}/${Date.now()}-${existing + index}.${extensionOf(file)}`;
    try {
      ids.push(await uploadCloudFile(cloudPath, file.path));
    } catch (err) {
      const cause = err instanceof CloudCallError ? err : new CloudCallError('UPLOAD_FAILED', '图片上传失败，请重试');
      throw ids.length > 0 ? new PhotoUploadError(cause, ids) : cause;
    }
  }
  return ids;
}
