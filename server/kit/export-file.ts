import { randomBytes } from 'node:crypto';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { ExportFileView } from '../../src/domain/shared/export-file.views';
import { wxCloud } from './wx-cloud';
import { type AnySheetSpec, buildWorkbook } from './xlsx';

/** How long the download link stays valid: long enough to open it on a slow phone, short enough not to leak. */
const LINK_SECONDS = 30 * 60;

/** File names keep Chinese and digits; anything a file system or a download header could trip on becomes _. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
}

/**
 * Makes the workbook, saves it under `exports/<area>/<date>/<random>/<fileName>` in cloud storage and
 * answers a signed link. The random folder keeps one export's link from guessing another's path.
 */
export async function saveSpreadsheet(args: {
  area: string;
  fileName: string;
  sheets: AnySheetSpec[];
  rowCount: number;
  truncated: boolean;
  now: number;
}): Promise<ExportFileView> {
  const buffer = await buildWorkbook(args.sheets);
  const day = new Date(args.now + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const fileName = safeFileName(args.fileName.endsWith('.xlsx') ? args.fileName : `${args.fileName}.xlsx`);
  const cloudPath = `exports/${args.area}/${day}/${randomBytes(8).toString('hex')}/${fileName}`;
  const cloud = wxCloud();
  const uploaded = (await cloud.uploadFile({ cloudPath, fileContent: buffer })) as { fileID?: string };
  if (!uploaded.fileID) throw new DomainError(ErrorCode.Internal, '导出文件保存失败，请稍后再试');
  const links = (await cloud.getTempFileURL({ fileList: [{ fileID: uploaded.fileID, maxAge: LINK_SECONDS }] })) as {
    fileList?: { tempFileURL?: string }[];
  };
  const url = links.fileList?.[0]?.tempFileURL;
  if (!url) throw new DomainError(ErrorCode.Internal, '导出文件链接生成失败，请稍后再试');
  return {
    fileName,
    fileID: uploaded.fileID,
    url,
    expiresAt: args.now + LINK_SECONDS * 1000,
    rowCount: args.rowCount,
    truncated: args.truncated,
  };
}
