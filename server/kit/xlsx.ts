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

/**
 * Builds an .xlsx in memory. exceljs is loaded on first use, not when the function starts: an export is
 * rare and the library is large, and every other call of the function should not pay for it at cold start.
 */
export async function buildWorkbook(sheets: SheetSpec<never>[] | SheetSpec<any>[]): Promise<Buffer> {
  // In the bundle this stays a native import() of a CommonJS package: Node answers its exports under `default`.
  const loaded = (await import('exceljs')) as unknown as { Workbook?: new () => Workbook; default?: { Workbook: new () => Workbook } };
  const WorkbookClass = loaded.Workbook ?? loaded.default?.Workbook;
  if (!WorkbookClass) throw new Error('exceljs has no Workbook export');
  const book = new WorkbookClass();
  book.creator = '新时代文明实践志愿服务';
  book.created = new Date();
  for (const spec of sheets as SheetSpec<unknown>[]) {
    const sheet = book.addWorksheet(spec.name.replace(INVALID_SHEET_CHARS, ' ').slice(0, 31) || 'Sheet1');
    let headerRow = 1;
    if (spec.title) {
      sheet.addRow([spec.title]).font = { bold: true, size: 13 };
      sheet.mergeCells(1, 1, 1, Math.max(1, spec.columns.length));
      headerRow = 2;
    }
    const header = sheet.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    spec.columns.forEach((c, i) => {
      const col = sheet.getColumn(i + 1);
      col.width = c.width ?? Math.max(8, c.header.length * 2 + 2);
      if (c.numFmt) col.numFmt = c.numFmt;
    });
    for (const row of spec.rows) sheet.addRow(spec.columns.map((c) => c.value(row) ?? null));
    sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
