/**
 * Subscribe-message data within WeChat's limits. WeChat refuses the whole message (47003) when
 * one value is too long, so every value goes through `fitField` by its key's type prefix.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** WeChat's limits per field type, in characters (code points, so an emoji is one). */
export const FIELD_LIMITS: Readonly<Record<string, number>> = {
  thing: 20,
  phrase: 5,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phone_number: 17,
  car_number: 8,
  /** 20 letters, or 10 when it contains Chinese. */
  name: 10,
};

const ELLIPSIS = '…';
/** China Standard Time: messages are read in China whatever the function's own time zone. */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

const chars = (s: string): string[] => Array.from(s);

/** Collapses whitespace (templates show one line) and trims. */
export const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** At most `max` characters; longer text keeps `max - 1` characters and an ellipsis. */
export function truncate(text: string, max: number, ellipsis = true): string {
  const all = chars(oneLine(text));
  if (all.length <= max) return all.join('');
  return ellipsis ? `${all.slice(0, max - 1).join('')}${ELLIPSIS}` : all.slice(0, max).join('');
}

/** `thing`: ≤ 20 characters; never empty (WeChat refuses an empty value). */
export const fitThing = (text: string, fallback = '无'): string => truncate(text, FIELD_LIMITS.thing as number) || fallback;

/** `phrase`: ≤ 5 characters, Chinese only per WeChat, cut without an ellipsis (it would count). */
export function fitPhrase(text: string): string {
  const chinese = oneLine(text).replace(/[^\u4e00-\u9fa5]/g, '');
  return truncate(chinese, FIELD_LIMITS.phrase as number, false) || '更新';
}

/** `time`: `YYYY-MM-DD HH:mm` in China time. */
export function fitTime(ms: number): string {
  return dayjs(ms).utcOffset(CHINA_UTC_OFFSET_MINUTES).format('YYYY-MM-DD HH:mm');
}

/** Any field by its key (`thing3`, `phrase2`, `time4`, …); unknown types pass through trimmed. */
export function fitField(key: string, value: string | number): string {
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1] ?? '';
  if (type === 'time' || type === 'date') return typeof value === 'number' ? fitTime(value) : oneLine(value);
  const text = String(value);
  if (type === 'thing') return fitThing(text);
  if (type === 'phrase') return fitPhrase(text);
  if (type === 'name') return truncate(text, /[^ -~]/.test(text) ? 10 : 20, false);
  const max = FIELD_LIMITS[type];
  return max === undefined ? oneLine(text) : truncate(text, max, false);
}

export type TemplateData = Record<string, { value: string }>;

/** Raw values → template data within limits. */
export function templateData(values: Readonly<Record<string, string | number>>): TemplateData {
  const data: TemplateData = {};
  for (const [key, value] of Object.entries(values)) data[key] = { value: fitField(key, value) };
  return data;
}
