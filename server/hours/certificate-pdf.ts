/**
 * 志愿服务记录证明 as a PDF (民政部令第67号 第7、15条): the frozen content of an issued certificate,
 * laid out on A4 with a Chinese font subset, the 证明编号 and 核验码, and a QR code of the public
 * verification link. pdf-lib, its fontkit and qrcode are loaded on first use and are listed in the
 * function's package.json (not bundled): a certificate is rare, every other call should not pay for
 * them at cold start. The font sits beside index.js brotli-compressed (cert-font.ttf.br, ~1.2 MB; scripts/build-cert-font.ts):
 * WeChat Cloud takes a function's zip of at most 1.5 MB through the API, and the plain TrueType zips to ~1.4 MB.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import { HOURS_CERTIFICATES } from '../../database/collections';
import { type CertificateContent, chinaDate } from '../../src/domain/hours/hours.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { ExportFileView } from '../../src/domain/shared/export-file.views';
import { config } from '../kit/config';
import { safeFileName } from '../kit/export-file';
import { openPii } from '../kit/pii-cipher';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById } from '../kit/read-list';
import { database, wxCloud } from '../kit/wx-cloud';

const FONT_FILE = 'cert-font.ttf.br';
/** Beside the bundled index.js; from the sources (tests, scripts), where the build put it. */
const FONT_PLACES = [path.join(__dirname, FONT_FILE), path.resolve(__dirname, '../../cloudfunctions/activity', FONT_FILE)];

let fontBytes: Buffer | null = null;
function certificateFont(): Buffer {
  if (!fontBytes) {
    const found = FONT_PLACES.find((p) => existsSync(p));
    if (!found) throw new Error(`${FONT_FILE} is missing: run npm run build:functions`);
    fontBytes = brotliDecompressSync(readFileSync(found));
  }
  return fontBytes;
}

/**
 * What the certificate's QR code holds: the public verification page (CERTIFICATE_VERIFY_URL) with
 * the number and code filled in; without one, the number and code as text a person can read out.
 */
export function verifyQrText(number: string, code: string, verifyUrl: string | undefined): string {
  if (!verifyUrl) return `志愿服务记录证明 证明编号：${number} 核验码：${code}`;
  return `${verifyUrl}${verifyUrl.includes('?') ? '&' : '?'}number=${encodeURIComponent(number)}&code=${encodeURIComponent(code)}`;
}

type Fontkit = typeof import('@pdf-lib/fontkit');
interface SubsetInternals {
  _addGlyph(gid: number): number;
  glyf: Uint8Array[];
  offset: number;
}

/**
 * @pdf-lib/fontkit 1.1.1 writes a subset's loca table in the short format (offsets / 2) whenever the
 * subset is under 64 KB, which breaks every glyph after one of odd length: Noto Sans SC has many,
 * and the PDF showed most hanzi blank (its text layer still read right). Padding each copied glyph
 * to an even length (trailing bytes after a glyph are ignored) keeps the short offsets exact.
 */
