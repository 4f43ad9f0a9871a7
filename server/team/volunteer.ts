import { ORG_UNITS, USERS, VOLUNTEER_PROFILES } from '../../database/collections';
import { authorize } from '../../src/domain/identity/authorize';
import { maskName, maskPhone } from '../../src/domain/identity/pii-masking';
import type { RoleGrant, UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { isApprovedVolunteer } from '../../src/domain/team/team.rules';
import type { MyVolunteerProfile, VolunteerApplication, VolunteerDecision } from '../../src/domain/team/team.views';
import {
  normaliseSkills,
  registrationOutcome,
  type VolunteerProfile,
  type VolunteerRegistration,
  volunteerFactsOf,
  volunteerOrgPath,
} from '../../src/domain/team/volunteer.rules';
import type { Actor } from '../kit/actor';
import { openPii, sealPii } from '../kit/pii-cipher';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { findOrgUnits, getOrgUnit } from '../org/org-units';

type Updated = { stats: { updated: number } };

export async function findVolunteerProfile(openid: string): Promise<VolunteerProfile | null> {
  const p = await readById<VolunteerProfile>(VOLUNTEER_PROFILES, openid);
  return p ?? null;
}

export async function findUser(openid: string): Promise<UserProfile | null> {
  const u = await readById<UserProfile>(USERS, openid);
  return u ?? null;
}

/**
 * Where a registration belongs: the community chosen, else the community of the caller's confirmed
 * residence, else the one subdistrict of the deployment. Its staff approve the volunteer.
 */
async function placeOf(
  user: UserProfile | null,
  communityId: string | undefined,
): Promise<{ subdistrictId: string; communityId: string | null }> {
  if (communityId) {
    const unit = await getOrgUnit(communityId);
    if (unit.kind !== 'community') throw new DomainError(ErrorCode.NotFound, '找不到这个社区');
    return { subdistrictId: unit.path[0] ?? unit.parentId, communityId: unit._id };
  }
  if (user?.buildingId && user.binding === 'confirmed') {
    const [building] = await findOrgUnits([user.buildingId]);
    if (building?.path[0] && building.path[1]) return { subdistrictId: building.path[0], communityId: building.path[1] };
  }
  const roots = await readList<OrgUnit>(database().collection(ORG_UNITS).where({ kind: 'subdistrict', parentId: null }).limit(2));
  if (roots.length !== 1 || !roots[0]) throw new DomainError(ErrorCode.InputInvalid, '请选择所在社区');
  return { subdistrictId: roots[0]._id, communityId: null };
}

/** The caller's registration as `myVolunteer` answers it, from their registration and grants. */
export const volunteerViewOf = (p: VolunteerProfile | null, roles: readonly RoleGrant[]): MyVolunteerProfile => ({
  ...(p
    ? {
        status: p.status,
        realNameMasked: p.realNameMasked,
        phoneMasked: p.phoneMasked,
        skills: p.skills,
        availability: p.availability,
        ...volunteerFactsOf(p),
        communityId: p.communityId,
        decisionNote: p.decisionNote,
        updatedAt: p.updatedAt,
      }
    : {
        status: 'none',
        realNameMasked: '',
        phoneMasked: '',
        skills: [],
        availability: '',
        ...volunteerFactsOf({}),
        communityId: null,
        decisionNote: '',
        updatedAt: null,
      }),
  canJoinTeams: isApprovedVolunteer(p?.status, roles),
});

/**
 * Self-service real-name registration. Pending (or rejected) applications are replaced by a new
 * one; the same input again writes nothing; approved volunteers may update skills and availability.
 */
export async function registerVolunteer(
  actor: Actor,
  raw: VolunteerRegistration & { communityId?: string },
  now: number,
): Promise<MyVolunteerProfile> {
  const input: VolunteerRegistration = { ...raw, skills: normaliseSkills(raw.skills) };
  const facts = volunteerFactsOf(input);
  const profiles = database().collection(VOLUNTEER_PROFILES);
  const [stored, user] = await Promise.all([findVolunteerProfile(actor.openid), findUser(actor.openid)]);
  const roles = user?.roles ?? [];
  // An approved volunteer keeps their place unless they name a new one.
  const place =
    stored && stored.status === 'approved' && !raw.communityId
      ? { subdistrictId: stored.subdistrictId, communityId: stored.communityId }
      : await placeOf(user, raw.communityId);
  const outcome = registrationOutcome(
    stored
      ? {
          realName: openPii(stored.realNameSealed),
          phone: openPii(stored.phoneSealed),
          skills: stored.skills,
          availability: stored.availability,
          ...volunteerFactsOf(stored),
          status: stored.status,
          communityId: stored.communityId,
        }
      : null,
    { ...input, communityId: place.communityId },
  );
  const sealed = {
    realNameSealed: sealPii(input.realName),
    phoneSealed: sealPii(input.phone),
    realNameMasked: maskName(input.realName),
    phoneMasked: maskPhone(input.phone),
  };
  switch (outcome.kind) {
    case 'unchanged':
      return volunteerViewOf(stored, roles);
    case 'identityLocked':
      throw new DomainError(ErrorCode.Conflict, '已通过审核的姓名和手机号不能在这里修改，请联系实践站');
    case 'create': {
      const doc: VolunteerProfile = {
        _id: actor.openid,
        ...sealed,
        skills: input.skills,
        availability: input.availability,
        ...facts,
        status: 'pending',
        ...place,
        decisionNote: '',
        decidedBy: null,
        decidedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await profiles.add({ data: doc });
      } catch {
        throw new DomainError(ErrorCode.Conflict, '注册正在处理，请稍后刷新');
      }
      return volunteerViewOf(doc, roles);
    }
    case 'updateDetails':
    case 'resubmit': {
      const data =
        outcome.kind === 'updateDetails'
          ? { skills: input.skills, availability: input.availability, ...facts, ...place, updatedAt: now }
          : {
              ...sealed,
              skills: input.skills,
              availability: input.availability,
              ...facts,
              ...place,
              status: 'pending' as const,
              decisionNote: '',
              decidedBy: null,
              decidedAt: null,
              updatedAt: now,
            };
      // Compare-and-set on the version read: a concurrent decision or edit wins, this one retries.
      const stale = stored as VolunteerProfile;
      const res = (await profiles
        .where({ _id: actor.openid, status: stale.status, updatedAt: stale.updatedAt })
        .update({ data })) as Updated;
      if (res.stats.updated !== 1) throw new DomainError(ErrorCode.Conflict, '注册信息刚被处理，请刷新后重试');
      return volunteerViewOf({ ...stale, ...data }, roles);
    }
  }
}

export async function myVolunteerProfile(actor: Actor): Promise<MyVolunteerProfile> {
  const [profile, user] = await Promise.all([findVolunteerProfile(actor.openid), findUser(actor.openid)]);
  return volunteerViewOf(profile, user?.roles ?? []);
}

const STAFF_ROLES = ['station_staff', 'institute_staff', 'admin'];

/**
 * Pending applications the caller may decide: station staff see their communities, institute
 * staff and admins their subdistricts. Clear name and phone only where `resident.contact` allows
 * it for the applicant's place (staff verifying a real-name registration need to phone the person).
 */
export async function listVolunteerApplications(principal: LoadedPrincipal): Promise<VolunteerApplication[]> {
  const scopes = principal.grants.filter((g) => STAFF_ROLES.includes(g.role));
  if (scopes.length === 0) throw new DomainError(ErrorCode.Forbidden, '没有权限查看志愿者注册申请');
  const units = await findOrgUnits(scopes.map((g) => g.scopeId));
  const subdistrictIds = units.filter((u) => u.kind === 'subdistrict').map((u) => u._id);
  const communityIds = units.filter((u) => u.kind === 'community').map((u) => u._id);
  const _ = database().command;
  const profiles = database().collection(VOLUNTEER_PROFILES);
  const found = new Map<string, VolunteerProfile>();
  if (subdistrictIds.length > 0) {
    const rows = await readList<VolunteerProfile>(profiles.where({ status: 'pending', subdistrictId: _.in(subdistrictIds) }).limit(1000));
    for (const p of rows) found.set(p._id, p);
  }
  if (communityIds.length > 0) {
    const rows = await readList<VolunteerProfile>(profiles.where({ status: 'pending', communityId: _.in(communityIds) }).limit(1000));
    for (const p of rows) found.set(p._id, p);
  }
  const list = [...found.values()].sort((a, b) => a.updatedAt - b.updatedAt);
  const communities = new Map((await findOrgUnits(list.flatMap((p) => (p.communityId ? [p.communityId] : [])))).map((u) => [u._id, u]));
  return list.map((p) => {
    const clear = authorize(principal, 'resident.contact', { orgPath: volunteerOrgPath(p) }).allowed;
    return {
      openid: p._id,
      realName: clear ? openPii(p.realNameSealed) : p.realNameMasked,
      phone: clear ? openPii(p.phoneSealed) : p.phoneMasked,
      skills: p.skills,
      availability: p.availability,
      subdistrictId: p.subdistrictId,
      communityId: p.communityId,
      communityName: p.communityId ? (communities.get(p.communityId)?.name ?? '') : '',
      appliedAt: p.updatedAt,
    };
  });
}

/** Staff in the applicant's area approve or reject a pending registration, once (compare-and-set on pending). */
export async function decideVolunteer(
  principal: LoadedPrincipal,
  input: { openid: string; approve: boolean; note?: string },
  now: number,
): Promise<VolunteerDecision> {
  const profile = await findVolunteerProfile(input.openid);
  if (!profile) throw new DomainError(ErrorCode.NotFound, '没有这位志愿者的注册申请');
  requirePermission(principal, 'volunteer.approve', { orgPath: volunteerOrgPath(profile) });
  if (profile.status !== 'pending') throw new DomainError(ErrorCode.Conflict, '这条申请已被处理');
  const status = input.approve ? ('approved' as const) : ('rejected' as const);
  const res = (await database()
    .collection(VOLUNTEER_PROFILES)
    .where({ _id: input.openid, status: 'pending', updatedAt: profile.updatedAt })
    .update({
      data: { status, decisionNote: input.approve ? '' : (input.note ?? ''), decidedBy: principal.openid, decidedAt: now, updatedAt: now },
    })) as Updated;
  if (res.stats.updated !== 1) throw new DomainError(ErrorCode.Conflict, '这条申请已被处理或刚被修改，请刷新');
  return { openid: input.openid, status };
}
