import type { Workbook } from 'exceljs';

/** One column of an exported sheet: the Chinese header the 街道's own reports use, and how to read a row. */
export interface SheetColumn<Row> {
  header: string;
  /** Width in characters; defaults from the header. */
  width?: number;
  value: (row: Row) => string | number | Date | null | undefined;
  /** Excel number format, e.g. 'yyyy-mm-dd hh:mm' for dates or '0.0' for hours. */
  numFmt?: string;
}

/** A workbook's sheets each have their own row type; each spec is type-checked where it is built. */
// biome-ignore lint/suspicious/noExplicitAny: the row type is erased once a spec joins a workbook
export type AnySheetSpec = SheetSpec<any>;

export interface SheetSpec<Row> {
  /** Sheet tab name (Excel allows 31 characters and no []:*?/\). */
  name: string;
  columns: SheetColumn<Row>[];
  rows: Iterable<Row>;
  /** Optional title line above the header, e.g. the period and the scope. */
  title?: string;
}

/** China Standard Time offset: Excel has no time zones, so dates are written as Beijing wall-clock time. */
const CST_MS = 8 * 3600 * 1000;

/** An epoch-ms instant as a Date whose UTC fields read as Beijing time (what Excel will show). */
export function excelTime(epochMs: number | null | undefined): Date | null {
  return typeof epochMs === 'number' && Number.isFinite(epochMs) ? new Date(epochMs + CST_MS) : null;
}

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;

type StreamingExcel = {
  stream: { xlsx: { WorkbookWriter: new (options: Record<string, unknown>) => Workbook & { commit(): Promise<void> } } };
};

/**
 * Builds an .xlsx. exceljs is loaded on first use, not when the function starts: an export is
 * rare and the library is large, and every other call of the function should not pay for it at
 * cold start. Rows are written through exceljs's streaming writer and committed one by one, so a
 * 10,000-row sheet costs a few MB beside the zip rather than a cell object per value (the in-memory
 * workbook took about 220 MB and twice the time for 10,000 × 13 cells).
 */
export async function buildWorkbook(sheets: AnySheetSpec[]): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  // In the bundle this stays a native import() of a CommonJS package: Node answers its exports under `default`.
  const excel = (await import('exceljs')) as unknown as StreamingExcel & { default?: StreamingExcel };
  const streaming = excel.stream ?? excel.default?.stream;
  if (!streaming) throw new Error('exceljs has no streaming writer');
  const { WorkbookWriter } = streaming.xlsx;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const book = new WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = '新时代文明实践志愿服务';
  book.created = new Date();
  for (const spec of sheets as SheetSpec<unknown>[]) {
    const headerRow = spec.title ? 2 : 1;
    const sheet = book.addWorksheet(spec.name.replace(INVALID_SHEET_CHARS, ' ').slice(0, 31) || 'Sheet1', {
      views: [{ state: 'frozen', ySplit: headerRow }],
    });
    sheet.columns = spec.columns.map((c) => ({
      width: c.width ?? Math.max(8, c.header.length * 2 + 2),
      ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
    }));
    if (spec.title) {
      const title = sheet.addRow([spec.title]);
      title.font = { bold: true, size: 13 };
      sheet.mergeCells(1, 1, 1, Math.max(1, spec.columns.length));
      title.commit();
    }
    const header = sheet.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    header.commit();
    for (const row of spec.rows) sheet.addRow(spec.columns.map((c) => c.value(row) ?? null)).commit();
    (sheet as unknown as { commit(): void }).commit();
  }
  await book.commit();
  await ended;
  return Buffer.concat(chunks);
}
