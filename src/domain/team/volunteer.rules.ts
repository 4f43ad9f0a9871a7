/**
 * Volunteer real-name registration (志愿者实名注册): the stored profile, its states and the pure
 * rules around re-registering. Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { Timestamped } from '../org/org.types';

export type VolunteerStatus = 'pending' | 'approved' | 'rejected';

export const VOLUNTEER_STATUS_LABELS: Readonly<Record<VolunteerStatus, string>> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
};

export const REAL_NAME_MIN = 2;
export const REAL_NAME_MAX = 20;
export const SKILLS_MAX = 10;
export const SKILL_MAX_CHARS = 10;
export const AVAILABILITY_MAX = 50;
export const DECISION_NOTE_MAX = 100;
export const WORK_UNIT_MAX = 30;

/**
 * Document of collection `volunteer_profiles`; `_id` is the volunteer's openid.
 * Clear real name and phone exist only sealed (encrypted at rest); the masked copies are for display.
 */
export interface VolunteerProfile extends Timestamped {
  _id: string;
  realNameSealed: string;
  phoneSealed: string;
  realNameMasked: string;
  phoneMasked: string;
  skills: string[];
  availability: string;
  /** `YYYY-MM-DD` (activities with an age range read it); absent on profiles registered before it was asked. */
  birthDate?: string | null;
  /** 中共党员 (activities 仅限党员 read it). */
  partyMember?: boolean;
  /** 工作单位 (双报到: staff see hours per unit). */
  workUnit?: string;
  /** 在职党员 reporting to this community (双报到). */
  partyReportIn?: boolean;
  status: VolunteerStatus;
  /** Where the volunteer registered: decides which staff approve them (volunteer.approve scope). */
  subdistrictId: string;
  communityId: string | null;
  /** Why the application was rejected (shown to the applicant). */
  decisionNote: string;
  decidedBy: string | null;
  decidedAt: number | null;
}

export interface VolunteerRegistration {
  realName: string;
  phone: string;
  skills: string[];
  availability: string;
  birthDate?: string | null;
  partyMember?: boolean;
  workUnit?: string;
  partyReportIn?: boolean;
}

/** The optional facts of a registration as stored (absent → empty): compared and written as one. */
export const volunteerFactsOf = (r: Pick<VolunteerRegistration, 'birthDate' | 'partyMember' | 'workUnit' | 'partyReportIn'>) => ({
  birthDate: r.birthDate ?? null,
  partyMember: r.partyMember === true,
  workUnit: r.workUnit ?? '',
  // Only a party member reports in as 在职党员.
  partyReportIn: r.partyMember === true && r.partyReportIn === true,
});

/** Skills as stored: trimmed, empty ones dropped, duplicates removed, order kept. */
export function normaliseSkills(skills: readonly string[]): string[] {
  return [...new Set(skills.map((s) => s.trim()).filter((s) => s.length > 0))];
}

/** The org path a profile sits at, for `authorize` (root first). */
export const volunteerOrgPath = (p: Pick<VolunteerProfile, 'subdistrictId' | 'communityId'>): string[] =>
  p.communityId ? [p.subdistrictId, p.communityId] : [p.subdistrictId];

export type RegistrationOutcome =
  /** No profile yet: create one, pending. */
  | { kind: 'create' }
  /** Same data as stored: answer the stored state and write nothing (a retried request). */
  | { kind: 'unchanged' }
  /** Replace the application and (re)enter review. */
  | { kind: 'resubmit' }
  /** Approved volunteers may update skills, availability and community without a new review. */
  | { kind: 'updateDetails' }
  /** Approved volunteers cannot change their real name or phone here. */
  | { kind: 'identityLocked' };

/**
 * What registering again does, given the stored profile (its clear name and phone already opened),
 * its place and the new input. Re-registering while pending or after a rejection re-enters review.
 */
export function registrationOutcome(
  stored: (VolunteerRegistration & { status: VolunteerStatus; communityId: string | null }) | null,
  input: VolunteerRegistration & { communityId: string | null },
): RegistrationOutcome {
  if (!stored) return { kind: 'create' };
  const sameIdentity = stored.realName === input.realName && stored.phone === input.phone;
  const [was, now] = [volunteerFactsOf(stored), volunteerFactsOf(input)];
  const sameDetails =
    stored.availability === input.availability &&
    was.birthDate === now.birthDate &&
    was.partyMember === now.partyMember &&
    was.workUnit === now.workUnit &&
    was.partyReportIn === now.partyReportIn &&
    stored.skills.length === input.skills.length &&
    stored.skills.every((s, i) => s === input.skills[i]);
  const samePlace = stored.communityId === input.communityId;
  if (stored.status === 'approved') {
    if (!sameIdentity) return { kind: 'identityLocked' };
    return sameDetails && samePlace ? { kind: 'unchanged' } : { kind: 'updateDetails' };
  }
  if (stored.status === 'pending' && sameIdentity && sameDetails && samePlace) return { kind: 'unchanged' };
  return { kind: 'resubmit' };
}
