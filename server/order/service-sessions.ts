import { randomInt } from 'node:crypto';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { mayServe } from '../../src/domain/order/assignment.rules';
import type { OrderDoc } from '../../src/domain/order/order.types';
import type { SessionView } from '../../src/domain/order/order.views';
import { pointsForHours } from '../../src/domain/points/points.rules';
import {
  CONFIRMATION_LABELS,
  type Confirmation,
  correctionProblem,
  type ServiceSessionDoc,
  serviceCodeFrom,
  sessionHours,
  sessionIdOf,
  totalHours,
} from '../../src/domain/service/service.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { orderHoursEntry } from '../hours/order-entry';
import { type AttemptRule, assertNotLocked, countFailureLeft } from '../kit/attempts';
import type { LoadedPrincipal } from '../kit/principal';
import { readList } from '../kit/read-list';
import { assertOwnUploads, UPLOAD_FOLDERS } from '../kit/uploads';
import { database } from '../kit/wx-cloud';
import type { Decided, Plan, Planner } from './order-step';
import { findUserDoc, ORDERS, type OrderEffect, type OrderRecord, READ_CAP, SERVICE_SESSIONS } from './order-store';

// The events that carry hours and points (签到, 签退, 更正签退, 完成服务): their planners, and the sessions they keep.

export const sessionViewOf = (s: ServiceSessionDoc): SessionView => ({
  openid: s.openid,
  displayName: s.displayName,
  checkInAt: s.checkInAt,
  checkInBy: s.checkInBy,
  checkOutAt: s.checkOutAt,
  checkOutBy: s.checkOutBy,
  hours: s.hours,
  confirmed: s.confirmed,
  correctionNote: s.correction?.note ?? '',
});

/**
 * Sessions of the order's current service round, by check-in time: the order keeps them
 * (`roundSessions`); an order from before that is read from `service_sessions`.
 */
export async function sessionsOf(order: Pick<OrderRecord, '_id' | 'serviceRound' | 'roundSessions'>): Promise<ServiceSessionDoc[]> {
  if (order.roundSessions) return [...order.roundSessions].sort((a, b) => a.checkInAt - b.checkInAt);
  if (!order.serviceRound) return [];
  return readList<ServiceSessionDoc>(
    database()
      .collection(SERVICE_SESSIONS)
      .where({ orderId: order._id, round: order.serviceRound })
      .orderBy('checkInAt', 'asc')
      .limit(READ_CAP),
  );
}

dayjs.extend(utc);

const hhmm = (ms: number) =>
  dayjs(ms)
    .utcOffset(8 * 60)
    .format('MM-DD HH:mm');

export interface PresenceInput {
  /** The resident's confirmation code; without it only the leader may confirm. */
  code?: string;
  /** Whom the leader checks in / out; defaults to the caller. */
  volunteerOpenid?: string;
}

/** Wrong 确认码 by one volunteer on one order: 5 in 15 minutes, then 15 minutes' lock and a new code for the resident. */
export const SERVICE_CODE_ATTEMPTS_PER_ORDER: AttemptRule = {
  scope: 'serviceCode',
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  lockedMessage: '确认码输错次数过多，已暂停用确认码签到签退；居民订单里的确认码已更换，也可请队长确认',
};
/** Wrong 确认码 by one volunteer over all orders: 10 an hour, then an hour's lock. */
export const SERVICE_CODE_ATTEMPTS_PER_CALLER: AttemptRule = {
  scope: 'serviceCodeAll',
  maxFailures: 10,
  windowMs: 60 * 60_000,
  lockMs: 60 * 60_000,
  lockedMessage: '确认码输错次数过多，已暂停用确认码签到签退，可请队长确认',
};

/**
 * A guessed 确认码 is checked only while the guesser is not locked out; a wrong one counts (per
 * order and per volunteer, outside the transaction, so the count survives its rollback), and the
 * guess that locks also gives the resident a new code, so whatever was learnt is worthless.
 */
async function checkServiceCode(principal: LoadedPrincipal, order: OrderDoc, code: string, now: number): Promise<void> {
  const attempts = [
    { rule: SERVICE_CODE_ATTEMPTS_PER_ORDER, key: `${principal.openid}:${order._id}` },
    { rule: SERVICE_CODE_ATTEMPTS_PER_CALLER, key: principal.openid },
  ];
  await assertNotLocked(attempts, now);
  if (order.serviceCode && code === order.serviceCode) return;
  const { locked, left } = await countFailureLeft(attempts, now);
  if (locked && order.serviceCode) {
    await database()
      .collection(ORDERS)
      .where({ _id: order._id, serviceCode: order.serviceCode })
      .update({ data: { serviceCode: serviceCodeFrom(randomInt) } });
  }
  // How many tries are left before codes are paused: said beside the field until the code is edited.
  throw locked ?? new DomainError(ErrorCode.InputInvalid, `确认码不正确，请向居民核对（再输错 ${left} 次将暂停用确认码签到签退）`);
}

