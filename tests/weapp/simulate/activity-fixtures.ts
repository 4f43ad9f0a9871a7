/**
 * What the fake activity function answers, typed by src/contracts/activity.contract.ts (the views
 * of src/domain/activity/activity.views.ts that server/activity builds). Same world as fixtures.ts:
 * 和平社区's station organises 清洁家园·楼道大扫除 in 天府花园 on 5 March (09:00–11:00 China time);
 * 张阿姨 signed up, runs it from the station, and asked for a 志愿服务记录证明.
 */
import type { ActivityContract } from '../../../src/contracts/activity.contract';
import type { ActionName, AnswerOf } from '../../../src/contracts/kit';
import { T0 } from './fixtures';

/** What the activity function answers to `action` (the contract's own answer type). */
type Answer<A extends ActionName<ActivityContract>> = AnswerOf<ActivityContract, A>;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** 3月5日 周四 09:00–11:00 (China time). */
const START = T0;
const END = T0 + 2 * HOUR;

export const ACTIVITY_ID = 'act-sim-1';
export const SESSION_ID = 'as-sim-1';
export const CERTIFICATE_ID = 'cert-sim-1';
export const CERTIFICATE_NUMBER = 'ZYZM20260306AB12CD';
export const VERIFY_CODE = 'K7M2Q9XP';

const card = {
  activityId: ACTIVITY_ID,
  title: '清洁家园·楼道大扫除',
  category: '清洁家园',
  address: '天府花园 1栋 楼下集合',
  organiserName: '和平社区新时代文明实践站',
  firstStartAt: START,
  lastEndAt: END,
  sessionCount: 1,
  placesLeft: 7,
  signUpClosesAt: START - HOUR,
  confirmOverdue: 0,
  requirementsText: [],
  coverFileId: null,
};

export const SQUARE: Answer<'square'> = {
  items: [
    card,
    {
      ...card,
      activityId: 'act-sim-2',
      title: '文明劝导·早高峰路口值守',
      category: '文明劝导',
      address: '和平路与幸福街路口',
      sessionCount: 3,
      placesLeft: 0,
    },
  ],
  nextCursor: null,
};

/** The organiser's view: 张阿姨 signed up for the one session and may run it. */
export const DETAIL: Answer<'detail'> = {
  activityId: ACTIVITY_ID,
  title: card.title,
  category: card.category,
  description: '清理楼道堆物和小广告，请自带手套。',
  address: card.address,
  organiserName: card.organiserName,
  contactName: '刘站长',
  contactPhone: '13800001234',
  requirements: { skills: [], partyOnly: false, minAge: null, maxAge: null },
  signUpOpensAt: START - 7 * DAY,
  signUpClosesAt: START - HOUR,
  cancelBeforeMinutes: 120,
  needsApproval: false,
  state: 'published',
  sessions: [
    {
      sessionId: SESSION_ID,
      index: 0,
      startAt: START,
      endAt: END,
      quota: 10,
      signedUp: 3,
      plannedHours: 2,
      mine: { status: 'signed_up', attendance: 'none', hours: 0, needsReview: false, confirmed: false, cancelDeadline: START - 2 * HOUR },
      confirmed: false,
    },
  ],
  canManage: true,
  signUpBlocked: null,
  reminderTemplateId: 'TEMPLATE_ACTIVITY_REMINDER',
  requirementsText: [],
  coverFileId: null,
};

const mySignUp = {
  sessionId: SESSION_ID,
  activityId: ACTIVITY_ID,
  title: card.title,
  startAt: START,
  endAt: END,
  status: 'signed_up' as const,
  attendance: 'none' as const,
  hours: 0,
  needsReview: false,
  confirmed: false,
};

/** One place to sign in to, one 候补, one done and confirmed. */
export const MY_SIGN_UPS: Answer<'mySignUps'> = {
  items: [
    mySignUp,
    { ...mySignUp, sessionId: 'as-sim-2', activityId: 'act-sim-2', title: '文明劝导·早高峰路口值守', status: 'waitlisted' },
    {
      ...mySignUp,
      sessionId: 'as-sim-0',
      activityId: 'act-sim-0',
      title: '巡河护河·锦江边捡拾垃圾',
      startAt: START - 7 * DAY,
      endAt: END - 7 * DAY,
      attendance: 'out',
      hours: 2,
      confirmed: true,
    },
  ],
};

export const ORGANISED: Answer<'organised'> = {
  items: [{ ...card, placesLeft: 7, confirmOverdue: 1 }],
  publishAs: [
    { teamId: null, label: '和平社区新时代文明实践站' },
    { teamId: 't1', label: '银龄之声' },
  ],
};

