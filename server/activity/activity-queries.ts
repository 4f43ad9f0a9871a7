import { ACTIVITY_SIGNUPS, TEAMS } from '../../database/collections';
import { cancelDeadline } from '../../src/domain/activity/activity.rules';
import { type ActivityDoc, type ActivitySessionDoc, keyOf, type SignUpDoc, signUpIdOf } from '../../src/domain/activity/activity.types';
import type { ActivityCard, ActivityDetail, MySignUp, PublishAs, RosterRow, SessionRoster } from '../../src/domain/activity/activity.views';
import { requirementsText } from '../../src/domain/activity/requirements.rules';
import { config } from '../kit/config';
import type { LoadedPrincipal } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { findOrgUnits } from '../org/org-units';
import { ACTIVITIES, getActivity, getSession, isOrganiser, requireOrganiser, sessionsOf, signUpsOf } from './activity-store';
import { eligibilityProblem } from './eligibility';

const PAGE = 20;
const DAY = 24 * 3600_000;

function cardsOf(activities: readonly ActivityDoc[], sessions: readonly ActivitySessionDoc[], now: number): ActivityCard[] {
  return activities.map((a) => {
    const upcoming = sessions.filter((s) => s.activityId === a._id && s.startAt > now);
    return {
      activityId: a._id,
      title: a.title,
      category: a.category,
      address: a.address,
      organiserName: a.organiser.name,
      firstStartAt: a.firstStartAt,
      lastEndAt: a.lastEndAt,
      sessionCount: a.sessionCount,
      placesLeft: upcoming.reduce((n, s) => n + Math.max(0, s.quota - s.signedUp), 0),
      confirmOverdue: sessions.filter((s) => s.activityId === a._id && s.confirmOverdue).length,
      signUpClosesAt: a.signUpClosesAt,
      requirementsText: requirementsText(a.requirements),
      coverFileId: a.cover || null,
    };
  });
}

/** 活动广场: published activities not over yet, the soonest ending first, 20 a page. */
export async function square(input: { cursor?: string }, now: number): Promise<{ items: ActivityCard[]; nextCursor: string | null }> {
  const _ = database().command;
  const from = keyOf(now, '');
  const after = input.cursor && input.cursor > from ? input.cursor : from;
  const rows = await readList<ActivityDoc>(
    database()
      .collection(ACTIVITIES)
      .where({ state: 'published', squareKey: _.gt(after) })
      .orderBy('squareKey', 'asc')
      .limit(PAGE + 1),
  );
  const page = rows.slice(0, PAGE);
  const sessions = await sessionsOf(page.map((a) => a._id));
  return { items: cardsOf(page, sessions, now), nextCursor: rows.length > PAGE ? (page[page.length - 1]?.squareKey ?? null) : null };
}

/** Whom the caller may publish as: their station / institute, and each team they lead. */
async function publishAs(principal: LoadedPrincipal): Promise<PublishAs[]> {
  const out: PublishAs[] = [];
  const staff = principal.grants.find((g) => ['station_staff', 'institute_staff', 'admin'].includes(g.role));
  if (staff) {
    const [unit] = await findOrgUnits([staff.scopeId]);
    const u = unit as { name?: string; stationName?: string; instituteName?: string } | undefined;
    out.push({ teamId: null, label: u?.stationName ?? u?.instituteName ?? u?.name ?? '本辖区' });
  }
  const led = principal.grants.filter((g) => g.role === 'team_leader').map((g) => g.scopeId);
  if (led.length > 0) {
    const _ = database().command;
    const teams = await readList<{ _id: string; name: string }>(
      database()
        .collection(TEAMS)
        .where({ _id: _.in(led) })
        .limit(led.length),
    );
    for (const t of teams) out.push({ teamId: t._id, label: t.name });
  }
  return out;
}

/** Activities the caller organises: their station / institute area and the teams they lead, ended less than 30 days ago. */
export async function organised(principal: LoadedPrincipal, now: number): Promise<{ items: ActivityCard[]; publishAs: PublishAs[] }> {
  const scopes = [
    ...new Set(
      principal.grants.filter((g) => ['team_leader', 'station_staff', 'institute_staff', 'admin'].includes(g.role)).map((g) => g.scopeId),
    ),
  ];
  if (scopes.length === 0) return { items: [], publishAs: [] };
  const _ = database().command;
  const rows = await readList<ActivityDoc>(
    database()
      .collection(ACTIVITIES)
      .where({ organiserScopeId: _.in(scopes), squareKey: _.gt(keyOf(now - 30 * DAY, '')) })
      .orderBy('squareKey', 'asc')
      .limit(100),
  );
  const [sessions, as] = await Promise.all([sessionsOf(rows.map((a) => a._id)), publishAs(principal)]);
  return { items: cardsOf(rows, sessions, now), publishAs: as };
}

