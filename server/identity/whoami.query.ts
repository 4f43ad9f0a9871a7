import { HANDLING_UNITS, ORG_UNITS, TEAMS, USERS } from '../../database/collections';
import { grantsInForce } from '../../src/domain/identity/authorize';
import type { WhoAmI } from '../../src/domain/identity/identity.views';
import { ROLE_LABELS, type UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit, Team } from '../../src/domain/org/org.types';
import type { HandlingUnit } from '../../src/domain/problem/problem.types';
import type { Actor } from '../kit/actor';
import { readById, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

/** The caller's profile and roles, with each scope's name for display. */
export async function whoami(actor: Actor): Promise<WhoAmI> {
  const db = database();
  const _ = db.command;
  const user = await readById<UserProfile>(USERS, actor.openid);
  if (!user) return { openid: actor.openid, name: '微信用户', registered: false, binding: null, roles: [] };
  const grants = grantsInForce(user);
  const scopeIds = [...new Set(grants.map((g) => g.scopeId))];
  const names = new Map<string, string>();
  if (scopeIds.length > 0) {
    const [orgs, teams, units] = await Promise.all([
      readList<OrgUnit>(
        db
          .collection(ORG_UNITS)
          .where({ _id: _.in(scopeIds) })
          .limit(100),
      ),
      readList<Team>(
        db
          .collection(TEAMS)
          .where({ _id: _.in(scopeIds) })
          .limit(100),
      ),
      grants.some((g) => g.role === 'unit_staff')
        ? readList<HandlingUnit>(
            db
              .collection(HANDLING_UNITS)
              .where({ _id: _.in(scopeIds) })
              .limit(100),
          )
        : Promise.resolve([]),
    ]);
    for (const o of orgs) names.set(o._id, o.name);
    for (const t of teams) names.set(t._id, t.name);
    for (const u of units) names.set(u._id, u.name);
  }
  return {
    openid: actor.openid,
    name: user.displayName || user.nickname,
    registered: true,
    binding: user.binding ?? null,
    roles: grants.map((g) => ({ role: g.role, label: ROLE_LABELS[g.role], scopeId: g.scopeId, scopeName: names.get(g.scopeId) ?? '' })),
  };
}
