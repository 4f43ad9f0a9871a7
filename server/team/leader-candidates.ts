import { TEAMS, USERS, VOLUNTEER_PROFILES } from '../../database/collections';
import type { UserProfile } from '../../src/domain/identity/role';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { TeamDoc } from '../../src/domain/team/team.rules';
import type { LeaderCandidate } from '../../src/domain/team/team.views';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { findOrgUnits } from '../org/org-units';

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
  const [profiles, allTeams] = await Promise.all([
    readList<VolunteerProfile>(
      database()
        .collection(VOLUNTEER_PROFILES)
        .where({ status: 'approved', subdistrictId: _.in(subdistrictIds) })
        .limit(1000),
    ),
    readList<TeamDoc>(
      database()
        .collection(TEAMS)
        .where({ rating: _.gte(0) })
        .orderBy('rating', 'desc')
        .limit(1000),
    ),
  ]);
  // Older teams carry no subdistrictId: their first service-area unit tells it, read in one go.
  const areaUnits = new Map(
    (await findOrgUnits(allTeams.flatMap((t) => (t.subdistrictId ? [] : t.serviceArea.slice(0, 1))))).map((u) => [u._id, u]),
  );
  const homeOf = (t: TeamDoc) => {
    if (t.subdistrictId) return t.subdistrictId;
    const unit = areaUnits.get(t.serviceArea[0] ?? '');
    return unit ? (unit.path[0] ?? unit._id) : '';
  };
  const teams = allTeams.filter((t) => subdistrictIds.includes(homeOf(t)));
  const teamsOf = new Map<string, string[]>();
  for (const t of teams) for (const m of t.memberOpenids) teamsOf.set(m, [...(teamsOf.get(m) ?? []), t.name]);
  const byProfile = new Map(profiles.map((p) => [p._id, p]));
  const openids = [...new Set([...byProfile.keys(), ...teamsOf.keys()])];
  const [users, communities] = await Promise.all([
    usersById(openids),
    findOrgUnits(profiles.flatMap((p) => (p.communityId ? [p.communityId] : []))),
  ]);
  const userOf = new Map(users.map((u) => [u._id, u]));
  const communityName = new Map(communities.map((c) => [c._id, c.name]));
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
