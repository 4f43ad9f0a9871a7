/**
 * Files a caller may attach (an order's photos, a completion report's photos, an announcement's
 * cover): only files of this environment that exist and that the caller uploaded, under the
 * folder the field expects.
 *
 * How "the caller uploaded it" is known on WeChat Cloud: the server SDK cannot ask storage who
 * created a file (getTempFileURL / downloadFile answer no owner, storage rules only guard the
 * client), so ownership is carried by the path. Every upload goes to
 * `<folder>/…/<uploadKey>/<name>`, where `uploadKey` is an HMAC of the uploader's openid under
 * the functions' secret (identity.uploadKey answers the caller's own; it reveals no openid and
 * nobody can compute another person's). A caller can therefore only name files under their own
 * key: someone else's upload (different key), a file that does not exist (getTempFileURL says
 * so), another environment's id (its env prefix) and `..` paths are all refused. Someone
 * uploading under another person's key only hands that person a file, which grants nothing.
 * Files already on the record being edited (an unchanged cover) are kept without re-checking.
 */
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { secretDigest } from './pii-cipher';
import { wxCloud } from './wx-cloud';

/** Where each kind of attachment is uploaded (the first segment of its cloud path). */
export const UPLOAD_FOLDERS = { orderPhoto: 'orders', reportPhoto: 'reports', cover: 'announce', problemPhoto: 'problems' } as const;
export type UploadFolder = (typeof UPLOAD_FOLDERS)[keyof typeof UPLOAD_FOLDERS];

/** The caller's own upload key (a path segment): stable, unguessable, no openid in it. */
export const uploadKeyOf = (openid: string): string => `u${secretDigest('upload.owner', openid).toString('hex').slice(0, 20)}`;

const FILE_ID = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/;

function currentEnv(): string {
  const ctx = wxCloud().getWXContext() as { ENV?: string };
  return ctx.ENV || process.env.TCB_ENV || process.env.SCF_NAMESPACE || '';
}

/** Why a file id cannot be this caller's upload under `folder`, or undefined. */
export function uploadProblem(fileId: string, folder: UploadFolder, openid: string, env: string): string | undefined {
  const m = FILE_ID.exec(fileId);
  if (!m) return '须为已上传的云文件（cloud://）';
  if (m[1] !== env) return '不是本小程序上传的文件';
  const segments = (m[3] as string).split('/');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /[\\%?#\x00-\x1f]/.test(s))) return '文件路径不合法';
  if (segments[0] !== folder || segments.length < 3) return '不是在这里上传的图片';
  if (segments[segments.length - 2] !== uploadKeyOf(openid)) return '只能使用自己上传的图片';
  return undefined;
}

/**
 * Refuses (INPUT.INVALID, with what is wrong) unless every file in `fileIds` is the caller's own
 * existing upload under `folder`; files in `kept` (already on the record) pass as they are.
 */
export async function assertOwnUploads(
  fileIds: readonly string[] | undefined,
  opts: { folder: UploadFolder; openid: string; what?: string; kept?: readonly string[] },
): Promise<void> {
  const what = opts.what ?? '图片';
  const fresh = [...new Set(fileIds ?? [])].filter((f) => !opts.kept?.includes(f));
  if (fresh.length === 0) return;
  const env = currentEnv();
  for (const f of fresh) {
    const problem = uploadProblem(f, opts.folder, opts.openid, env);
    if (problem) throw new DomainError(ErrorCode.InputInvalid, `${what}${problem}，请重新上传`);
  }
  const res = (await wxCloud().getTempFileURL({ fileList: fresh })) as { fileList?: { fileID: string; status: number }[] };
  const found = new Set((res.fileList ?? []).filter((x) => x.status === 0).map((x) => x.fileID));
  if (fresh.some((f) => !found.has(f))) throw new DomainError(ErrorCode.InputInvalid, `${what}不存在或已被删除，请重新上传`);
}