function evenGlyphs(fontkit: Fontkit): Fontkit {
  return {
    ...fontkit,
    create: (...args: Parameters<Fontkit['create']>) => {
      const font = fontkit.create(...args);
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => {
        const subset = createSubset() as unknown as SubsetInternals;
        const addGlyph = subset._addGlyph.bind(subset);
        subset._addGlyph = (gid: number) => {
          const index = addGlyph(gid);
          const data = subset.glyf[index] as Uint8Array;
          if (data.length % 2 === 1) {
            // The same Buffer class fontkit made it with (its bundled polyfill), or its encoder refuses it.
            const padded = (data.constructor as unknown as { alloc(n: number): Uint8Array }).alloc(data.length + 1);
            padded.set(data);
            subset.glyf[index] = padded;
            subset.offset += 1;
          }
          return index;
        };
        return subset as unknown as ReturnType<typeof createSubset>;
      };
      return font;
    },
  } as Fontkit;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
const WIDTH = A4[0] - 2 * MARGIN;
const COLUMNS = [
  { header: ['序号'], width: 26 },
  { header: ['日期'], width: 60 },
  { header: ['活动名称'], width: 96 },
  { header: ['地点'], width: 86 },
  { header: ['服务内容'], width: 118 },
  { header: ['服务时间', '（小时）'], width: 50 },
  { header: ['记录单位'], width: WIDTH - 26 - 60 - 96 - 86 - 118 - 50 },
] as const;
const CELL_PAD = 3;
const TABLE_SIZE = 8.5;
const TABLE_LEAD = 11.5;

const hoursText = (h: number) => (Number.isInteger(h) ? `${h}` : h.toFixed(1).replace(/\.0$/, ''));

export interface CertificatePdfInput {
  content: CertificateContent;
  verifyCode: string;
  /** What the QR code holds (the verification link). */
  qrText: string;
}

/** Renders an issued certificate. Only the frozen content is printed: nothing is read again from the ledger. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const { PDFDocument, rgb } = await import('pdf-lib');
  const fontkit = evenGlyphs((await import('@pdf-lib/fontkit')).default);
  const QRCode = await import('qrcode');
  const { content: c, verifyCode } = input;

  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`志愿服务记录证明 ${c.number}`);
  doc.setSubject('志愿服务记录证明');
  doc.setCreator('新时代文明实践志愿服务');
  doc.setProducer('新时代文明实践志愿服务');
  doc.setCreationDate(new Date(c.issuedAt));
  doc.setModificationDate(new Date(c.issuedAt));
  const font = await doc.embedFont(certificateFont(), { subset: true });
  const has = new Set(font.getCharacterSet());
  /** A character the font lacks would print as nothing: show a visible 〓 instead (the text layer says the same). */
  const printable = (s: string) =>
    Array.from(s.replace(/[\r\n\t]+/g, ' '))
      .map((ch) => (has.has(ch.codePointAt(0) as number) ? ch : '〓'))
      .join('');
  // fontkit lays out a whole string per width asked (~10 ms for a CJK font): measure each character once.
  const charWidth = new Map<string, number>();
  const widthAt = (text: string, size: number) => {
    let w = 0;
    for (const ch of Array.from(text)) {
      let one = charWidth.get(ch);
      if (one === undefined) {
        one = font.widthOfTextAtSize(ch, 1000);
        charWidth.set(ch, one);
      }
      w += one;
    }
    return (w * size) / 1000;
  };
  const ink = rgb(0.1, 0.1, 0.1);
  const grey = rgb(0.45, 0.45, 0.45);
  const line = rgb(0.55, 0.55, 0.55);

  const wrap = (text: string, size: number, width: number): string[] => {
    const out: string[] = [];
    let cur = '';
    let curWidth = 0;
    for (const ch of Array.from(printable(text))) {
      const w = widthAt(ch, size);
      if (cur && curWidth + w > width) {
        out.push(cur);
        cur = ch === ' ' ? '' : ch;
        curWidth = ch === ' ' ? 0 : w;
      } else {
        cur += ch;
        curWidth += w;
      }
    }
    if (cur || out.length === 0) out.push(cur);
    return out;
  };
  const draw = (page: PDFPage, text: string, x: number, y: number, size: number, color: RGB = ink, f: PDFFont = font): void => {
    page.drawText(printable(text), { x, y, size, font: f, color });
  };
  const centred = (page: PDFPage, text: string, y: number, size: number, color: RGB = ink) =>
    draw(page, text, (A4[0] - widthAt(printable(text), size)) / 2, y, size, color);

  const pages: PDFPage[] = [];
  const newPage = () => {
    const p = doc.addPage(A4);
    pages.push(p);
    return p;
  };

  // Title and the certifying paragraph.
  let page = newPage();
  let y = A4[1] - MARGIN - 22;
  centred(page, '志愿服务记录证明', y, 22);
  y -= 22;
  centred(page, `证明编号：${c.number}`, y, 10, grey);
  y -= 26;
  const period = `${chinaDate(c.periodFrom)} 至 ${chinaDate(c.periodTo)}`;
  const intro =
    `兹证明 ${c.volunteerName}（证件号码：${c.idNumberMasked}；志愿者编号：${c.volunteerNo}）于 ${period} 期间` +
    `参加志愿服务 ${c.lines.length} 次，经记录单位确认或审核的服务时间累计 ${hoursText(c.totalHours)} 小时。具体记录如下：`;
  for (const l of wrap(intro, 11, WIDTH)) {
    draw(page, l, MARGIN, y, 11);
    y -= 17;
  }
  y -= 4;

  // The services, one row each; the header repeats on every page.
  const header = (p: PDFPage, top: number): number => {
    const h = TABLE_LEAD * 2 + 2 * CELL_PAD;
    p.drawRectangle({ x: MARGIN, y: top - h, width: WIDTH, height: h, color: rgb(0.94, 0.94, 0.94), borderColor: line, borderWidth: 0.6 });
    let x = MARGIN;
    for (const col of COLUMNS) {
      for (const [i, t] of col.header.entries()) draw(p, t, x + CELL_PAD, top - CELL_PAD - TABLE_SIZE - i * TABLE_LEAD, TABLE_SIZE);
      if (x > MARGIN) p.drawLine({ start: { x, y: top }, end: { x, y: top - h }, thickness: 0.6, color: line });
      x += col.width;
    }
    return top - h;
  };
  const FOOTER_ROOM = 40;
  y = header(page, y);
  const rows: string[][] = c.lines.map((l, i) => [String(i + 1), l.date, l.title, l.place, l.content, hoursText(l.hours), l.recorder]);
  rows.push(['', '', '合计', '', '', hoursText(c.totalHours), '']);
  for (const cells of rows) {
    const wrapped = cells.map((t, i) => wrap(t, TABLE_SIZE, (COLUMNS[i]?.width ?? 40) - 2 * CELL_PAD).slice(0, 6));
    const h = Math.max(...wrapped.map((w) => w.length)) * TABLE_LEAD + 2 * CELL_PAD;
    if (y - h < MARGIN + FOOTER_ROOM) {
      page = newPage();
      y = header(page, A4[1] - MARGIN);
    }
    page.drawRectangle({ x: MARGIN, y: y - h, width: WIDTH, height: h, borderColor: line, borderWidth: 0.6 });
    let x = MARGIN;
    wrapped.forEach((w, i) => {
      for (const [k, t] of w.entries()) draw(page, t, x + CELL_PAD, y - CELL_PAD - TABLE_SIZE - k * TABLE_LEAD, TABLE_SIZE);
      if (x > MARGIN) page.drawLine({ start: { x, y }, end: { x, y: y - h }, thickness: 0.6, color: line });
      x += COLUMNS[i]?.width ?? 0;
    });
    y -= h;
  }
  if (c.lines.length === 0) {
    y -= 16;
    draw(page, '本期间内没有经确认或审核的服务记录。', MARGIN, y, 10, grey);
  }

  // The 记录单位 block, the issue date, the verification code and QR.
  const QR_SIZE = 92;
  const BLOCK = 150;
  if (y - BLOCK < MARGIN + FOOTER_ROOM) {
    page = newPage();
    y = A4[1] - MARGIN;
  }
  y -= 26;
  const block = [
    `记录单位（出具单位）：${c.issuer.unit || '（未登记）'}`,
    `负责人：${c.issuer.head}　　经办人：${c.issuer.handler}`,
    `联系方式：${c.issuer.contact}`,
    `出具日期：${chinaDate(c.issuedAt)}`,
    `证明编号：${c.number}`,
    `核验码：${verifyCode}`,
  ];
  const textWidth = WIDTH - QR_SIZE - 16;
  let by = y;
  for (const b of block) {
    for (const l of wrap(b, 10.5, textWidth)) {
      draw(page, l, MARGIN, by, 10.5);
      by -= 16;
    }
  }
  const qr = QRCode.create(input.qrText, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = QR_SIZE / (n + 2);
  const qx = MARGIN + WIDTH - QR_SIZE;
  const qy = y + 12 - QR_SIZE;
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < n; k++) {
      if (qr.modules.get(r, k)) {
        page.drawRectangle({ x: qx + (k + 1) * cell, y: qy + QR_SIZE - (r + 2) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
      }
    }
  }
  for (const [i, t] of ['扫码或在小程序“证明查验”', '输入证明编号和核验码查验'].entries()) {
    const size = 7.5;
    draw(page, t, qx + (QR_SIZE - widthAt(printable(t), size)) / 2, qy - 10 - i * 10, size, grey);
  }
  by = Math.min(by, qy - 30) - 8;
  for (const l of wrap(
    '本证明依据《志愿服务记录与证明出具办法》（民政部令第67号）出具，所列服务时间均已由记录单位确认或审核；未确认、未审核的时长不计入。',
    9,
    WIDTH,
  )) {
    draw(page, l, MARGIN, by, 9, grey);
    by -= 13;
  }

  // Every page: its number and the certificate's.
  pages.forEach((p, i) => {
    const t = `证明编号 ${c.number}　　第 ${i + 1} 页 / 共 ${pages.length} 页`;
    draw(p, t, (A4[0] - widthAt(printable(t), 8)) / 2, MARGIN - 18, 8, grey);
  });
  return doc.save({ useObjectStreams: true });
}

/** What this module reads of a certificate (server/hours/certificates.ts owns the document). */
interface IssuedCertificateDoc {
  _id: string;
  openid: string;
  status: string;
  subdistrictId: string;
  communityId: string | null;
  number?: string;
  verifyCode?: string;
  content?: CertificateContent;
  /** The volunteer's real name, sealed, frozen at issue (absent for registrations made before it was kept). */
  holderNameSealed?: string | null;
  /** The rendered PDF in cloud storage, kept after the first download: the content never changes. */
  pdfFileID?: string;
}

/** How long the download link stays valid. */
const LINK_SECONDS = 30 * 60;

/**
 * The PDF of an issued certificate, for its owner or staff of the area: rendered and saved to cloud
 * storage on the first request (`certificates/<number>/<random>/…pdf`), then only a new signed link.
 */
export async function certificatePdf(principal: LoadedPrincipal, input: { certificateId: string }, now: number): Promise<ExportFileView> {
  const c = await readById<IssuedCertificateDoc>(HOURS_CERTIFICATES, input.certificateId);
  if (!c) throw new DomainError(ErrorCode.NotFound, '找不到这份证明');
  if (c.openid !== principal.openid) {
    requirePermission(principal, 'hours.certify', { orgPath: c.communityId ? [c.subdistrictId, c.communityId] : [c.subdistrictId] });
  }
  if (c.status !== 'issued' || !c.content || !c.number || !c.verifyCode) {
    throw new DomainError(ErrorCode.InvalidTransition, '证明出具后才能下载');
  }
  const fileName = safeFileName(`志愿服务记录证明_${c.number}.pdf`);
  const cloud = wxCloud();
  let fileID = c.pdfFileID;
  if (!fileID) {
    const pdf = await renderCertificatePdf({
      content: c.holderNameSealed ? { ...c.content, volunteerName: openPii(c.holderNameSealed) } : c.content,
      verifyCode: c.verifyCode,
      qrText: verifyQrText(c.number, c.verifyCode, config().certificateVerifyUrl),
    });
    const cloudPath = `certificates/${c.number}/${randomBytes(8).toString('hex')}/${fileName}`;
    const uploaded = (await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(pdf) })) as { fileID?: string };
    if (!uploaded.fileID) throw new DomainError(ErrorCode.Internal, '证明文件保存失败，请稍后再试');
    fileID = uploaded.fileID;
    // Two downloads at once may both render: the second file simply goes unused.
    await database()
      .collection(HOURS_CERTIFICATES)
      .where({ _id: c._id, status: 'issued' })
      .update({ data: { pdfFileID: fileID } });
  }
  const links = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_SECONDS }] })) as {
    fileList?: { tempFileURL?: string }[];
  };
  const url = links.fileList?.[0]?.tempFileURL;
  if (!url) throw new DomainError(ErrorCode.Internal, '证明文件链接生成失败，请稍后再试');
  return { fileName, fileID, url, expiresAt: now + LINK_SECONDS * 1000, rowCount: c.content.lines.length, truncated: false };
}
