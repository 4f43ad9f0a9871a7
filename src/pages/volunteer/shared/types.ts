/** The team function's answers, as the volunteer screens read them (server/team/*). */

export type VolunteerStatus = 'pending' | 'approved' | 'rejected';

export interface MyVolunteer {
  status: VolunteerStatus | 'none';
  realNameMasked: string;
  phoneMasked: string;
  skills: string[];
  availability: string;
  communityId: string | null;
  decisionNote: string;
  updatedAt: number | null;
  /** Approved, or already serving in a team: may ask to join teams. */
  canJoinTeams: boolean;
}

export interface Community {
  id: string;
  name: string;
  stationName: string;
}

export type TeamRelation = 'leader' | 'member' | 'requested' | 'none';

export interface AreaName {
  id: string;
  name: string;
}

export interface TeamSummary {
  teamId: string;
  name: string;
  intro: string;
  skills: string[];
  rating: number;
  memberCount: number;
  leaderName: string;
  serviceArea: AreaName[];
  mine: boolean;
  myRelation: TeamRelation;
}

export interface TeamMember {
  /** Only for those who manage the team. */
  openid?: string;
  displayName: string;
  isLeader: boolean;
}

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
  canManage: boolean;
}

export interface JoinRequestRow {
  requestId: string;
  teamId: string;
  status: 'open' | 'approved' | 'rejected';
  note: string;
  requestedAt: number;
  openid: string;
  displayName: string;
  phoneMasked: string;
  skills: string[];
  availability: string;
}
