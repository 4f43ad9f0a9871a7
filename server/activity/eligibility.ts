import { VOLUNTEER_PROFILES } from '../../database/collections';
import type { ActivityDoc } from '../../src/domain/activity/activity.types';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import type { LoadedPrincipal } from '../kit/principal';
import { readById } from '../kit/read-list';

/** Why this caller may not sign up for this activity at all, or null. */
export async function eligibilityProblem(principal: LoadedPrincipal, activity: Pick<ActivityDoc, 'organiser'>): Promise<string | null> {
  const profile = await readById<VolunteerProfile>(VOLUNTEER_PROFILES, principal.openid);
  if (profile?.status !== 'approved')
    return profile?.status === 'pending' ? '您的志愿者注册还在审核中，通过后才能报名' : '请先完成志愿者实名注册';
  if (activity.organiser.kind === 'team') {
    const teamId = activity.organiser.teamId;
    const member = (principal.user?.roles ?? []).some((g) => (g.role === 'volunteer' || g.role === 'team_leader') && g.scopeId === teamId);
    if (!member) return `这是「${activity.organiser.name}」队内的活动，请先加入这支队伍`;
  }
  return null;
}
