/**
 * The team screens in one call each (issue #17), composed from the use cases their smaller
 * actions run: 志愿服务队 and 队伍详情.
 */
import type { RegistrationView, TeamPageView, TeamScreen, TeamsView, WithTeamScreen } from '../../src/domain/order/screen.views';
import type { Actor } from '../kit/actor';
import { loadPrincipal } from '../kit/principal';
import { listCommunities } from './communities';
import { listJoinRequests } from './join';
import { listTeams, teamDetail } from './teams';
import { myVolunteerProfile } from './volunteer';

/** 志愿服务队: every team and the caller's registration. */
export async function teamsView(actor: Actor): Promise<TeamsView> {
  const [teams, volunteer] = await Promise.all([listTeams(actor), myVolunteerProfile(actor)]);
  return { teams, volunteer };
}

/** 队伍详情: the team, its join requests for those who manage it, the caller's registration when not in it. */
export async function teamPage(actor: Actor, input: { teamId: string }): Promise<TeamPageView> {
  const principal = await loadPrincipal(actor);
  const team = await teamDetail(actor, input, principal);
  const [requests, volunteer] = await Promise.all([
    team.canManage ? listJoinRequests(principal, input) : null,
    team.myRelation === 'none' ? myVolunteerProfile(actor) : null,
  ]);
  return { team, requests, volunteer };
}

/** What a team action answers: its result, and the screen asked with `view` as it is now. */
export async function answeringTeam<R extends { teamId: string }>(
  actor: Actor,
  view: TeamScreen | undefined,
  result: R,
): Promise<R & WithTeamScreen> {
  if (view === 'teams') return { ...result, teams: await teamsView(actor) };
  if (view === 'teamPage') return { ...result, teamPage: await teamPage(actor, { teamId: result.teamId }) };
  return result;
}

/** 志愿者注册: the caller's registration and the communities to choose from. */
export async function registrationView(actor: Actor): Promise<RegistrationView> {
  const [volunteer, communities] = await Promise.all([myVolunteerProfile(actor), listCommunities()]);
  return { volunteer, communities };
}
