import { z } from 'zod';
import { BIRTH_DATE } from '../domain/activity/requirements.rules';
import { MOBILE_PHONE } from '../domain/identity/pii-masking';
import {
  type CreateTeamSetupView,
  type ManageTeamsView,
  type RegistrationView,
  TEAM_SCREENS,
  type TeamPageView,
  type TeamsView,
  type WithTeamScreen,
} from '../domain/order/screen.views';
import { ErrorCode } from '../domain/shared/domain-error';
import {
  JOIN_NOTE_MAX,
  TEAM_INTRO_MAX,
  TEAM_NAME_MAX,
  TEAM_NAME_MIN,
  TEAM_SERVICE_AREA_MAX,
  TEAM_SKILLS_MAX,
} from '../domain/team/team.rules';
import type {
  CommunityChoice,
  JoinDecisionResult,
  JoinRequestRow,
  JoinRequestView,
  LeaderCandidate,
  LeadershipTransfer,
  LeaveResult,
  MyVolunteerProfile,
  TeamDetail,
  TeamSummary,
  VolunteerApplication,
  VolunteerDecision,
} from '../domain/team/team.views';
import {
  AVAILABILITY_MAX,
  DECISION_NOTE_MAX,
  REAL_NAME_MAX,
  REAL_NAME_MIN,
  SKILL_MAX_CHARS,
  SKILLS_MAX,
  WORK_UNIT_MAX,
} from '../domain/team/volunteer.rules';
import { act, defineContract } from './kit';
import { id, none, requestId, text } from './schemas';

const { NotFound, Forbidden, OutOfScope, Conflict } = ErrorCode;

const skill = text({ label: '技能', min: 1, max: SKILL_MAX_CHARS });
/** `view`: the team screen the action also answers as it is after the action (one call, no reload). */
const view = z.enum(TEAM_SCREENS).optional();

/** Volunteers and teams: registration and approval, teams, joining, leaving, leadership. */
export const teamContract = defineContract('team', {
  /** 志愿者实名注册 (or changing it); an approved name and phone are locked (STATE.CONFLICT). */
  registerVolunteer: act(
    z
      .object({
        realName: text({ label: '姓名', min: REAL_NAME_MIN, max: REAL_NAME_MAX }),
        phone: z.string().trim().regex(MOBILE_PHONE, '请填写 11 位手机号'),
        skills: z.array(skill).max(SKILLS_MAX, `最多填写 ${SKILLS_MAX} 项技能`),
        availability: text({ label: '服务时间', max: AVAILABILITY_MAX }),
        /** `YYYY-MM-DD`: activities with an age range need it. */
        birthDate: z.string().trim().regex(BIRTH_DATE, '出生日期格式为 YYYY-MM-DD').optional(),
        /** 中共党员: activities 仅限党员 need it. */
        partyMember: z.boolean().optional(),
        /** 工作单位 and 在职党员到社区报到 (双报到). */
        workUnit: text({ label: '工作单位', max: WORK_UNIT_MAX }).optional(),
        partyReportIn: z.boolean().optional(),
        communityId: id.optional(),
      })
      .strict(),
    [NotFound, Conflict],
  ).answers<MyVolunteerProfile>(),
  myVolunteer: act(none).answers<MyVolunteerProfile>(),
  /** 志愿者注册 in one call: my registration and the communities to choose from. */
  registration: act(none).answers<RegistrationView>(),
  listCommunities: act(none).answers<CommunityChoice[]>(),
  listVolunteerApplications: act(none, [Forbidden]).answers<VolunteerApplication[]>(),
  decideVolunteer: act(
    z
      .object({
        openid: id,
        approve: z.boolean(),
        note: text({ label: '说明', max: DECISION_NOTE_MAX }).optional(),
      })
      .strict(),
    [NotFound, Forbidden, OutOfScope, Conflict],
  ).answers<VolunteerDecision>(),
  /** Approved volunteers the institute may pick as a new team's leader (masked). */
  listLeaderCandidates: act(none, [Forbidden, OutOfScope]).answers<LeaderCandidate[]>(),
  /** 新建队伍; with the form's request id a retry answers the team already made. */
  createTeam: act(
    z
      .object({
        name: text({ label: '队名', min: TEAM_NAME_MIN, max: TEAM_NAME_MAX }),
        intro: text({ label: '简介', max: TEAM_INTRO_MAX, multiline: true }),
        leaderOpenid: id,
        skills: z.array(skill).max(TEAM_SKILLS_MAX, `最多 ${TEAM_SKILLS_MAX} 项技能`),
        serviceArea: z.array(id).min(1, '请选择服务区域').max(TEAM_SERVICE_AREA_MAX, `服务区域最多 ${TEAM_SERVICE_AREA_MAX} 个`),
        requestId: requestId.optional(),
        view,
      })
      .strict(),
    [NotFound, Forbidden, OutOfScope, Conflict],
  ).answers<TeamDetail & WithTeamScreen>(),
  /** 新建队伍's form in one call: the leaders to choose from and the 社区 / 小区 to serve. */
  createTeamSetup: act(none, [Forbidden, OutOfScope]).answers<CreateTeamSetupView>(),
  listTeams: act(none).answers<TeamSummary[]>(),
  teamDetail: act(z.object({ teamId: id }).strict(), [NotFound]).answers<TeamDetail>(),
  /** 志愿服务队 in one call: every team and the caller's registration. */
  teams: act(none).answers<TeamsView>(),
  /** 队伍详情 in one call: the team, its join requests (for those who manage it), the caller's registration (when not in it). */
  teamPage: act(z.object({ teamId: id }).strict(), [NotFound]).answers<TeamPageView>(),
  /** 队伍管理 in one call: every team and whether the caller may create one. */
  manageTeams: act(none).answers<ManageTeamsView>(),
  /** Not an approved volunteer yet: AUTH.FORBIDDEN; already a member: STATE.CONFLICT. */
  requestJoin: act(z.object({ teamId: id, note: text({ label: '留言', max: JOIN_NOTE_MAX }).optional(), view }).strict(), [
    NotFound,
    Forbidden,
    Conflict,
  ]).answers<JoinRequestView & WithTeamScreen>(),
  myJoinRequests: act(none).answers<JoinRequestView[]>(),
  listJoinRequests: act(z.object({ teamId: id }).strict(), [NotFound, Forbidden, OutOfScope]).answers<JoinRequestRow[]>(),
  decideJoin: act(z.object({ requestId: id, approve: z.boolean(), view }).strict(), [NotFound, Forbidden, OutOfScope, Conflict]).answers<
    JoinDecisionResult & WithTeamScreen
  >(),
  /** A leader must hand over leadership first (STATE.CONFLICT). */
  leaveTeam: act(z.object({ teamId: id, view }).strict(), [NotFound, Conflict]).answers<LeaveResult & WithTeamScreen>(),
  transferLeadership: act(z.object({ teamId: id, toOpenid: id, view }).strict(), [NotFound, Forbidden, OutOfScope, Conflict]).answers<
    LeadershipTransfer & WithTeamScreen
  >(),
});
export type TeamContract = typeof teamContract;
