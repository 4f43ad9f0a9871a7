import { VOLUNTEER_PROFILES } from '../../database/collections';
import type { ActivityDoc } from '../../src/domain/activity/activity.types';
import { unmetRequirement } from '../../src/domain/activity/requirements.rules';
import { ErrorCode } from '../../src/domain/shared/domain-error';
import { type VolunteerProfile, volunteerFactsOf } from '../../src/domain/team/volunteer.rules';
import type { LoadedPrincipal } from '../kit/principal';
import { readById } from '../kit/read-list';

export interface Ineligible {
  code: ErrorCode;
  message: string;
}

/**
 * Why this caller may not sign up for this activity at a session starting `at`, or null: not an
 * approved volunteer, not on the organising team (AUTH.FORBIDDEN), or the activity's 报名条件
 * (skills, 仅限党员, age on the day) unmet by their registration (ACTIVITY.REQUIREMENTS_UNMET).
 */
export async function ineligibility(
  principal: LoadedPrincipal,
  activity: Pick<ActivityDoc, 'organiser' | 'requirements'>,
  at: number,
): Promise<Ineligible | null> {
  const profile = await readById<VolunteerProfile>(VOLUNTEER_PROFILES, principal.openid);
  const forbidden = (message: string) => ({ code: ErrorCode.Forbidden, message });
  if (profile?.status !== 'approved')
    return forbidden(profile?.status === 'pending' ? '您的志愿者注册还在审核中，通过后才能报名' : '请先完成志愿者实名注册');
  if (activity.organiser.kind === 'team') {
    const teamId = activity.organiser.teamId;
    const member = (principal.user?.roles ?? []).some((g) => (g.role === 'volunteer' || g.role === 'team_leader') && g.scopeId === teamId);
    if (!member) return forbidden(`这是「${activity.organiser.name}」队内的活动，请先加入这支队伍`);
  }
  const unmet = activity.requirements
    ? unmetRequirement(activity.requirements, { skills: profile.skills, ...volunteerFactsOf(profile) }, at)
    : null;
  return unmet ? { code: ErrorCode.RequirementsUnmet, message: unmet } : null;
}

/** Why this caller may not sign up for this activity at all, or null (the detail's `signUpBlocked`). */
export async function eligibilityProblem(
  principal: LoadedPrincipal,
  activity: Pick<ActivityDoc, 'organiser' | 'requirements'>,
  at: number,
): Promise<string | null> {
  return (await ineligibility(principal, activity, at))?.message ?? null;
}
