/**
 * 点单附加项: the extra fields an item asks for on the order form (e.g. 助餐送餐: 份数, 饮食禁忌).
 * Declared on the catalog item, validated here once for the function and the form, and kept on the
 * order with the labels as they were, so the station reads the same questions the resident saw.
 */

interface FieldBase {
  /** Stable key of the answer, e.g. `portions`. */
  key: string;
  /** Question shown on the form, e.g. 份数 */
  label: string;
  required: boolean;
  hint?: string;
}

export type ItemFormField =
  | (FieldBase & { type: 'text'; maxLength: number; placeholder?: string })
  | (FieldBase & { type: 'choice'; options: string[] })
  | (FieldBase & { type: 'number'; min: number; max: number; unit?: string });

/** One answer as stored on the order and shown to staff and the team. */
export interface FormAnswer {
  key: string;
  label: string;
  /** The answer as text, with the unit for numbers (e.g. `2 份`). */
  text: string;
}

/** An item asks at most this many extra questions; answers are at most this long. */
export const ITEM_FORM_FIELDS_MAX = 8;
export const FORM_TEXT_MAX = 200;

export type RawAnswers = Record<string, string | number>;

/**
 * Checks the answers against the item's form: required fields present, types and ranges right,
 * choices from the list, no unknown keys. Answers the stored form, or the first problem in Chinese.
 */
export function checkFormAnswers(
  form: readonly ItemFormField[] | undefined,
  raw: RawAnswers | undefined,
): { ok: true; answers: FormAnswer[] } | { ok: false; message: string; key: string } {
  const fields = form ?? [];
  const given = raw ?? {};
  const unknown = Object.keys(given).find((k) => !fields.some((f) => f.key === k));
  if (unknown) return { ok: false, message: `这项服务没有「${unknown}」这一项`, key: unknown };
  const answers: FormAnswer[] = [];
  for (const f of fields) {
    const value = given[f.key];
    const empty = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (empty) {
      if (f.required) return { ok: false, message: `请填写「${f.label}」`, key: f.key };
      continue;
    }
    if (f.type === 'number') {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isInteger(n)) return { ok: false, message: `「${f.label}」须为整数`, key: f.key };
      if (n < f.min || n > f.max) return { ok: false, message: `「${f.label}」须在 ${f.min}–${f.max}${f.unit ?? ''} 之间`, key: f.key };
      answers.push({ key: f.key, label: f.label, text: `${n}${f.unit ? ` ${f.unit}` : ''}` });
      continue;
    }
    const text = String(value).trim();
    if (f.type === 'choice') {
      if (!f.options.includes(text)) return { ok: false, message: `「${f.label}」请从选项中选择`, key: f.key };
    } else if (text.length > Math.min(f.maxLength, FORM_TEXT_MAX)) {
      return { ok: false, message: `「${f.label}」最多 ${Math.min(f.maxLength, FORM_TEXT_MAX)} 个字`, key: f.key };
    }
    answers.push({ key: f.key, label: f.label, text });
  }
  return { ok: true, answers };
}

/**
 * The answers a form sends: blanks left out, numbers as numbers (inputs hold text), choices and
 * text trimmed. The function checks them again with `checkFormAnswers`.
 */
export function answersPayload(form: readonly ItemFormField[], values: Readonly<Record<string, string>>): RawAnswers {
  const out: RawAnswers = {};
  for (const f of form) {
    const v = (values[f.key] ?? '').trim();
    if (v === '') continue;
    out[f.key] = f.type === 'number' && /^-?\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}