/** Who is checked in / out and how it is confirmed: the resident's code, or the leader. */
async function presence(principal: LoadedPrincipal, order: OrderDoc, d: Decided, input: PresenceInput, now: number) {
  const leader = d.rel.parties.includes('assigned_leader');
  const subject = input.volunteerOpenid ?? principal.openid;
  if (subject !== principal.openid && !leader) throw new DomainError(ErrorCode.Forbidden, '只有队长可以为其他队员签到、签退');
  const user = subject === principal.openid ? principal.user : await findUserDoc(subject);
  // Membership from the volunteer's grants: they change in the same transaction as the team's member list.
  const onTeam = (user?.roles ?? []).some((g) => (g.role === 'volunteer' || g.role === 'team_leader') && g.scopeId === order.teamId);
  if (!onTeam) throw new DomainError(ErrorCode.InputInvalid, '这位志愿者不是承接队伍的成员');
  if (!mayServe(order, subject, leader)) throw new DomainError(ErrorCode.Forbidden, '队长没有指派您参与这个订单，请联系队长');
  let by: Confirmation;
  if (input.code !== undefined) {
    await checkServiceCode(principal, order, input.code, now);
    by = 'resident_code';
  } else if (leader) {
    by = 'leader';
  } else {
    throw new DomainError(ErrorCode.InputInvalid, '请输入居民出示的确认码，或请队长确认');
  }
  return { subject, by, name: user?.displayName || '志愿者', round: order.serviceRound ?? order.version };
}

/**
 * 签到: an assigned team member (or the leader for any member) checks in, confirmed by the
 * resident's code or by the leader. One session per volunteer per service round, kept on the order
 * (so a retry or a race loses the order's compare-and-set instead of making two) and projected to
 * `service_sessions` as the step's effect (fixed id).
 */
export const checkInPlan: Planner<PresenceInput> = async ({ principal, order, decided, command, now }) => {
  const p = await presence(principal, order, decided, command, now);
  const _id = sessionIdOf(order._id, p.round, p.subject);
  const current = await roundSessionsOf(order, p.round);
  const existing = current.find((s) => s._id === _id);
  if (existing) throw new DomainError(ErrorCode.Conflict, existing.checkOutAt === null ? `${p.name}已签到` : `${p.name}本次服务已签退`);
  const session: ServiceSessionDoc = {
    _id,
    orderId: order._id,
    round: p.round,
    openid: p.subject,
    displayName: p.name,
    teamId: order.teamId ?? '',
    communityId: order.communityId,
    subdistrictId: order.subdistrictId,
    checkInAt: now,
    checkInBy: p.by,
    checkOutAt: null,
    checkOutBy: null,
    hours: 0,
    confirmed: false,
    correction: null,
    createdAt: now,
    updatedAt: now,
  };
  return {
    note: `${p.name} 签到（${CONFIRMATION_LABELS[p.by]}）`,
    patch: { roundSessions: [...current, session] },
    effects: [{ kind: 'sessions', version: order.version + 1, docs: [session], fresh: true }],
  };
};

/** 签退: closes the volunteer's open session; hours by the published rule (provisional until completion). */
export const checkOutPlan: Planner<PresenceInput> = async ({ principal, order, decided, command, now }) => {
  const p = await presence(principal, order, decided, command, now);
  const _id = sessionIdOf(order._id, p.round, p.subject);
  // From the order as read: a concurrent check-out of the same session loses the order's compare-and-set.
  const current = await roundSessionsOf(order, p.round);
  const session = current.find((s) => s._id === _id);
  if (!session) throw new DomainError(ErrorCode.InvalidTransition, `${p.name}还没有签到`);
  if (session.checkOutAt !== null) throw new DomainError(ErrorCode.Conflict, `${p.name}已签退`);
  const hours = sessionHours(session.checkInAt, now);
  const closed: ServiceSessionDoc = { ...session, checkOutAt: now, checkOutBy: p.by, hours, updatedAt: now };
  return {
    note: `${p.name} 签退（${CONFIRMATION_LABELS[p.by]}），计 ${hours} 小时`,
    ...replacing(order, current, closed),
  };
};

export interface CorrectionInput {
  volunteerOpenid: string;
  /** The real check-out time. */
  at: number;
  note: string;
}

/**
 * 更正签退: the leader sets the check-out time of a volunteer who forgot to check out (or
 * checked out at the wrong time), with a reason. A timeline event shows who changed what from
 * when to when; the session keeps the previous time beside the correction. Only while serving:
 * hours are final once the order is completed.
 */
