import { contractLeaves } from '../../support/contract-fields';

/**
 * Property-style: every string field of every contract (found by walking the zod schemas of
 * src/contracts/*.contract.ts) is free text under the one text rule, a file id, an opaque token
 * or pattern-checked; and every free-text field refuses or empties invisible text.
 */
const leaves = contractLeaves();
const texts = leaves.filter((l) => l.kind === 'text');
const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202e', '\u3164', '\u2800', '\u0000', '\u001f', '\u007f'];
/** A deterministic mix of invisible characters and spaces, `n` long. */
const invisible = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => (i % 4 === 3 ? ' ' : INVISIBLES[(seed * 7 + i * 5) % INVISIBLES.length])).join('');

describe('free-text fields of every contract', () => {
  it('finds the fields (the walk reaches every contract)', () => {
    expect(new Set(texts.map((l) => l.fn)).size).toBeGreaterThanOrEqual(4);
    expect(texts.length).toBeGreaterThanOrEqual(15);
  });

  it('has no string field that is neither text, file id, token nor pattern-checked', () => {
    expect(leaves.filter((l) => l.kind === 'rawString').map((l) => `${l.fn}.${l.action}.${l.path}`)).toEqual([]);
  });

  it.each(texts.map((l) => [`${l.fn}.${l.action}.${l.path}`, l] as const))('%s: invisible text is no text', (_name, leaf) => {
    const required = !leaf.schema.safeParse('').success;
    for (let seed = 0; seed < 12; seed++) {
      const blank = invisible(1 + (seed % 8), seed);
      const answer = leaf.schema.safeParse(blank);
      if (required) {
        expect(answer.success).toBe(false);
        if (!answer.success) expect(answer.error.issues[0]?.message).toMatch(/^请填写/);
      } else {
        expect(answer).toEqual({ success: true, data: '' });
      }
    }
  });

  it.each(texts.map((l) => [`${l.fn}.${l.action}.${l.path}`, l] as const))(
    '%s: visible text is kept clean and measured without padding',
    (_name, leaf) => {
      // The longest visible text that fits, padded with invisible characters, passes as the visible text alone.
      let max = 1;
      while (!leaf.schema.safeParse('字'.repeat(max)).success && max < 10) max++;
      while (leaf.schema.safeParse('字'.repeat(max + 1)).success && max < 5000) max++;
      expect(max).toBeGreaterThan(0);
      const visible = `${'字'.repeat(max - 1)}e\u0301`;
      const answer = leaf.schema.safeParse(`${invisible(6, 1)}${visible.slice(0, 1)}\u200b${visible.slice(1)}${invisible(6, 2)}`);
      expect(answer).toEqual({ success: true, data: `${'字'.repeat(max - 1)}\u00e9` });
      expect(leaf.schema.safeParse('字'.repeat(max + 1)).success).toBe(false);
    },
  );
});
