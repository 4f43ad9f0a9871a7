/**
 * Input schemas every contract shares, declared once: ids, cursors, page sizes, times, request
 * ids, photos. A function's own fields live in its contract.
 */
import { z } from 'zod';
import { CLOUD_FILE_ID, PAGE_SIZE_MAX } from '../domain/order/order.rules';
import { REQUEST_ID, REQUEST_ID_MAX, REQUEST_ID_MIN } from '../domain/shared/request-id';

/** A document id (or an openid) as a page sends it. */
export const id = z.string().trim().min(1).max(64);

/** An action that takes nothing. */
export const none = z.object({}).strict();

/** The opaque `nextCursor` a list answered, sent back for the next page. */
export const cursor = z.string().min(1).max(128);

export const pageSize = z.number().int().min(1).max(PAGE_SIZE_MAX);

export const epochMs = z.number().int('时间须为毫秒时间戳').positive('时间须为毫秒时间戳');

/** A create action's client request id (see src/domain/shared/request-id.ts). */
export const requestId = z
  .string()
  .min(REQUEST_ID_MIN, `requestId 至少 ${REQUEST_ID_MIN} 位`)
  .max(REQUEST_ID_MAX, `requestId 最多 ${REQUEST_ID_MAX} 位`)
  .regex(REQUEST_ID, 'requestId 只能包含字母、数字、- 和 _');

/** A file the caller uploaded to cloud storage (`cloud://…`). */
export const cloudFileId = (what = '图片') => z.string().regex(CLOUD_FILE_ID, `${what}须为已上传的云文件（cloud://）`);

/** Up to `max` uploaded photos. */
export const photos = (max: number) => z.array(cloudFileId()).max(max, `最多上传 ${max} 张图片`);
