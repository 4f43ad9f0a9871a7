import { create } from 'qrcode';

/** One row of a QR matrix as runs of dark / light modules (far fewer views to draw than one per module). */
export type QrRun = { dark: boolean; length: number };

/** The QR matrix of `text` (error correction M), row by row (top first), each row left to right as runs. */
export function qrRuns(text: string): { size: number; rows: QrRun[][] } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const rows: QrRun[][] = [];
  for (let row = 0; row < modules.size; row++) {
    const runs: QrRun[] = [];
    for (let col = 0; col < modules.size; col++) {
      // BitMatrix.get(row, col): getting (col, row) would draw the code transposed, which no camera reads.
      const dark = modules.get(row, col) === 1;
      const last = runs[runs.length - 1];
      if (last && last.dark === dark) last.length += 1;
      else runs.push({ dark, length: 1 });
    }
    rows.push(runs);
  }
  return { size: modules.size, rows };
}
