import { safeFileName } from '../../../server/kit/export-file';
import { buildWorkbook, excelTime } from '../../../server/kit/xlsx';
import { type ReadSheet, readWorkbook } from '../../support/xlsx';

type Row = { no: string; at: number; hours: number; note: string | null };

async function firstSheet(buffer: Buffer): Promise<ReadSheet> {
  const [sheet] = await readWorkbook(buffer);
  if (!sheet) throw new Error('the workbook has no sheet');
  return sheet;
}

describe('xlsx export kit', () => {
  it('writes a title, Chinese headers and one row per record, readable by exceljs', async () => {
    const rows: Row[] = [
      { no: 'WT-1', at: Date.UTC(2026, 10, 30, 1, 30), hours: 1.5, note: null },
      { no: 'WT-2', at: Date.UTC(2026, 11, 1, 16, 0), hours: 2, note: '楼道堆物' },
    ];
    const buffer = await buildWorkbook([
      {
        name: '问题台账',
        title: '问题台账 2026-11',
        columns: [
          { header: '编号', value: (r: Row) => r.no },
          { header: '上报时间', value: (r: Row) => excelTime(r.at), numFmt: 'yyyy-mm-dd hh:mm' },
          { header: '时长', value: (r: Row) => r.hours },
          { header: '描述', value: (r: Row) => r.note },
        ],
        rows,
      },
    ]);
    const sheet = await firstSheet(buffer);
    expect(sheet.name).toBe('问题台账');
    expect(sheet.rows[0]?.[0]).toBe('问题台账 2026-11');
    expect(sheet.rows[1]).toEqual(['编号', '上报时间', '时长', '描述']);
    expect(sheet.rows[2]?.[0]).toBe('WT-1');
    // 01:30 UTC is 09:30 in Beijing, which is what the 街道 reads in Excel.
    expect(sheet.rows[2]?.[1]).toBe('2026-11-30T09:30:00.000Z');
    expect(sheet.rows[2]?.[2]).toBe('1.5');
    expect(sheet.rows[3]).toEqual(['WT-2', '2026-12-02T00:00:00.000Z', '2', '楼道堆物']);
    expect(sheet.rows).toHaveLength(4);
  });

  it('keeps sheet names Excel accepts and file names any system can save', async () => {
    const sheet = await firstSheet(await buildWorkbook([{ name: '台账/2026:11*?', columns: [{ header: 'a', value: () => 1 }], rows: [] }]));
    expect(sheet.name).toBe('台账 2026 11  ');
    expect(safeFileName('台账 11/30: "x".xlsx')).toBe('台账_11_30_x_.xlsx');
  });
});
