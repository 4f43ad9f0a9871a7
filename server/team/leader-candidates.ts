import { ORG_UNITS, TEAMS, USERS, VOLUNTEER_PROFILES } from '../../database/collections';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { TeamDoc } from '../../src/domain/team/team.rules';
import type { LeaderCandidate } from '../../src/domain/team/team.views';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { subdistrictOf } from './team-reads';

const SUBDISTRICT_ROLES = ['institute_staff', 'admin'];
/** `_.in` reads are capped at 1000 rows by the server; chunks of 500 ids stay well below. */
const CHUNK = 500;

async function usersById(ids: readonly string[]): Promise<UserProfile[]> {
  const _ = database().command;
  const out: UserProfile[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const slice = ids.slice(i, i + CHUNK);
    out.push(
      ...(await readList<UserProfile>(
        database()
          .collection(USERS)
          .where({ _id: _.in(slice) })
          .limit(1000),
      )),
    );
  }
  return out;
}

/**
 * 队长候选: approved volunteers of the caller's subdistricts (approved registrations, and members
 * of the teams it organises, who are approved volunteers by `isApprovedVolunteer`). Only those
 * who may create a team there ask, so the picker never needs a typed openid.
 */
export async function listLeaderCandidates(principal: LoadedPrincipal): Promise<LeaderCandidate[]> {
  const subdistrictIds = principal.grants.filter((g) => SUBDISTRICT_ROLES.includes(g.role)).map((g) => g.scopeId);
  if (subdistrictIds.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有街道实践所可以新建志愿服务队');
  for (const id of subdistrictIds) requirePermission(principal, 'team.create', { orgPath: [id] });
  const _ = database().command;
  // Two requests at once: the approved registrations with their users and communities, every team with its service area.
  const [profileRows, teamRows] = await Promise.all([
    database()
      .collection(VOLUNTEER_PROFILES)
      .aggregate()
      .match({ status: 'approved', subdistrictId: _.in(subdistrictIds) })
      .limit(1000)
      .lookup({ from: USERS, localField: '_id', foreignField: '_id', as: 'user_' })
      .lookup({ from: ORG_UNITS, localField: 'communityId', foreignField: '_id', as: 'community_' })
      .end() as Promise<{ list: (VolunteerProfile & { user_?: UserProfile[]; community_?: OrgUnit[] })[] }>,
    database()
      .collection(TEAMS)
      .aggregate()
      .match({ rating: _.gte(0) })
      .lookup({ from: ORG_UNITS, localField: 'serviceArea', foreignField: '_id', as: 'area_' })
      .sort({ rating: -1, _id: 1 })
      .limit(1000)
      .end() as Promise<{ list: (TeamDoc & { area_?: OrgUnit[] })[] }>,
  ]);
  const profiles = profileRows.list.map(({ user_, community_, ...p }) => p as VolunteerProfile);
  const userOf = new Map(profileRows.list.flatMap((p) => p.user_ ?? []).map((u) => [u._id, u]));
  const communityName = new Map(profileRows.list.flatMap((p) => p.community_ ?? []).map((c) => [c._id, c.name]));
  const teams = teamRows.list.filter((t) => subdistrictIds.includes(subdistrictOf(t, t.area_ ?? [])));
  const teamsOf = new Map<string, string[]>();
  for (const t of teams) for (const m of t.memberOpenids) teamsOf.set(m, [...(teamsOf.get(m) ?? []), t.name]);
  const byProfile = new Map(profiles.map((p) => [p._id, p]));
  const openids = [...new Set([...byProfile.keys(), ...teamsOf.keys()])];
  // Members with no registration (older data): their users records, read only when there are any.
  for (const u of await usersById(openids.filter((id) => !byProfile.has(id)))) userOf.set(u._id, u);
  return openids
    .map((openid) => {
      const p = byProfile.get(openid);
      const u = userOf.get(openid);
      return {
        openid,
        displayName: p?.realNameMasked || u?.displayName || '志愿者',
        phoneMasked: p?.phoneMasked || u?.phoneMasked || '',
        communityName: p?.communityId ? (communityName.get(p.communityId) ?? '') : '',
        teams: teamsOf.get(openid) ?? [],
      };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') || a.phoneMasked.localeCompare(b.phoneMasked));
}
