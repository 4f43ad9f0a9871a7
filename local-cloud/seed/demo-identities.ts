/**
 * A curated short list of demo identities for the local dev identity switcher ("以…身份进入").
 * Pure: derived from a demo seed, no I/O.
 */
import { ROLE_LABELS, type Role, rolesOf, scopesOf, type UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import type { DemoSeed } from './demo-seed';

export interface DemoIdentity {
  openid: string;
  /** Masked display name, e.g. 张* */
  name: string;
  /** Every distinct role the user holds. */
  roles: Role[];
  /** The role this entry demonstrates. */
  primaryRole: Role;
  /** e.g. 居民 · 张* · 天府花园3栋2单元301 */
  label: string;
}

/** How many of each kind the switcher offers; team leaders, staff and admin are all listed. */
const PICK = { resident: 3, building_head: 2, volunteer: 3 } as const;

export function listDemoIdentities(
  seed: Pick<DemoSeed, 'org_units' | 'users' | 'teams'> & Partial<Pick<DemoSeed, 'handling_units'>>,
): DemoIdentity[] {
  const units = new Map<string, OrgUnit>(seed.org_units.map((u) => [u._id, u]));
  const teamName = new Map(seed.teams.map((t) => [t._id, t.name]));
  const unitName = new Map((seed.handling_units ?? []).map((u) => [u._id, u.name]));
  const users = [...seed.users].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));

  const buildingLabel = (buildingId: string | undefined): string => {
    const b = buildingId ? units.get(buildingId) : undefined;
    const estate = b?.parentId ? units.get(b.parentId) : undefined;
    return `${estate?.name ?? ''}${b?.name ?? ''}`;
  };
  const communityOf = (u: UserProfile): string | undefined => {
    const b = u.buildingId ? units.get(u.buildingId) : undefined;
    return b?.path[1];
  };
  const only = (role: Role, u: UserProfile) => rolesOf(u).includes(role);

  const describe = (u: UserProfile, role: Role): string => {
    switch (role) {
      case 'resident':
        return `${buildingLabel(u.buildingId)}${u.room ?? ''}${u.binding === 'pending' ? '（待确认）' : ''}`;
      case 'building_head':
        return scopesOf(u, 'building_head').map(buildingLabel).join('、');
      case 'volunteer':
      case 'team_leader':
        return scopesOf(u, role)
          .map((id) => teamName.get(id) ?? id)
          .join('、');
      case 'unit_staff':
        return scopesOf(u, role)
          .map((id) => unitName.get(id) ?? id)
          .join('、');
      default:
        return scopesOf(u, role)
          .map((id) => units.get(id)?.name ?? id)
          .join('、');
    }
  };
  const entry = (u: UserProfile, role: Role): DemoIdentity => ({
    openid: u._id,
    name: u.displayName,
    roles: rolesOf(u),
    primaryRole: role,
    label: `${ROLE_LABELS[role]} · ${u.displayName} · ${describe(u, role)}`,
  });

  /** Up to `count` users, preferring variety of community, then id order. */
  const spread = (pool: UserProfile[], count: number): UserProfile[] => {
    const chosen: UserProfile[] = [];
    const seen = new Set<string | undefined>();
    for (const u of pool) {
      if (chosen.length >= count) break;
      const c = communityOf(u);
      if (!seen.has(c)) {
        seen.add(c);
        chosen.push(u);
      }
    }
    for (const u of pool) {
      if (chosen.length >= count) break;
      if (!chosen.includes(u)) chosen.push(u);
    }
    return chosen;
  };

  const plainResidents = users.filter((u) => u._id.startsWith('o-resident-'));
  const confirmed = plainResidents.filter((u) => u.binding === 'confirmed');
  const pendingOne = plainResidents.find((u) => u.binding === 'pending');
  const residents = [...spread(confirmed, PICK.resident - (pendingOne ? 1 : 0)), ...(pendingOne ? [pendingOne] : [])];

  // Building heads: multi-role heads first (they show role switching), then other communities.
  const heads = users.filter((u) => only('building_head', u));
  const headPick = spread(
    [...heads.filter((u) => only('volunteer', u)), ...heads.filter((u) => !only('volunteer', u))],
    PICK.building_head,
  );

  // Volunteers: plain volunteer accounts, one serving two teams listed first.
  const volunteers = users.filter((u) => u._id.startsWith('o-volunteer-'));
  const multiTeam = volunteers.filter((u) => scopesOf(u, 'volunteer').length > 1);
  const volunteerPick: UserProfile[] = [...multiTeam.slice(0, 1)];
  const teamsCovered = new Set(volunteerPick.flatMap((u) => scopesOf(u, 'volunteer')));
  for (const u of volunteers) {
    if (volunteerPick.length >= PICK.volunteer) break;
    const t = scopesOf(u, 'volunteer');
    if (!t.some((id) => teamsCovered.has(id))) {
      volunteerPick.push(u);
      for (const id of t) teamsCovered.add(id);
    }
  }

  const all = (role: Role) => users.filter((u) => only(role, u));

  return [
    ...residents.map((u) => entry(u, 'resident')),
    ...headPick.map((u) => entry(u, 'building_head')),
    ...volunteerPick.map((u) => entry(u, 'volunteer')),
    ...all('team_leader').map((u) => entry(u, 'team_leader')),
    ...all('unit_staff').map((u) => entry(u, 'unit_staff')),
    ...all('station_staff').map((u) => entry(u, 'station_staff')),
    ...all('institute_staff').map((u) => entry(u, 'institute_staff')),
    ...all('admin').map((u) => entry(u, 'admin')),
  ];
}
