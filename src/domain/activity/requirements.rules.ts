/**
 * 报名条件 of an activity (skills, 仅限党员, age range) against a volunteer's registration: who may
 * sign up, and why someone may not. Age is counted on the session's date in China time.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { ActivityRequirements } from './activity.types';

/** `YYYY-MM-DD`, as the registration form stores a birth date. */
export const BIRTH_DATE = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** What of a volunteer's registration the requirements read. */
export interface VolunteerFacts {
  skills: readonly string[];
  /** 中共党员 (incl. 预备党员), as the volunteer registered. */
  partyMember: boolean;
  /** `YYYY-MM-DD`, or null when the volunteer has not given one. */
  birthDate: string | null;
}

const CHINA = 8 * 3600_000;

/** Whole years of age on the (China) date of `at`; null for a missing or malformed birth date. */
export function ageOn(birthDate: string | null, at: number): number | null {
  if (!birthDate || !BIRTH_DATE.test(birthDate)) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const day = new Date(at + CHINA);
  const years = day.getUTCFullYear() - y;
  const before = day.getUTCMonth() + 1 < m || (day.getUTCMonth() + 1 === m && day.getUTCDate() < d);
  return years - (before ? 1 : 0);
}

export const noRequirements = (r: ActivityRequirements): boolean =>
  r.skills.length === 0 && !r.partyOnly && r.minAge === null && r.maxAge === null;

/** 报名条件 in words, for the square and the detail (empty: anyone registered may sign up). */
export function requirementsText(r: ActivityRequirements): string[] {
  const out: string[] = [];
  if (r.partyOnly) out.push('仅限党员');
  if (r.minAge !== null && r.maxAge !== null) out.push(`${r.minAge}–${r.maxAge} 周岁`);
  else if (r.minAge !== null) out.push(`${r.minAge} 周岁以上`);
  else if (r.maxAge !== null) out.push(`${r.maxAge} 周岁以下`);
  if (r.skills.length > 0) out.push(`需具备：${r.skills.join('、')}`);
  return out;
}

/** Why the requirements themselves are contradictory (for the publish form), or null. */
export function requirementsProblem(r: ActivityRequirements): string | null {
  if (r.minAge !== null && r.maxAge !== null && r.minAge > r.maxAge) return '最小年龄不能大于最大年龄';
  return null;
}

/**
 * Why this volunteer may not sign up for a session at `at` (Chinese, says what to do), or null.
 * A required skill matches a registered one exactly (both trimmed, as registration stores them).
 */
export function unmetRequirement(r: ActivityRequirements, v: VolunteerFacts, at: number): string | null {
  if (r.partyOnly && !v.partyMember) return '本活动仅限党员报名；如您是党员，请在「志愿者注册」里勾选中共党员后再报名';
  if (r.minAge !== null || r.maxAge !== null) {
    const age = ageOn(v.birthDate, at);
    const range = requirementsText({ ...r, skills: [], partyOnly: false })[0] ?? '';
    if (age === null) return `本活动限 ${range}报名，请先在「志愿者注册」里填写出生日期`;
    if ((r.minAge !== null && age < r.minAge) || (r.maxAge !== null && age > r.maxAge))
      return `本活动限 ${range}报名，您活动当天 ${age} 周岁，不符合条件`;
  }
  const missing = r.skills.filter((s) => !v.skills.includes(s.trim()));
  if (missing.length > 0) return `本活动需要具备：${missing.join('、')}；可在「志愿者注册」里补充技能后再报名`;
  return null;
}
