/**
 * The font the 志愿服务记录证明 PDF embeds, made at build time and shipped beside the activity
 * function's index.js (cloudfunctions/activity/cert-font.ttf, git-ignored like index.js).
 *
 * Source: Noto Sans SC Regular, "chinese-simplified" slice of @fontsource/noto-sans-sc (SIL Open
 * Font License 1.1, a devDependency: nothing of the package ships but this subset). Kept: every
 * GB2312 character the slice has (both levels, 6,700-odd hanzi: names and places need level 2 too)
 * plus printable ASCII and the CJK punctuation. subset-font (harfbuzz hb-subset, wasm) writes it
 * as plain TrueType, about 1.9 MB (the upload zip compresses it to ~1.2 MB), against ~17 MB for a
 * full OTF. Not WOFF: fontkit inflates a WOFF table again on every glyph it reads, which made a
 * 200-line certificate take a minute. The renderer embeds only the glyphs a certificate uses.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const CERT_FONT_FILE = 'cert-font.ttf';
const load = createRequire(__filename);
const SOURCE = load.resolve('@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff');

/** Every character GB2312 encodes (rows 0xA1–0xF7: symbols, level-1 and level-2 hanzi), plus printable ASCII. */
export function gb2312Characters(): string {
  const decoder = new TextDecoder('gb2312');
  let out = '';
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = decoder.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && ch !== '\ufffd') out += ch;
    }
  }
  for (let c = 0x20; c < 0x7f; c++) out += String.fromCharCode(c);
  return `${out}〇・—…“”‘’《》【】（）：；，。、！？`;
}

/** Writes `<dir>/cert-font.ttf` unless it is already newer than its source and this script. */
export async function buildCertificateFont(dir: string): Promise<{ file: string; bytes: number; built: boolean }> {
  const file = path.join(dir, CERT_FONT_FILE);
  if (existsSync(file)) {
    const made = statSync(file).mtimeMs;
    if (made > statSync(SOURCE).mtimeMs && made > statSync(__filename).mtimeMs) return { file, bytes: statSync(file).size, built: false };
  }
  const subsetFont = load('subset-font') as (
    font: Buffer,
    text: string,
    options: { targetFormat: 'woff' | 'truetype' | 'woff2' },
  ) => Promise<Buffer>;
  const out = await subsetFont(readFileSync(SOURCE), gb2312Characters(), { targetFormat: 'truetype' });
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, out);
  return { file, bytes: out.length, built: true };
}
