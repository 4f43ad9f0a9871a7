/**
 * The compose page's 加粗 / 列表 buttons: edits of the markdown-lite body (announce.body.ts) around
 * the author's selection, so nobody has to type `**` or `- ` by hand. Each answers the new text
 * and the selection to put back. Pure domain: no Taro, `wx` or DOM.
 */

export interface TextEdit {
  text: string;
  start: number;
  end: number;
}

/** Inserted (and selected, so typing replaces it) when 加粗 is pressed with nothing selected. */
export const BOLD_PLACEHOLDER = '要加粗的文字';
const MARK = '**';
const BULLET = /^(\s*)[-*]\s+/;

const clamp = (n: number, text: string) => Math.max(0, Math.min(text.length, Math.floor(n)));

/**
 * 加粗: wraps the selected text in `**` — line by line, as bold never spans lines (list items,
 * paragraphs); an already bold selection is made plain again; with no selection, inserts a
 * selected placeholder between the markers.
 */
export function toggleBold(text: string, selStart: number, selEnd: number): TextEdit {
  let start = clamp(Math.min(selStart, selEnd), text);
  let end = clamp(Math.max(selStart, selEnd), text);
  if (start === end) {
    const inserted = `${MARK}${BOLD_PLACEHOLDER}${MARK}`;
    return { text: text.slice(0, start) + inserted + text.slice(end), start: start + 2, end: start + 2 + BOLD_PLACEHOLDER.length };
  }
  // Already bold (markers right around the selection, or selected with it): unwrap.
  if (text.slice(start - 2, start) === MARK && text.slice(end, end + 2) === MARK) {
    start -= 2;
    end += 2;
  }
  const selected = text.slice(start, end);
  if (selected.length >= 4 && selected.startsWith(MARK) && selected.endsWith(MARK) && !selected.includes('\n')) {
    const inner = selected.slice(2, -2);
    return { text: text.slice(0, start) + inner + text.slice(end), start, end: start + inner.length };
  }
  const wrapped = selected
    .split('\n')
    .map((line) => {
      const lead = /^\s*(?:[-*]\s+|\d{1,3}[.、]\s*)?/.exec(line)?.[0] ?? '';
      const body = line.slice(lead.length);
      const trimmed = body.trim();
      if (!trimmed) return line;
      const before = body.slice(0, body.indexOf(trimmed));
      const after = body.slice(before.length + trimmed.length);
      return `${lead}${before}${MARK}${trimmed}${MARK}${after}`;
    })
    .join('\n');
  return { text: text.slice(0, start) + wrapped + text.slice(end), start, end: start + wrapped.length };
}

/**
 * 列表: makes the lines the selection touches bulleted list items (`- `); when all of them are
 * items already, makes them plain lines again. On an empty line it starts an item there.
 */
export function toggleList(text: string, selStart: number, selEnd: number): TextEdit {
  const start = clamp(Math.min(selStart, selEnd), text);
  let end = clamp(Math.max(selStart, selEnd), text);
  // A selection ending right at a line start does not take that line in.
  if (end > start && text[end - 1] === '\n') end -= 1;
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = text.indexOf('\n', end);
  const to = nextBreak < 0 ? text.length : nextBreak;
  const lines = text.slice(from, to).split('\n');
  const filled = lines.filter((l) => l.trim() !== '');
  const unlist = filled.length > 0 && filled.every((l) => BULLET.test(l));
  const edited =
    filled.length === 0
      ? lines.map((l, i) => (i === 0 ? `- ${l.trimStart()}` : l))
      : lines.map((l) => {
          if (l.trim() === '') return l;
          if (unlist) return l.replace(BULLET, '$1');
          return BULLET.test(l) ? l : `- ${l.trimStart()}`;
        });
  const block = edited.join('\n');
  const out = text.slice(0, from) + block + text.slice(to);
  // One empty line: the cursor goes after the new marker; otherwise the edited lines stay selected.
  if (filled.length === 0) return { text: out, start: from + 2, end: from + 2 };
  return { text: out, start: from, end: from + block.length };
}
