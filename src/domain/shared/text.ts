/**
 * The one rule for free text people type (names, titles, bodies, notes, rooms …): what is stored
 * and measured is what a reader can see.
 *
 * 1. Line breaks become `\n`; a single-line field turns any control whitespace into a space.
 * 2. NFC, so the same visible text is the same stored text.
 * 3. Characters nobody can see go: controls (except `\n` in multi-line text), format characters
 *    (zero-width space / non-joiner / joiner U+200B–U+200D, word joiner U+2060, BOM U+FEFF, bidi
 *    controls, soft hyphen …), private-use and lone surrogates, and the fillers that render blank
 *    (Hangul fillers, braille blank, object replacement).
 * 4. Trimmed (trailing spaces of each line too in multi-line text); text left with only combining
 *    marks or spaces counts as empty.
 * Length is then counted in characters (code points) of what is left.
 */
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800\uFFFC]/gu;
const CONTROL_SPACE = /[\t\n\v\f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we remove
const OTHER_CONTROLS = /[\x00-\x08\x0e-\x1f\x7f-\x9f]/g;
const ONLY_MARKS_OR_SPACE = /^[\p{M}\s]*$/u;

export function cleanText(raw: string, multiline = false): string {
  let text = raw.replace(LINE_BREAKS, '\n').normalize('NFC').replace(INVISIBLE, '').replace(OTHER_CONTROLS, '');
  text = multiline
    ? text
        .replace(/[\t\v\f]/g, ' ')
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .trim()
    : text.replace(CONTROL_SPACE, ' ').trim();
  return ONLY_MARKS_OR_SPACE.test(text) ? '' : text;
}

/** Characters (code points), as people count them. */
export const textLength = (text: string): number => Array.from(text).length;
