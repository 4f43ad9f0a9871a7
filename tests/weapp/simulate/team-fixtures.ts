/**
 * What the fake team function answers, typed by src/domain/team/team.views.ts (the contract
 * server/team returns). Same world as fixtures.ts: 张阿姨 is an approved volunteer of 和平社区 and
 * leads 银龄之声 (with 刘师傅); 豆花帮帮团 is another team she may ask to join.
 */
import type {
  CommunityChoice,
  JoinRequestRow,
  MyVolunteerProfile,
  TeamDetail,
  TeamSummary,
  VolunteerApplication,
} from '../../../src/domain/team/team.views';
import { T0 } from './fixtures';

export const MY_VOLUNTEER: MyVolunteerProfile = {
  status: 'approved',
  realNameMasked: '张*',
  phoneMasked: '138****8000',
  skills: ['理发', '陪同就医'],
  availability: '周末上午',
  birthDate: '1960-05-01',
  partyMember: true,
  workUnit: '',
  partyReportIn: false,
  communityId: 'c1',
  decisionNote: '',
  updatedAt: T0,
  canJoinTeams: true,
};

export const COMMUNITIES: CommunityChoice[] = [
  { id: 'c1', name: '和平社区', stationName: '和平社区新时代文明实践站' },
  { id: 'c2', name: '幸福社区', stationName: '幸福社区新时代文明实践站' },
];

/** What the list and the page both say of 银龄之声. */
const silverVoice = (): Omit<TeamSummary, 'leaderName' | 'mine'> => ({
  teamId: 't1',
  name: '银龄之声',
  intro: '为社区老人理发、陪诊',
  skills: ['理发', '陪同就医'],
  rating: 4.8,
  memberCount: 2,
  serviceArea: [{ id: 'e1', name: '天府花园' }],
  myRelation: 'leader',
});

export const TEAMS: TeamSummary[] = [
  { ...silverVoice(), leaderName: '张*', mine: true },
  {
    teamId: 't2',
    name: '豆花帮帮团',
    intro: '邻里互助，上门维修',
    skills: ['水电维修'],
    rating: 4.5,
    memberCount: 12,
    leaderName: '陈*',
    serviceArea: [{ id: 'e2', name: '锦绣苑' }],
    mine: false,
    myRelation: 'none',
  },
];

/** 银龄之声 as its leader sees it: openids present (移交队长), join requests open to decide. */
export const MY_TEAM: TeamDetail = {
  ...silverVoice(),
  leader: { displayName: '张*', openid: 'o-sim' },
  members: [
    { openid: 'o-sim', displayName: '张*', isLeader: true },
    { openid: 'o-v1', displayName: '刘师傅', isLeader: false },
  ],
  canManage: true,
};

export const JOIN_REQUESTS: JoinRequestRow[] = [
  {
    requestId: 'jr-1',
    teamId: 't1',
    status: 'open',
    note: '想参加助老服务',
    requestedAt: T0,
    openid: 'o-v2',
    displayName: '赵*',
    phoneMasked: '139****1111',
    skills: ['理发'],
    availability: '工作日晚上',
  },
];

export const VOLUNTEER_APPLICATIONS: VolunteerApplication[] = [
  {
    openid: 'o-v3',
    realName: '王小明',
    phone: '13900001111',
    skills: ['电脑维修', '摄影'],
    availability: '周六全天',
    subdistrictId: 's1',
    communityId: 'c1',
    communityName: '和平社区',
    appliedAt: T0,
  },
];
