/**
 * How personal data shows to people whose job does not need it in full (most people, most of the
 * time): `138****1234`, `张*`. The clear values live only encrypted at rest.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return `${chars[0]}*`;
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;

/**
 * How a resident knows who is coming: the volunteer's surname only, e.g. 冯志愿者 (from 冯* or 冯秀英).
 * Enough to greet them at the door; nothing more about them is needed.
 */
export function volunteerCallName(name: string): string {
  const first = [...name.trim()][0];
  return first && first !== '*' && first !== '志' ? `${first}志愿者` : '志愿者';
}
