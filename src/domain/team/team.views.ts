/**
 * What the team function answers: the one contract server/team builds and the volunteer and 管理
 * screens read (pure types, so both sides import the same definitions instead of copying them).
 */
import type { JoinRequestStatus } from './team.rules';
import type { VolunteerStatus } from './volunteer.rules';

/** `myVolunteer` / `registerVolunteer`: the caller's own registration, masked (the page never needs more). */
export interface MyVolunteerProfile {
  status: VolunteerStatus | 'none';
  realNameMasked: string;
  phoneMasked: string;
  skills: string[];
  availability: string;
  /** `YYYY-MM-DD` or null (activities with an age range need it). */
  birthDate: string | null;
  partyMember: boolean;
  /** 工作单位 and 在职党员报到 (双报到). */
  workUnit: string;
  partyReportIn: boolean;
  communityId: string | null;
  decisionNote: string;
  updatedAt: number | null;
  /** May ask to join teams: approved here, or already serving in a team (volunteers of the seed). */
  canJoinTeams: boolean;
}

/** `listCommunities`: one community a volunteer may register with (names of places only). */
export interface CommunityChoice {
  id: string;
  name: string;
  /** e.g. 和平社区新时代文明实践站: whose staff review the registration. */
  stationName: string;
}

/** `listVolunteerApplications`: a pending registration as the approving staff see it. */
export interface VolunteerApplication {
  openid: string;
  /** Clear for staff in the applicant's area (real-name check), masked otherwise. */
  realName: string;
  /** Clear for staff in the applicant's area (they call to verify), masked otherwise. */
  phone: string;
  skills: string[];
  availability: string;
  subdistrictId: string;
  communityId: string | null;
  communityName: string;
  appliedAt: number;
}

/** `decideVolunteer` */
export interface VolunteerDecision {
  openid: string;
  status: Exclude<VolunteerStatus, 'pending'>;
}

/** `listLeaderCandidates`: someone who may lead a new team, as the institute picks them (masked: the openid is the handle). */
export interface LeaderCandidate {
  openid: string;
  displayName: string;
  phoneMasked: string;
  communityName: string;
  /** Teams they already serve in. */
  teams: string[];
}

/** The caller's relation to a team, for the page's buttons. */
export type TeamRelation = 'leader' | 'member' | 'requested' | 'none';

/** A unit of a team's service area, named. */
export interface AreaName {
  id: string;
  name: string;
}

export interface TeamMember {
  /** Present only for the leader and staff who manage the team (they pick a new leader by it). */
  openid?: string;
  /** Masked, e.g. 张* */
  displayName: string;
  /** The full name, only for the team's leader and the institute (`team.memberNames`). */
  fullName?: string;
  isLeader: boolean;
}

/** `teamDetail` / `createTeam`: anyone signed in sees a team, names masked. */
export interface TeamDetail {
  teamId: string;
  name: string;
  intro: string;
  skills: string[];
  rating: number;
  leader: { displayName: string; openid?: string };
  members: TeamMember[];
  memberCount: number;
  serviceArea: AreaName[];
  myRelation: TeamRelation;
  /** True when the caller may decide join requests and transfer leadership. */
  canManage: boolean;
}

/** `listTeams`: every team, best rated first. */
export interface TeamSummary {
  teamId: string;
  name: string;
  intro: string;
  skills: string[];
  rating: number;
  memberCount: number;
  /** Masked, e.g. 张* */
  leaderName: string;
  serviceArea: AreaName[];
  /** True for members (the leader included). */
  mine: boolean;
  myRelation: TeamRelation;
}

/** `requestJoin` / `myJoinRequests` */
export interface JoinRequestView {
  requestId: string;
  teamId: string;
  status: JoinRequestStatus;
  note: string;
  requestedAt: number;
}

/** `listJoinRequests`: an open request as the leader decides it (masked only). */
export interface JoinRequestRow extends JoinRequestView {
  openid: string;
  /** Masked, e.g. 张* */
  displayName: string;
  /** Masked, e.g. 138****1234 */
  phoneMasked: string;
  skills: string[];
  availability: string;
}

/** `decideJoin` */
export interface JoinDecisionResult {
  requestId: string;
  teamId: string;
  status: Exclude<JoinRequestStatus, 'open'>;
}

/** `leaveTeam` */
export interface LeaveResult {
  teamId: string;
  left: true;
}

/** `transferLeadership` */
export interface LeadershipTransfer {
  teamId: string;
  leaderOpenid: string;
}
