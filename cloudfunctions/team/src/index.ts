import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { listCommunities } from '../../../server/team/communities';
import { decideJoin, listJoinRequests, myJoinRequests, requestJoin } from '../../../server/team/join';
import { listLeaderCandidates } from '../../../server/team/leader-candidates';
import { answeringTeam, createTeamSetup, manageTeams, registrationView, teamPage, teamsView } from '../../../server/team/screens';
import { createTeam, leaveTeam, listTeams, teamDetail, transferLeadership } from '../../../server/team/teams';
import { decideVolunteer, listVolunteerApplications, myVolunteerProfile, registerVolunteer } from '../../../server/team/volunteer';
import { teamContract } from '../../../src/contracts/team.contract';

const principal = async () => loadPrincipal(requireActor());

/** Volunteers and teams: registration and approval, teams, joining, leaving, leadership. */
export const main = defineFunction(teamContract, {
  registerVolunteer: (input) => registerVolunteer(requireActor(), input, now()),
  myVolunteer: () => myVolunteerProfile(requireActor()),
  registration: () => registrationView(requireActor()),
  listCommunities: async () => {
    requireActor();
    return listCommunities();
  },
  listVolunteerApplications: async () => listVolunteerApplications(await principal()),
  decideVolunteer: async (input) => decideVolunteer(await principal(), input, now()),
  listLeaderCandidates: async () => listLeaderCandidates(await principal()),
  createTeam: async ({ view, ...input }) => answeringTeam(requireActor(), view, await createTeam(requireActor(), input, now())),
  createTeamSetup: async () => createTeamSetup(await principal()),
  listTeams: () => listTeams(requireActor()),
  teamDetail: async (input) => {
    const actor = requireActor();
    return teamDetail(actor, input);
  },
  teams: () => teamsView(requireActor()),
  teamPage: (input) => teamPage(requireActor(), input),
  manageTeams: () => manageTeams(requireActor()),
  requestJoin: async ({ view, ...input }) => answeringTeam(requireActor(), view, await requestJoin(requireActor(), input, now())),
  myJoinRequests: () => myJoinRequests(requireActor()),
  listJoinRequests: (input) => listJoinRequests(requireActor(), input),
  decideJoin: async ({ view, ...input }) => answeringTeam(requireActor(), view, await decideJoin(requireActor(), input, now())),
  leaveTeam: async ({ view, ...input }) => answeringTeam(requireActor(), view, await leaveTeam(requireActor(), input, now())),
  transferLeadership: async ({ view, ...input }) =>
    answeringTeam(requireActor(), view, await transferLeadership(requireActor(), input, now())),
});
