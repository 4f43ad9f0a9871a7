import { z } from 'zod';
import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { action, defineUntypedFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { requestIdInput } from '../../../server/kit/request-id';
import { listCommunities } from '../../../server/team/communities';
import { decideJoin, listJoinRequests, myJoinRequests, requestJoin } from '../../../server/team/join';
import { listLeaderCandidates } from '../../../server/team/leader-candidates';
import { createTeam, leaveTeam, listTeams, teamDetail, transferLeadership } from '../../../server/team/teams';
import { decideVolunteer, listVolunteerApplications, myVolunteerProfile, registerVolunteer } from '../../../server/team/volunteer';
import { MOBILE_PHONE } from '../../../src/domain/identity/pii-masking';
import {
  JOIN_NOTE_MAX,
  TEAM_INTRO_MAX,
  TEAM_NAME_MAX,
  TEAM_NAME_MIN,
  TEAM_SERVICE_AREA_MAX,
  TEAM_SKILLS_MAX,
} from '../../../src/domain/team/team.rules';
import {
  AVAILABILITY_MAX,
  DECISION_NOTE_MAX,
  REAL_NAME_MAX,
  REAL_NAME_MIN,
  SKILL_MAX_CHARS,
  SKILLS_MAX,
} from '../../../src/domain/team/volunteer.rules';

const id = z.string().trim().min(1).max(64);
const none = z.object({}).strict();
const skill = z.string().trim().min(1, '技能不能为空').max(SKILL_MAX_CHARS, `每项技能最多 ${SKILL_MAX_CHARS} 个字`);

/** Volunteers and teams: registration and approval, teams, joining, leaving, leadership. */
export const main = defineUntypedFunction({
  registerVolunteer: action({
    input: z
      .object({
        realName: z
          .string()
          .trim()
          .min(REAL_NAME_MIN, `姓名至少 ${REAL_NAME_MIN} 个字`)
          .max(REAL_NAME_MAX, `姓名最多 ${REAL_NAME_MAX} 个字`),
        phone: z.string().trim().regex(MOBILE_PHONE, '请填写 11 位手机号'),
        skills: z.array(skill).max(SKILLS_MAX, `最多填写 ${SKILLS_MAX} 项技能`),
        availability: z.string().trim().max(AVAILABILITY_MAX, `服务时间最多 ${AVAILABILITY_MAX} 个字`),
        communityId: id.optional(),
      })
      .strict(),
    run: (input) => registerVolunteer(requireActor(), input, now()),
  }),
  myVolunteer: action({ input: none, run: () => myVolunteerProfile(requireActor()) }),
  listCommunities: action({
    input: none,
    run: () => {
      requireActor();
      return listCommunities();
    },
  }),
  listVolunteerApplications: action({
    input: none,
    run: async () => listVolunteerApplications(await loadPrincipal(requireActor())),
  }),
  decideVolunteer: action({
    input: z
      .object({
        openid: id,
        approve: z.boolean(),
        note: z.string().trim().max(DECISION_NOTE_MAX, `说明最多 ${DECISION_NOTE_MAX} 个字`).optional(),
      })
      .strict(),
    run: async (input) => decideVolunteer(await loadPrincipal(requireActor()), input, now()),
  }),
  /** Approved volunteers the institute may pick as a new team's leader (masked). */
  listLeaderCandidates: action({
    input: none,
    run: async () => listLeaderCandidates(await loadPrincipal(requireActor())),
  }),
  createTeam: action({
    input: z
      .object({
        name: z.string().trim().min(TEAM_NAME_MIN, `队名至少 ${TEAM_NAME_MIN} 个字`).max(TEAM_NAME_MAX, `队名最多 ${TEAM_NAME_MAX} 个字`),
        intro: z.string().trim().max(TEAM_INTRO_MAX, `简介最多 ${TEAM_INTRO_MAX} 个字`),
        leaderOpenid: id,
        skills: z.array(skill).max(TEAM_SKILLS_MAX, `最多 ${TEAM_SKILLS_MAX} 项技能`),
        serviceArea: z.array(id).min(1, '请选择服务区域').max(TEAM_SERVICE_AREA_MAX, `服务区域最多 ${TEAM_SERVICE_AREA_MAX} 个`),
        requestId: requestIdInput.optional(),
      })
      .strict(),
    run: async (input) => createTeam(await loadPrincipal(requireActor()), input, now()),
  }),
  listTeams: action({ input: none, run: () => listTeams(requireActor()) }),
  teamDetail: action({
    input: z.object({ teamId: id }).strict(),
    run: async (input) => {
      const actor = requireActor();
      return teamDetail(actor, input, await loadPrincipal(actor));
    },
  }),
  requestJoin: action({
    input: z.object({ teamId: id, note: z.string().trim().max(JOIN_NOTE_MAX, `留言最多 ${JOIN_NOTE_MAX} 个字`).optional() }).strict(),
    run: (input) => requestJoin(requireActor(), input, now()),
  }),
  myJoinRequests: action({ input: none, run: () => myJoinRequests(requireActor()) }),
  listJoinRequests: action({
    input: z.object({ teamId: id }).strict(),
    run: async (input) => listJoinRequests(await loadPrincipal(requireActor()), input),
  }),
  decideJoin: action({
    input: z.object({ requestId: id, approve: z.boolean() }).strict(),
    run: async (input) => decideJoin(await loadPrincipal(requireActor()), input, now()),
  }),
  leaveTeam: action({
    input: z.object({ teamId: id }).strict(),
    run: (input) => leaveTeam(requireActor(), input, now()),
  }),
  transferLeadership: action({
    input: z.object({ teamId: id, toOpenid: id }).strict(),
    run: async (input) => transferLeadership(await loadPrincipal(requireActor()), input, now()),
  }),
});