/** One activity with its sessions and the caller's sign-ups: the detail screen's one call. */
export async function activityDetail(principal: LoadedPrincipal, input: { activityId: string }, now: number): Promise<ActivityDetail> {
  const a = await getActivity(input.activityId);
  const sessions = await sessionsOf([a._id]);
  const _ = database().command;
  const mine =
    sessions.length === 0
      ? []
      : await readList<SignUpDoc>(
          database()
            .collection(ACTIVITY_SIGNUPS)
            .where({ _id: _.in(sessions.map((s) => signUpIdOf(s._id, principal.openid))) })
            .limit(sessions.length),
        );
  const mineOf = new Map(mine.map((m) => [m.sessionId, m]));
  return {
    activityId: a._id,
    title: a.title,
    category: a.category,
    description: a.description,
    address: a.address,
    organiserName: a.organiser.name,
    contactName: a.contactName,
    contactPhone: a.contactPhone,
    requirements: a.requirements,
    coverFileId: a.cover || null,
    signUpOpensAt: a.signUpOpensAt,
    signUpClosesAt: a.signUpClosesAt,
    cancelBeforeMinutes: a.cancelBeforeMinutes,
    needsApproval: a.needsApproval === true,
    state: a.state,
    sessions: sessions.map((s) => {
      const m = mineOf.get(s._id);
      return {
        sessionId: s._id,
        index: s.index,
        startAt: s.startAt,
        endAt: s.endAt,
        quota: s.quota,
        signedUp: s.signedUp,
        plannedHours: s.plannedHours,
        confirmed: s.confirmedAt !== null,
        mine:
          m && m.status !== 'cancelled'
            ? {
                status: m.status,
                attendance: m.attendance,
                hours: m.hours,
                needsReview: m.needsReview,
                confirmed: m.confirmed,
                cancelDeadline: cancelDeadline(s.startAt, a.cancelBeforeMinutes),
              }
            : null,
      };
    }),
    canManage: isOrganiser(principal, a),
    requirementsText: requirementsText(a.requirements),
    reminderTemplateId: config().templateId('ACTIVITY_REMINDER'),
    // Age is judged on the day of the next session still open (the first one otherwise).
    signUpBlocked: await eligibilityProblem(
      principal,
      a,
      (sessions.find((s) => s.startAt > now) ?? sessions[0])?.startAt ?? a.firstStartAt,
    ),
  };
}

/** 我的报名: live and past sign-ups (not cancelled), soonest first, from a week ago. */
export async function mySignUps(principal: LoadedPrincipal, now: number): Promise<{ items: MySignUp[] }> {
  const _ = database().command;
  const rows = await readList<SignUpDoc>(
    database()
      .collection(ACTIVITY_SIGNUPS)
      .where({ openid: principal.openid, status: _.in(['pending', 'signed_up', 'waitlisted']), startAt: _.gte(now - 7 * DAY) })
      .orderBy('startAt', 'asc')
      .limit(100),
  );
  return {
    items: rows.map((r) => ({
      sessionId: r.sessionId,
      activityId: r.activityId,
      title: r.title,
      startAt: r.startAt,
      endAt: r.endAt,
      status: r.status,
      attendance: r.attendance,
      hours: r.hours,
      needsReview: r.needsReview,
      confirmed: r.confirmed,
    })),
  };
}

export const rosterRowOf = (r: SignUpDoc): RosterRow => ({
  openid: r.openid,
  displayName: r.displayName,
  status: r.status,
  attendance: r.attendance,
  checkInAt: r.checkInAt,
  checkInBy: r.checkInBy,
  checkOutAt: r.checkOutAt,
  checkOutBy: r.checkOutBy,
  hours: r.hours,
  needsReview: r.needsReview,
  confirmed: r.confirmed,
});

export function rosterOf(s: ActivitySessionDoc, rows: readonly SignUpDoc[]): SessionRoster {
  return {
    activityId: s.activityId,
    sessionId: s._id,
    title: s.title,
    startAt: s.startAt,
    endAt: s.endAt,
    quota: s.quota,
    plannedHours: s.plannedHours,
    signedUp: s.signedUp,
    rows: rows.filter((r) => r.status !== 'cancelled' && r.status !== 'rejected').map(rosterRowOf),
    confirmedAt: s.confirmedAt,
    confirmOverdue: s.confirmOverdue,
  };
}

/** The organiser's roster of one session (signed up first, then 候补, each in sign-up order). */
export async function roster(principal: LoadedPrincipal, input: { sessionId: string }): Promise<SessionRoster> {
  const s = await getSession(input.sessionId);
  requireOrganiser(principal, s);
  const rows = await signUpsOf(s._id);
  const ordered = (['pending', 'signed_up', 'waitlisted'] as const).flatMap((status) => rows.filter((r) => r.status === status));
  return rosterOf(s, ordered);
}
