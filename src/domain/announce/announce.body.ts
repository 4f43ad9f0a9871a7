/**
 * Announcement body: a small "markdown-lite" source the author types, parsed into blocks the
 * mini-program renders (no HTML, no rich-text injection). THE format:
 *
 *  - paragraphs are separated by a blank line; single line breaks inside a paragraph are kept;
 *  - `**bold**` marks bold text inside any line (unclosed `**` stays literal);
 *  - lines starting with `- ` or `* ` form a bulleted list, `1. ` / `2、` a numbered list;
 *  - nothing else is special (no links, headings, images: the cover is a separate file).
 *
 * Stored as both `body` (the source, ≤ BODY_MAX characters) and `blocks` (this parse), so the
 * page renders `blocks` and the editor edits `body`.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */

export interface Span {
  text: string;
  bold?: true;
}

export type Block = { type: 'paragraph'; spans: Span[] } | { type: 'list'; ordered: boolean; items: Span[][] };

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.、]\s*(.*)$/;

/** `**bold**` runs of one line (a line break is kept as `\n` inside a span). */
export function parseInline(text: string): Span[] {
  const spans: Span[] = [];
  let rest = text;
  while (rest.length > 0) {
    const open = rest.indexOf('**');
    const close = open >= 0 ? rest.indexOf('**', open + 2) : -1;
    if (open < 0 || close < 0) {
      spans.push({ text: rest });
      break;
    }
    if (open > 0) spans.push({ text: rest.slice(0, open) });
    const bold = rest.slice(open + 2, close);
    if (bold) spans.push({ text: bold, bold: true });
    rest = rest.slice(close + 2);
  }
  // Merge neighbours of the same weight (e.g. around an empty `****`).
  return spans.reduce<Span[]>((out, s) => {
    const last = out[out.length - 1];
    if (last && Boolean(last.bold) === Boolean(s.bold)) last.text += s.text;
    else out.push({ ...s });
    return out;
  }, []);
}

/** Parses the markdown-lite source into blocks (see the file comment). */
export function parseBody(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  let list: { ordered: boolean; items: Span[][] } | null = null;
  const flushPara = () => {
    if (para.length > 0) blocks.push({ type: 'paragraph', spans: parseInline(para.join('\n')) });
    para = [];
  };
  const flushList = () => {
    if (list && list.items.length > 0) blocks.push({ type: 'list', ordered: list.ordered, items: list.items });
    list = null;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flushPara();
      flushList();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flushPara();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push(parseInline((item[1] ?? '').trim()));
      continue;
    }
    flushList();
    para.push(line.trim());
  }
  flushPara();
  flushList();
  return blocks;
}

const spansText = (spans: readonly Span[]) => spans.map((s) => s.text).join('');

/** Plain text (content checks, subscribe-message excerpts, robot `text` messages). */
export function blocksToPlainText(blocks: readonly Block[]): string {
  return blocks
    .map((b) =>
      b.type === 'paragraph' ? spansText(b.spans) : b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '·'} ${spansText(it)}`).join('\n'),
    )
    .join('\n\n');
}

/** WeCom robot markdown (its dialect: `**bold**`, `- ` lists are shown as typed). */
export function blocksToRobotMarkdown(blocks: readonly Block[]): string {
  const md = (spans: readonly Span[]) => spans.map((s) => (s.bold ? `**${s.text}**` : s.text)).join('');
  return blocks
    .map((b) => (b.type === 'paragraph' ? md(b.spans) : b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '-'} ${md(it)}`).join('\n')))
    .join('\n\n');
}

/** UTF-8 length of a string, without Node's Buffer (the domain stays pure). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes on a character boundary, ending with `…` when cut. */
export function trimToBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const ellipsis = '…';
  const budget = maxBytes - utf8Bytes(ellipsis);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const b = utf8Bytes(ch);
    if (used + b > budget) break;
    out += ch;
    used += b;
  }
  return out + ellipsis;
}