export const correctCheckOutPlan: Planner<CorrectionInput> = async ({ principal, order, command, now }) => {
  const note = command.note.trim();
  if (!note) throw new DomainError(ErrorCode.InputInvalid, '请填写更正签退的原因');
  const round = order.serviceRound ?? order.version;
  const _id = sessionIdOf(order._id, round, command.volunteerOpenid);
  const current = await roundSessionsOf(order, round);
  const session = current.find((s) => s._id === _id);
  if (!session) throw new DomainError(ErrorCode.NotFound, '这位志愿者本次服务没有签到记录');
  const problem = correctionProblem(session.checkInAt, command.at, now);
  if (problem) throw new DomainError(ErrorCode.InputInvalid, `输入有误：${problem}`);
  const hours = sessionHours(session.checkInAt, command.at);
  const before = session.checkOutAt === null ? '未签退' : hhmm(session.checkOutAt);
  return {
    note: `更正 ${session.displayName} 的签退：${before} → ${hhmm(command.at)}，计 ${hours} 小时。原因：${note}`,
    ...replacing(order, current, {
      ...session,
      checkOutAt: command.at,
      checkOutBy: 'leader_correction',
      hours,
      correction: { byOpenid: principal.openid, note, previousCheckOutAt: session.checkOutAt, at: now },
      updatedAt: now,
    }),
  };
};

export interface CompleteInput {
  summary?: string;
  photos?: string[];
}

/**
 * 完成服务: the leader files the completion report. In ONE transaction with the transition:
 * sessions still open are checked out at this moment (said on the timeline), every session's
 * hours become final, and each volunteer is credited points by the published rule in the
 * append-only ledger (unique key per order, round, volunteer and reason). The answer adds the
 * confirmed hours and credited points per volunteer (`CompleteResult`).
 */
export const completePlan: Planner<CompleteInput> = async ({ principal, order, command, now }) => {
  // The report's photos: the leader's own uploads for it, nobody else's file.
  await assertOwnUploads(command.photos, { folder: UPLOAD_FOLDERS.reportPhoto, openid: principal.openid, what: '完成报告的照片' });
  const round = order.serviceRound ?? order.version;
  const sessions = await roundSessionsOf(order, round);
  const open = sessions.filter((s) => s.checkOutAt === null);
  const finals = sessions.map((s) => {
    const checkOutAt = s.checkOutAt ?? now;
    const hours = s.checkOutAt === null ? sessionHours(s.checkInAt, now) : s.hours;
    const session: ServiceSessionDoc = { ...s, hours, confirmed: true, updatedAt: now };
    if (s.checkOutAt === null) Object.assign(session, { checkOutAt, checkOutBy: 'completion' });
    return { session, hours, points: pointsForHours(hours) };
  });
  const serviceHours = totalHours(finals.map((f) => f.hours));
  const summary = command.summary?.trim() ?? '';
  const lines = [
    summary,
    open.length > 0 ? `未签退的 ${open.map((s) => s.displayName).join('、')} 按完成时间自动签退` : '',
    `共 ${serviceHours} 小时`,
  ];
  const effects: OrderEffect[] = [];
  if (finals.length > 0) effects.push({ kind: 'sessions', version: order.version + 1, docs: finals.map((f) => f.session) });
  // Confirmed hours go to the one hours ledger; points, my record, star levels and certificates all read it.
  const hoursRows = finals.filter((f) => f.hours > 0).map((f) => orderHoursEntry(order, f.session, f.hours, principal.openid, now));
  if (hoursRows.length > 0) effects.push({ kind: 'hours', rows: hoursRows });
  return {
    // Clauses joined by ；: a summary's own closing 。 or ； goes, so the step never reads "吃药。；共 2 小时".
    note: lines
      .map((line) => line.replace(/[。．.；;，,、\s]+$/u, ''))
      .filter(Boolean)
      .join('；'),
    patch: {
      serviceHours,
      report: { summary, photos: command.photos ?? [], at: now, byOpenid: principal.openid },
      roundSessions: finals.map((f) => f.session),
    },
    answer: {
      serviceHours,
      volunteers: finals.map((f) => ({ openid: f.session.openid, displayName: f.session.displayName, hours: f.hours, points: f.points })),
    },
    effects,
  };
};

/** The sessions of `round` as the order holds them (or, for an older order, as stored). */
async function roundSessionsOf(order: OrderRecord, round: number): Promise<ServiceSessionDoc[]> {
  return sessionsOf({ _id: order._id, serviceRound: round, roundSessions: order.roundSessions });
}

/** A step that changes one session: the order's copy of the round, and the session's projection. */
function replacing(order: OrderRecord, current: readonly ServiceSessionDoc[], changed: ServiceSessionDoc): Pick<Plan, 'patch' | 'effects'> {
  return {
    patch: { roundSessions: current.map((s) => (s._id === changed._id ? changed : s)) },
    effects: [{ kind: 'sessions', version: order.version + 1, docs: [changed] }],
  };
}
