import ExcelJS from 'exceljs';
import type { ExportFileView } from '../../src/domain/shared/export-file.views';

/** A sheet read back as plain rows of cell text, for asserting an export the way a person would read it. */
export interface ReadSheet {
  name: string;
  rows: string[][];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  return String(value);
}

/** Reads an .xlsx buffer with exceljs itself (the library that wrote it could not hide a broken file from Excel, but it does read every cell back). */
export async function readWorkbook(buffer: Buffer | ArrayBuffer): Promise<ReadSheet[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as ExcelJS.CellValue[];
      rows.push(values.slice(1).map(cellText));
    });
    return { name: sheet.name, rows };
  });
}

/** Downloads an export's signed link from the local cloud, as the phone would, and reads it. */
export async function downloadExport(file: ExportFileView): Promise<ReadSheet[]> {
  const res = await fetch(file.url);
  if (!res.ok) throw new Error(`download ${file.url}: ${res.status}`);
  return readWorkbook(Buffer.from(await res.arrayBuffer()));
}
