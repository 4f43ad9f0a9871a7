import { create } from 'qrcode';

/** One row of a QR matrix as runs of dark / light modules (far fewer views to draw than one per module). */
export type QrRun = { dark: boolean; length: number };

/**
 * UTF-8 bytes of `text`, by hand: the mini-program's JS runtime has no TextEncoder, which `qrcode`
 * reaches for when given a string (handing it byte segments keeps it away from that).
 */
export function utf8Bytes(text: string): Uint8ClampedArray {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8ClampedArray(out);
}

/** The QR matrix of `text` (error correction M), row by row (top first), each row left to right as runs. */
export function qrRuns(text: string): { size: number; rows: QrRun[][] } {
  const { modules } = create([{ data: utf8Bytes(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
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
