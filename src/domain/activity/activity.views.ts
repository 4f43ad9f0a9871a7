/**
 * What the activity function answers (src/contracts/activity.contract.ts): pure types, built by
 * server/activity and read by the pages.
 */
import type { CertificateContent, HoursKind, HoursSource, HoursStatus, HoursSummary, StarLevel } from '../hours/hours.rules';
import type { CodeAction } from './activity.rules';
import type { ActivityRequirements, Attendance, PresenceBy, SignUpStatus } from './activity.types';

/** One card of the activity square (活动广场). */
export interface ActivityCard {
  activityId: string;
  title: string;
  category: string;
  address: string;
  organiserName: string;
  firstStartAt: number;
  lastEndAt: number;
  sessionCount: number;
  /** Places left over all upcoming sessions (0 = full, 候补 possible). */
  placesLeft: number;
  signUpClosesAt: number;
  /** Sessions whose hours are still unconfirmed 10 working days after they ended (shown to organisers). */
  confirmOverdue: number;
  /** 报名条件 in words (who may sign up); empty: every registered volunteer. */
  requirementsText: string[];
  /** 活动封面 (cloud://), or null. */
  coverFileId: string | null;
}

/** Whom an organiser may publish as: their station / institute (`teamId` null) or a team they lead. */
export interface PublishAs {
  teamId: string | null;
  label: string;
}

export interface SessionView {
  sessionId: string;
  index: number;
  startAt: number;
  endAt: number;
  quota: number;
  signedUp: number;
  plannedHours: number;
  /** The caller's sign-up on this session, if any. */
  mine: {
    status: SignUpStatus;
    attendance: Attendance;
    hours: number;
    needsReview: boolean;
    confirmed: boolean;
    cancelDeadline: number;
  } | null;
  confirmed: boolean;
}

export interface ActivityDetail {
  activityId: string;
  title: string;
  category: string;
  description: string;
  address: string;
  organiserName: string;
  contactName: string;
  contactPhone: string;
  requirements: ActivityRequirements;
  /** 报名条件 in words (who may sign up); empty: every registered volunteer. */
  requirementsText: string[];
  /** 活动封面 (cloud://), or null. */
  coverFileId: string | null;
  signUpOpensAt: number;
  signUpClosesAt: number;
  cancelBeforeMinutes: number;
  needsApproval: boolean;
  state: 'published' | 'cancelled';
  sessions: SessionView[];
  /** The caller may run it (code screen, roster, confirm). */
  canManage: boolean;
  /** Why the caller cannot sign up at all (not an approved volunteer, not on the team), or null. */
  signUpBlocked: string | null;
  /** The 活动开始提醒 template to ask the grant for when signing up (`wx.requestSubscribeMessage`). */
  reminderTemplateId: string;
}

/** 我的报名: one row per sign-up, soonest first. */
export interface MySignUp {
  sessionId: string;
  activityId: string;
  title: string;
  startAt: number;
  endAt: number;
  status: SignUpStatus;
  attendance: Attendance;
  hours: number;
  needsReview: boolean;
  confirmed: boolean;
}

/** One volunteer on the organiser's roster. */
export interface RosterRow {
  openid: string;
  displayName: string;
  status: SignUpStatus;
  attendance: Attendance;
  checkInAt: number | null;
  checkInBy: PresenceBy | null;
  checkOutAt: number | null;
  checkOutBy: PresenceBy | null;
  hours: number;
  /** 待确认: signed out automatically at the planned end. */
  needsReview: boolean;
  confirmed: boolean;
}

/** The organiser's view of one session: who signed up, who came, hours. */
export interface SessionRoster {
  activityId: string;
  sessionId: string;
  title: string;
  startAt: number;
  endAt: number;
  quota: number;
  plannedHours: number;
  signedUp: number;
  rows: RosterRow[];
  /** Hours confirmed (entered into the hours ledger) at this time, or null. */
  confirmedAt: number | null;
  /** 10 working days passed since the end and the hours are still unconfirmed. */
  confirmOverdue: boolean;
}

export interface CurrentCode {
  sessionId: string;
  step: CodeAction;
  code: string;
  /** When the code changes: the screen refreshes a little before. */
  validUntil: number;
  /** The server's clock when answering (the screen's countdown does not trust the phone's clock). */
  now: number;
}

export interface AttendResult {
  sessionId: string;
  title: string;
  attendance: Attendance;
  at: number;
  hours: number;
}

/** 我的服务记录 */
export interface MyRecord {
  summary: HoursSummary;
  star: StarLevel;
  /** The published rules, for the screen. */
  hoursRule: string;
  pointsRule: string;
  entries: {
    key: string;
    source: HoursSource;
    sourceLabel: string;
    sourceId: string;
    title: string;
    startAt: number;
    hours: number;
    kind: HoursKind;
    kindLabel: string;
    status: HoursStatus;
    statusLabel: string;
  }[];
  certificates: CertificateSummary[];
}

export type CertificateStatus = 'requested' | 'issued';

export interface CertificateSummary {
  certificateId: string;
  status: CertificateStatus;
  periodFrom: number;
  periodTo: number;
  requestedAt: number;
  number: string | null;
}

/** A certificate as its owner or staff see it: the content, number and verification code. */
export interface CertificateView extends CertificateSummary {
  volunteerName: string;
  content: CertificateContent | null;
  verifyCode: string | null;
}

/** Staff's queue of requested certificates. */
export interface CertificateRequestRow {
  certificateId: string;
  volunteerName: string;
  periodFrom: number;
  periodTo: number;
  requestedAt: number;
  /** Counted hours in the period now (what issuing would certify). */
  hours: number;
}

/** A 补录 / 更正 waiting for staff approval. */
export interface PendingHoursRow {
  key: string;
  displayName: string;
  title: string;
  startAt: number;
  hours: number;
  kind: HoursKind;
  reason: string;
  recorder: string;
  /** Recorded by the caller: they may not approve it. */
  mine: boolean;
}

/** Public verification: exactly what was certified, or not found. */
export type VerifyAnswer = { found: true; content: CertificateContent } | { found: false };
