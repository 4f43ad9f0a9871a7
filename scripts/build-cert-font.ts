/**
 * The font the 志愿服务记录证明 PDF embeds, made at build time and shipped beside the activity
 * function's index.js (cloudfunctions/activity/cert-font.ttf.br, git-ignored like index.js).
 *
 * Source: Noto Sans SC Regular from @fontsource/noto-sans-sc (SIL Open Font License 1.1, a
 * devDependency: nothing of the package ships but this subset). Kept: GB2312's characters (both
 * levels, 6,700-odd hanzi: names and places need level 2 too) plus printable ASCII and the CJK
 * punctuation: subset-font (harfbuzz hb-subset, wasm) cuts the "chinese-simplified" slice, and
 * the level-2 hanzi that slice lacks are merged in from the numbered slices (withRareHanzi). Plain
 * TrueType, about 2.2 MB, against ~17 MB for a full OTF; shipped brotli-compressed (~1.2 MB), because
 * WeChat Cloud takes a function's zip of at most 1.5 MB through the API and zip's deflate leaves ~1.4 MB.
 * The function inflates it once per instance (~20 ms). Not WOFF: fontkit inflates a WOFF table again on every glyph it reads, which made a
 * 200-line certificate take a minute. The renderer embeds only the glyphs a certificate uses.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliCompressSync, inflateSync, constants as zlibConstants } from 'node:zlib';

export const CERT_FONT_FILE = 'cert-font.ttf.br';
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

/**
 * The "chinese-simplified" slice lacks ~1,000 level-2 hanzi (rare, but 仉, 劭 and the like are in
 * people's names and places): take them from the package's numbered unicode-range slices and merge
 * them in (fonteditor-core). About 30 GB2312 hanzi are in no slice; those print as 〓.
 */
function withRareHanzi(ttf: Buffer, chars: string): Buffer {
  const { Font } = load('fonteditor-core') as typeof import('fonteditor-core');
  const base = Font.create(ttf, { type: 'ttf' });
  const have = new Set(Object.keys(base.get().cmap).map(Number));
  const missing = Array.from(chars, (c) => c.codePointAt(0) as number).filter((c) => c >= 0x3000 && !have.has(c));
  const dir = path.dirname(SOURCE);
  for (const file of readdirSync(dir).filter((f) => /^noto-sans-sc-\d+-400-normal\.woff$/.test(f))) {
    const slice = Font.create(readFileSync(path.join(dir, file)), {
      type: 'woff',
      inflate: (data: number[]) => Array.from(inflateSync(Buffer.from(data))),
      subset: missing,
    });
    if (Object.keys(slice.get().cmap).length > 0) base.merge(slice, { scale: 1 });
  }
  return base.write({ type: 'ttf', hinting: false }) as Buffer;
}

/** Writes `<dir>/cert-font.ttf.br` unless it is already newer than its source and this script. */
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
  const chars = gb2312Characters();
  const subset = await subsetFont(readFileSync(SOURCE), chars, { targetFormat: 'truetype' });
  const ttf = withRareHanzi(subset, chars);
  const out = brotliCompressSync(ttf, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
      [zlibConstants.BROTLI_PARAM_LGWIN]: 24,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: ttf.length,
    },
  });
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed: another build running at the same time never reads half a font.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, out);
  renameSync(partial, file);
  return { file, bytes: out.length, built: true };
}
