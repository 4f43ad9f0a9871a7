/**
 * A spreadsheet a cloud function made and saved to cloud storage, as the page receives it:
 * the mini-program downloads `url` and opens it with `openDocument`; the browser build downloads it.
 */
export interface ExportFileView {
  /** What the person sees and saves, e.g. `问题台账_2026-11-01_2026-11-30.xlsx`. */
  fileName: string;
  /** cloud://… of the saved file (kept, so a 街道 can find a past export). */
  fileID: string;
  /** A signed download URL, valid until `expiresAt`. */
  url: string;
  expiresAt: number;
  /** Data rows written (headers not counted); 0 still makes a file with headers. */
  rowCount: number;
  /** True when the rows were cut at the export's row cap; the page says so. */
  truncated: boolean;
}