/** 刘师傅 signed in by code; 赵* waits for approval; 陈* is on 候补. */
export const ROSTER: Answer<'roster'> = {
  activityId: ACTIVITY_ID,
  sessionId: SESSION_ID,
  title: card.title,
  startAt: START,
  endAt: END,
  quota: 10,
  plannedHours: 2,
  signedUp: 1,
  rows: [
    {
      openid: 'o-v1',
      displayName: '刘师傅',
      status: 'signed_up',
      attendance: 'in',
      checkInAt: START + 5 * 60_000,
      checkInBy: 'code',
      checkOutAt: null,
      checkOutBy: null,
      hours: 0,
      needsReview: false,
      confirmed: false,
    },
    {
      openid: 'o-v2',
      displayName: '赵*',
      status: 'pending',
      attendance: 'none',
      checkInAt: null,
      checkInBy: null,
      checkOutAt: null,
      checkOutBy: null,
      hours: 0,
      needsReview: false,
      confirmed: false,
    },
    {
      openid: 'o-v4',
      displayName: '陈*',
      status: 'waitlisted',
      attendance: 'none',
      checkInAt: null,
      checkInBy: null,
      checkOutAt: null,
      checkOutBy: null,
      hours: 0,
      needsReview: false,
      confirmed: false,
    },
  ],
  confirmedAt: null,
  confirmOverdue: false,
};

/** The code answers relative to the phone's clock: the countdown shows a sensible number whenever the test runs. */
export const CODE: Answer<'code'> = { sessionId: SESSION_ID, step: 'in', code: '482913', validUntil: T0 + 20_000, now: T0 };

export const MY_RECORD: Answer<'myRecord'> = {
  summary: { totalHours: 36.5, thisYearHours: 12, bySource: { activity: 24.5, order: 12 }, points: 365, pendingHours: 1.5 },
  star: {
    level: 0,
    label: '未评星',
    next: { level: 1, label: '一星', atHours: 100, remaining: 63.5 },
    thresholds: [100, 300, 600, 1000, 1500],
  },
  hoursRule: '签到至签退的时长，组织者确认后计入',
  pointsRule: '每服务 1 小时记 10 积分',
  entries: [
    {
      key: 'h-1',
      source: 'activity',
      sourceLabel: '志愿活动',
      sourceId: 'as-sim-0',
      title: '巡河护河·锦江边捡拾垃圾',
      startAt: START - 7 * DAY,
      hours: 2,
      kind: 'live',
      kindLabel: '实时记录',
      status: 'confirmed',
      statusLabel: '已确认',
    },
  ],
  certificates: [
    {
      certificateId: CERTIFICATE_ID,
      status: 'issued',
      periodFrom: START - 60 * DAY,
      periodTo: START,
      requestedAt: START,
      number: CERTIFICATE_NUMBER,
    },
  ],
};

export const CERTIFICATE_REQUESTS: Answer<'certificateRequests'> = {
  items: [
    { certificateId: 'cert-sim-2', volunteerName: '王*', periodFrom: START - 60 * DAY, periodTo: START, requestedAt: START, hours: 18.5 },
  ],
};

const CONTENT = {
  volunteerName: '张*',
  volunteerNo: 'ZYZ5101000123',
  idNumberMasked: '510***********1234',
  periodFrom: START - 60 * DAY,
  periodTo: START,
  lines: [
    {
      title: '巡河护河·锦江边捡拾垃圾',
      date: '2026-02-26',
      place: '锦江和平段',
      content: '捡拾河岸垃圾',
      hours: 2,
      recorder: '和平社区新时代文明实践站',
    },
  ],
  totalHours: 2,
  issuer: { unit: '和平社区新时代文明实践站', head: '刘站长', handler: '王干事', contact: '028-12345678' },
  number: CERTIFICATE_NUMBER,
  issuedAt: START + DAY,
};

export const CERTIFICATE: Answer<'certificate'> = {
  certificateId: CERTIFICATE_ID,
  status: 'issued',
  periodFrom: CONTENT.periodFrom,
  periodTo: CONTENT.periodTo,
  requestedAt: START,
  number: CERTIFICATE_NUMBER,
  volunteerName: '张*',
  content: CONTENT,
  verifyCode: VERIFY_CODE,
};

export const PENDING_HOURS: Answer<'pendingHours'> = {
  items: [
    {
      key: 'h-2',
      displayName: '刘师傅',
      title: card.title,
      startAt: START,
      hours: 1.5,
      kind: 'back_entry',
      reason: '手机没电，未能扫码签到',
      recorder: '银龄之声 张*',
      mine: false,
    },
  ],
};

export const VERIFIED: Answer<'verify'> = { found: true, content: CONTENT };

export const UNIT_STATS: Answer<'unitStats'> = {
  from: START - 30 * 24 * HOUR,
  to: START,
  rows: [
    { unit: '区卫健委', volunteers: 2, partyReportedIn: 1, hours: 1.75, activityHours: 1.5, orderHours: 0.25, attended: 1, absent: 1 },
  ],
  withoutUnit: 3,
};
