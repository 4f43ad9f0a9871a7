import { ACTIVITIES, ACTIVITY_SESSIONS, ACTIVITY_SIGNUPS } from '../../database/collections';
import type { ActivityDoc, ActivitySessionDoc, SignUpDoc } from '../../src/domain/activity/activity.types';
import { authorize, type ResourceScope } from '../../src/domain/identity/authorize';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

export { ACTIVITIES, ACTIVITY_SESSIONS, ACTIVITY_SIGNUPS };

/** Sessions, sign-ups of a session: more than any real activity has. */
export const READ_CAP = 1000;

type UpdateResult = { stats: { updated: number } };

/**
 * A conditional update (compare-and-set): true when the filter matched. `updated` counts matched
 * documents on CloudBase (equal content included), so the filter must exclude the state the write
 * leaves behind for a second writer to lose.
 */
export async function cas(collection: string, where: Record<string, unknown>, data: Record<string, unknown>): Promise<boolean> {
  const res = (await database().collection(collection).where(where).update({ data })) as UpdateResult;
  return res.stats.updated >= 1;
}

export async function getActivity(activityId: string): Promise<ActivityDoc> {
  const doc = await readById<ActivityDoc>(ACTIVITIES, activityId);
  if (!doc) throw new DomainError(ErrorCode.NotFound, '找不到这个活动');
  return doc;
}

export async function getSession(sessionId: string): Promise<ActivitySessionDoc> {
  const doc = await readById<ActivitySessionDoc>(ACTIVITY_SESSIONS, sessionId);
  if (!doc) throw new DomainError(ErrorCode.NotFound, '找不到这个场次');
  return doc;
}

export async function sessionsOf(activityIds: readonly string[]): Promise<ActivitySessionDoc[]> {
  if (activityIds.length === 0) return [];
  const _ = database().command;
  return readList<ActivitySessionDoc>(
    database()
      .collection(ACTIVITY_SESSIONS)
      .where({ activityId: activityIds.length === 1 ? activityIds[0] : _.in([...activityIds]) })
      .orderBy('index', 'asc')
      .limit(READ_CAP),
  );
}

/** A session's sign-ups in sign-up order (all states). */
export async function signUpsOf(sessionId: string): Promise<SignUpDoc[]> {
  return readList<SignUpDoc>(database().collection(ACTIVITY_SIGNUPS).where({ sessionId }).orderBy('waitKey', 'asc').limit(READ_CAP));
}

/** What `authorize` checks an activity (or its session) against, and the policy action. */
export function organiserResource(a: Pick<ActivityDoc, 'organiser' | 'orgPath'>): {
  action: 'activity.organise' | 'activity.organiseTeam';
  resource: ResourceScope;
} {
  return a.organiser.kind === 'team'
    ? { action: 'activity.organiseTeam', resource: { teamId: a.organiser.teamId, orgPath: a.orgPath } }
    : { action: 'activity.organise', resource: { orgPath: a.orgPath } };
}

export function requireOrganiser(principal: LoadedPrincipal, a: Pick<ActivityDoc, 'organiser' | 'orgPath'>): void {
  const { action, resource } = organiserResource(a);
  requirePermission(principal, action, resource);
}

export function isOrganiser(principal: LoadedPrincipal, a: Pick<ActivityDoc, 'organiser' | 'orgPath'>): boolean {
  const { action, resource } = organiserResource(a);
  return authorize(principal, action, resource).allowed;
}
