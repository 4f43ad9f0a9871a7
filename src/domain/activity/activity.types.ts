/**
 * 志愿活动 (activities), their 场次 (sessions) and 报名 (sign-ups): the stored documents.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */

/** Who organises an activity: staff for an org area, or a team leader for their team. */
export type Organiser = { kind: 'org'; unitId: string; name: string } | { kind: 'team'; teamId: string; name: string };

export type ActivityState = 'published' | 'cancelled';

export interface ActivityRequirements {
  skills: string[];
  /** 仅限党员 */
  partyOnly: boolean;
  minAge: number | null;
  maxAge: number | null;
}

/** Document of collection `activities`. */
export interface ActivityDoc {
  _id: string;
  title: string;
  /** 服务类别, e.g. 清洁家园, 文明劝导 */
  category: string;
  description: string;
  cover: string;
  /** Where it happens: an org node (community or subdistrict) and the address text. */
  placeUnitId: string;
  address: string;
  subdistrictId: string;
  /** The community it belongs to; null for a subdistrict-wide activity. */
  communityId: string | null;
  organiser: Organiser;
  /** Where the organiser sits, for `authorize` (root first; a team activity sits at the team's home subdistrict). */
  orgPath: string[];
  /** `organiser.unitId` or `organiser.teamId`: the organised list of a station or a team. */
  organiserScopeId: string;
  contactName: string;
  contactPhone: string;
  requirements: ActivityRequirements;
  signUpOpensAt: number;
  signUpClosesAt: number;
  /** Sign-ups wait for the organiser's approval (报名审核) before they take a place. */
  needsApproval: boolean;
  /** Sign-ups may be cancelled until this many minutes before a session starts. */
  cancelBeforeMinutes: number;
  state: ActivityState;
  sessionCount: number;
  firstStartAt: number;
  lastEndAt: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  /** Square order: soonest first, `<firstStartAt 13 digits>-<_id>`, unique. */
  squareKey: string;
  requestId: string;
}

/** Document of collection `activity_sessions` (场次): `_id` = `<activityId>-s<index>`. */
export interface ActivitySessionDoc {
  _id: string;
  activityId: string;
  index: number;
  title: string;
  address: string;
  subdistrictId: string;
  communityId: string | null;
  organiser: Organiser;
  orgPath: string[];
  startAt: number;
  endAt: number;
  quota: number;
  plannedHours: number;
  /** Places taken: changed only by conditional updates (`signedUp < quota`), never read-modify-write. */
  signedUp: number;
  /** Set when the organiser confirmed the session's hours. */
  confirmedAt: number | null;
  confirmedBy: string | null;
  /** Hours are due within 10 working days of the end (民政部令第67号 第11条); past this, the session is flagged. */
  confirmBy: number;
  hoursConfirmed: boolean;
  /** Flagged by the timer: hours still unconfirmed after `confirmBy`. */
  confirmOverdue: boolean;
  /** 活动开始提醒 queued for the volunteers with a place (the timer, from a day before); absent on sessions older than reminders. */
  reminded?: boolean;
  createdAt: number;
  updatedAt: number;
}

/** 报名状态 */
/** `pending`: waiting for the organiser's approval (activities that need it); `rejected`: not approved. */
export type SignUpStatus = 'pending' | 'signed_up' | 'waitlisted' | 'cancelled' | 'rejected';

export const SIGN_UP_STATUS_LABELS: Readonly<Record<SignUpStatus, string>> = {
  pending: '待审核',
  signed_up: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
  rejected: '未通过',
};

/** Attendance of one sign-up: not yet, signed in, signed out, or did not come (no-show). */
export type Attendance = 'none' | 'in' | 'out' | 'absent';

export const ATTENDANCE_LABELS: Readonly<Record<Attendance, string>> = {
  none: '未签到',
  in: '已签到',
  out: '已签退',
  absent: '缺席',
};

/** How a sign-in / sign-out happened. */
export type PresenceBy = 'code' | 'organiser' | 'batch' | 'auto';

export const PRESENCE_BY_LABELS: Readonly<Record<PresenceBy, string>> = {
  code: '签到码',
  organiser: '组织者标记',
  batch: '组织者全部签退',
  auto: '到点自动签退（待确认）',
};

/** Document of collection `activity_signups`: one per (session, volunteer), `_id` = `<sessionId>-<openid>`. */
export interface SignUpDoc {
  _id: string;
  sessionId: string;
  activityId: string;
  openid: string;
  displayName: string;
  title: string;
  status: SignUpStatus;
  /** 候补 order: `<createdAt 13 digits>-<openid>`, first come first promoted. */
  waitKey: string;
  /** Copied from the session for the overlap check and the sweeps. */
  startAt: number;
  endAt: number;
  attendance: Attendance;
  checkInAt: number | null;
  checkInBy: PresenceBy | null;
  checkOutAt: number | null;
  checkOutBy: PresenceBy | null;
  /** 待确认: signed out automatically; never counted until the organiser confirms. */
  needsReview: boolean;
  /** Hours by the rule, provisional until confirmed. */
  hours: number;
  confirmed: boolean;
  /** Attendance the organiser marked by hand, logged: who, when, what. */
  marks?: { at: number; byOpenid: string; action: 'in' | 'out' | 'out_all' }[];
  createdAt: number;
  updatedAt: number;
}

export const sessionIdOf = (activityId: string, index: number): string => `${activityId}-s${index}`;
export const signUpIdOf = (sessionId: string, openid: string): string => `${sessionId}-${openid}`;
export const keyOf = (at: number, id: string): string => `${String(Math.max(0, Math.floor(at))).padStart(13, '0')}-${id}`;
