/**
 * Input schemas every contract shares, declared once: ids, cursors, page sizes, times, request
 * ids, photos. A function's own fields live in its contract.
 */
import { z } from 'zod';
import { CLOUD_FILE_ID, PAGE_SIZE_MAX } from '../domain/order/order.rules';
import { REQUEST_ID, REQUEST_ID_MAX, REQUEST_ID_MIN } from '../domain/shared/request-id';
import { cleanText, textLength } from '../domain/shared/text';

/**
 * Every free-text schema `text()` made, so a test can find all free-text fields of all contracts
 * by walking them (and tell them from ids, tokens and pattern-checked strings).
 */
export const TEXT_SCHEMAS = new WeakSet<z.ZodTypeAny>();
/** Strings that are not free text and carry no pattern: ids, cursors, opaque tokens. */
export const TOKEN_SCHEMAS = new WeakSet<z.ZodTypeAny>();
/** Every `cloudFileId()` schema: the fields that name an uploaded file. */
export const FILE_ID_SCHEMAS = new WeakSet<z.ZodTypeAny>();

export interface TextRule {
  /** What the field is called in messages: 请填写{label}, {label}最多 N 个字. */
  label: string;
  max: number;
  /** At least this many visible characters (1 for a required field). */
  min?: number;
  /** Keeps line breaks (a body, a description). */
  multiline?: boolean;
}

/**
 * THE schema of a free-text field: cleaned by the one text rule (src/domain/shared/text.ts: NFC,
 * no zero-width, control or blank-looking characters, trimmed), then `min` / `max` checked on the
 * characters left; the use case receives the cleaned text. Six U+200B are an empty field.
 */
export function text(rule: TextRule) {
  const min = rule.min ?? 0;
  const schema = z.string().transform((raw, ctx) => {
    const cleaned = cleanText(raw, rule.multiline);
    const length = textLength(cleaned);
    if (min > 0 && length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `请填写${rule.label}` });
    else if (length < min) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${rule.label}至少 ${min} 个字` });
    else if (length > rule.max) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${rule.label}最多 ${rule.max} 个字` });
    return cleaned;
  });
  TEXT_SCHEMAS.add(schema);
  return schema;
}

/** An opaque string the client got from us or from WeChat (a template id, an encrypted group id): never shown, only bounded. */
export function token(max: number) {
  const schema = z.string().trim().min(1).max(max);
  TOKEN_SCHEMAS.add(schema);
  return schema;
}

/** A document id (or an openid) as a page sends it. */
export const id = token(64);

/** An action that takes nothing. */
export const none = z.object({}).strict();

/** The opaque `nextCursor` a list answered, sent back for the next page. */
export const cursor = token(128);

export const pageSize = z.number().int().min(1).max(PAGE_SIZE_MAX);

export const epochMs = z.number().int('时间须为毫秒时间戳').positive('时间须为毫秒时间戳');

/** A create action's client request id (see src/domain/shared/request-id.ts). */
export const requestId = z
  .string()
  .min(REQUEST_ID_MIN, `requestId 至少 ${REQUEST_ID_MIN} 位`)
  .max(REQUEST_ID_MAX, `requestId 最多 ${REQUEST_ID_MAX} 位`)
  .regex(REQUEST_ID, 'requestId 只能包含字母、数字、- 和 _');

/** A file the caller uploaded to cloud storage (`cloud://…`). */
export function cloudFileId(what = '图片') {
  const schema = z.string().regex(CLOUD_FILE_ID, `${what}须为已上传的云文件（cloud://）`);
  FILE_ID_SCHEMAS.add(schema);
  return schema;
}

/** Up to `max` uploaded photos. */
export const photos = (max: number) => z.array(cloudFileId()).max(max, `最多上传 ${max} 张图片`);
