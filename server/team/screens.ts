/**
 * The team screens in one call each (issue #17), composed from the use cases their smaller
 * actions run: 志愿服务队, 队伍详情, 队伍管理 and its 新建队伍 form.
 */
import { POLICY } from '../../src/domain/identity/authorization.policy';
import type {
  CreateTeamSetupView,
  ManageTeamsView,
  RegistrationView,
  TeamPageView,
  TeamScreen,
  TeamsView,
  WithTeamScreen,
} from '../../src/domain/order/screen.views';
import type { Actor } from '../kit/actor';
import type { LoadedPrincipal } from '../kit/principal';
import { orgTree } from '../org/org-tree';
import { listCommunities } from './communities';
import { joinRequestRowsOf } from './join';
import { listLeaderCandidates } from './leader-candidates';
import { openRequestsOf, readTeamFor, readTeamsFor } from './team-reads';
import { teamDetailOf, teamSummariesOf } from './teams';
import { myVolunteerProfile, volunteerViewOf } from './volunteer';

/** 志愿服务队: every team and the caller's registration, in one request. */
export async function teamsView(actor: Actor): Promise<TeamsView> {
  const read = await readTeamsFor(actor);
  return { teams: teamSummariesOf(actor, read), volunteer: volunteerViewOf(read.callerProfile, read.principal.user?.roles ?? []) };
}

/**
 * 队伍详情: the team, its join requests for those who manage it, the caller's registration when not
 * in it. One request (the team with its people and the caller), two when the caller manages it.
 */
export async function teamPage(actor: Actor, input: { teamId: string }): Promise<TeamPageView> {
  const read = await readTeamFor(actor, input.teamId, { names: true });
  const team = teamDetailOf(actor, read);
  const requests = team.canManage ? joinRequestRowsOf(await openRequestsOf(read.team._id)) : null;
  const volunteer = team.myRelation === 'none' ? volunteerViewOf(read.callerProfile, read.principal.user?.roles ?? []) : null;
  return { team, requests, volunteer };
}

/** 队伍管理: every team, and whether the caller may create one (the roles of policy `team.create`), in one request. */
export async function manageTeams(actor: Actor): Promise<ManageTeamsView> {
  const read = await readTeamsFor(actor);
  const creators: readonly string[] = POLICY['team.create'].roles;
  return { teams: teamSummariesOf(actor, read), canCreate: read.principal.grants.some((g) => creators.includes(g.role)) };
}

/** 新建队伍's form: the leaders to choose from and the organisation tree for the service area. */
export async function createTeamSetup(principal: LoadedPrincipal): Promise<CreateTeamSetupView> {
  const [candidates, tree] = await Promise.all([listLeaderCandidates(principal), orgTree(principal)]);
  return { candidates, roots: tree.roots };
}

/** What a team action answers: its result, and the screen asked with `view` as it is now. */
export async function answeringTeam<R extends { teamId: string }>(
  actor: Actor,
  view: TeamScreen | undefined,
  result: R,
): Promise<R & WithTeamScreen> {
  if (view === 'teams') return { ...result, teams: await teamsView(actor) };
  if (view === 'teamPage') return { ...result, teamPage: await teamPage(actor, { teamId: result.teamId }) };
  if (view === 'manageTeams') return { ...result, manageTeams: await manageTeams(actor) };
  return result;
}

/** 志愿者注册: the caller's registration and the communities to choose from. */
export async function registrationView(actor: Actor): Promise<RegistrationView> {
  const [volunteer, communities] = await Promise.all([myVolunteerProfile(actor), listCommunities()]);
  return { volunteer, communities };
}
