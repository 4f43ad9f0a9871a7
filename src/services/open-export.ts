import Taro from '@tarojs/taro';
import type { ExportFileView } from '@/domain/shared/export-file.views';
import { CloudCallError } from './cloud';

/**
 * Opens a file a cloud function made: a spreadsheet export (default) or a PDF such as the
 * 志愿服务记录证明. In WeChat: download the signed link and open it with `openDocument` (showMenu
 * lets people forward it to a PC or save it); PC WeChat opens it in Excel / a PDF viewer.
 * In the browser build: an ordinary download of the file. Throws a CloudCallError with a Chinese
 * message to show.
 */
export async function openExport(file: ExportFileView, fileType: 'xlsx' | 'pdf' = 'xlsx'): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = file.url;
    link.download = file.fileName;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
    return;
  }
  let filePath: string;
  try {
    const res = await Taro.downloadFile({ url: file.url });
    if (res.statusCode !== 200) throw new Error(String(res.statusCode));
    filePath = res.tempFilePath;
  } catch {
    throw new CloudCallError('DOWNLOAD_FAILED', '文件下载失败，请检查网络后重试');
  }
  try {
    await Taro.openDocument({ filePath, fileType, showMenu: true });
  } catch {
    throw new CloudCallError(
      'OPEN_FAILED',
      fileType === 'pdf'
        ? '无法打开证明文件，请点右上角“…”用其他应用打开，或到电脑上查看'
        : '无法打开表格，请点右上角“…”用其他应用打开，或到电脑上查看',
    );
  }
}
