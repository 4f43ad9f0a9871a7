import { VOLUNTEER_PROFILES } from '../../database/collections';
import { teamCanServe } from '../../src/domain/catalog/catalog.rules';
import { authorize, type Principal } from '../../src/domain/identity/authorize';
import type { Role } from '../../src/domain/identity/role';
import { mayServe } from '../../src/domain/order/assignment.rules';
import type { OrderParty, TransitionRule } from '../../src/domain/order/order.state-machine';
import type { OrderDoc } from '../../src/domain/order/order.types';
import type { OrderCaller } from '../../src/domain/order/order.views';
import { mayAdoptWish } from '../../src/domain/order/wish-wall';
import type { OrgUnit, Team } from '../../src/domain/org/org.types';
import { ErrorCode } from '../../src/domain/shared/domain-error';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import type { LoadedPrincipal } from '../kit/principal';
import { readById } from '../kit/read-list';
import { findTeams } from './order-store';

const INSTITUTE_ROLES: readonly Role[] = ['institute_staff', 'admin'];

/** The caller's relation to one order: the parties for the state machine, and what they may see. */
export interface OrderRelation {
  parties: OrderParty[];
  /** May open the order at all. */
  viewer: boolean;
  /** May see the clear contact phone on the detail (staff in scope; the team reveals it per call). */
  seesContact: boolean;
  /** Holds a staff grant, in scope of this order or not (for OUT_OF_SCOPE rather than FORBIDDEN). */
  isStaff: boolean;
  /** Institute staff (or an admin) over the order's subdistrict. */
  institute: boolean;
  /** Station staff over the order's community, at whichever level it is handled. */
  stationCovers: boolean;
  /** Station staff of the order's community while the institute handles it. */
  stationAfterEscalation: boolean;
  /** Leads some team, whether or not it relates to this order. */
  isLeader: boolean;
  /** Teams the caller leads that may grab this pooled order. */
  eligibleTeams: Team[];
  /** The caller's approved volunteer profile when it lets them 认领 this 微心愿 on the wall (在职党员 or a 工作单位). */
  wishAdopter: VolunteerProfile | null;
  /** Label of the caller's capacity on the timeline. */
  actorLabel: string;
}

const withRoles = (principal: Principal, roles: readonly Role[]): Principal => ({
  openid: principal.openid,
  grants: principal.grants.filter((g) => roles.includes(g.role)),
});

/** The building as `teamCanServe` needs it, from the order's stored path. */
export const buildingOf = (order: Pick<OrderDoc, 'buildingId' | 'orgPath'>): Pick<OrgUnit, '_id' | 'path'> => ({
  _id: order.buildingId,
  path: order.orgPath.slice(0, -1),
});

/** Teams the caller leads now (grant and the team's own `leaderOpenid` agree). */
export async function teamsLedBy(principal: LoadedPrincipal): Promise<Team[]> {
  const ids = principal.grants.filter((g) => g.role === 'team_leader').map((g) => g.scopeId);
  const teams = await findTeams(ids);
  return teams.filter((t) => t.leaderOpenid === principal.openid);
}

export async function relationTo(principal: LoadedPrincipal, order: OrderDoc, led?: Team[]): Promise<OrderRelation> {
  const me = principal.openid;
  const parties: OrderParty[] = [];
  const resource = { orgPath: order.orgPath };
  const institute = authorize(withRoles(principal, INSTITUTE_ROLES), 'order.manage', resource).allowed;
  const stationCovers = authorize(withRoles(principal, ['station_staff']), 'order.manage', resource).allowed;
  const atStation = order.level === 'station';
  if (order.requesterOpenid === me || order.placedByOpenid === me) parties.push('requester');
  if (institute || (stationCovers && atStation)) parties.push('staff');
  if (stationCovers && atStation && authorize(principal, 'order.escalate', resource).allowed) parties.push('station');

  // Who serves the order follows from the caller's grants: join, leave and 移交队长 change a team and
  // its people's grants in one transaction, so no team read is needed for the parties.
  const onOrderTeam = (role: Role) => order.teamId !== null && principal.grants.some((g) => g.role === role && g.scopeId === order.teamId);
  const leadsAssigned = onOrderTeam('team_leader');
  if (leadsAssigned) parties.push('assigned_leader');
  if (leadsAssigned || onOrderTeam('volunteer')) parties.push('assigned_member');
  const isLeader = principal.grants.some((g) => g.role === 'team_leader');
  // Only a pooled order needs the led teams themselves (skills and service area decide who may grab).
  const ledTeams = order.state === 'pooled' && isLeader ? (led ?? (await teamsLedBy(principal))) : [];
  const eligibleTeams = ledTeams.filter((t) => teamCanServe(t, { skills: order.itemSkills }, buildingOf(order)));
  if (eligibleTeams.length > 0) parties.push('eligible_leader');

  // Only a wish on the wall needs the caller's volunteer profile (who may 认领 it).
  const wishAdopter = order.state === 'on_wall' ? await wishAdopterProfile(me) : null;
  if (wishAdopter) parties.push('wish_adopter');
  if (order.adopterOpenid && order.adopterOpenid === me) parties.push('adopter');

  const isStaff = principal.grants.some((g) => ['station_staff', 'institute_staff', 'admin'].includes(g.role));
  const actorLabel = parties.includes('requester')
    ? order.requesterOpenid === me
      ? '居民'
      : '楼栋长（代点单）'
    : institute
      ? '街道实践所'
      : parties.includes('staff')
        ? '社区实践站'
        : parties.includes('assigned_leader') || parties.includes('eligible_leader')
          ? '队长'
          : parties.includes('assigned_member')
            ? '志愿者'
            : parties.includes('wish_adopter') || parties.includes('adopter')
              ? '认领人'
              : '';
  return {
    parties,
    viewer: parties.length > 0 || stationCovers,
    // The team calls through revealContact (logged), never from the detail.
    seesContact: institute || stationCovers,
    isStaff,
    institute,
    stationCovers,
    stationAfterEscalation: stationCovers && !atStation,
    isLeader,
    eligibleTeams,
    wishAdopter,
    actorLabel,
  };
}

/** An approved volunteer who is an 在职党员 or names a 工作单位 (帮挂单位) may 认领 微心愿; anyone else null. */
export async function wishAdopterProfile(openid: string): Promise<VolunteerProfile | null> {
  const profile = await readById<VolunteerProfile>(VOLUNTEER_PROFILES, openid);
  return profile && mayAdoptWish(profile) ? profile : null;
}

export const NOT_WISH_ADOPTER = '只有在职党员或登记了工作单位的志愿者可以认领微心愿，请先在志愿者资料中填写';

/** Who the caller is to the order, as the detail answer tells the screen. */
export function callerOf(principal: Pick<LoadedPrincipal, 'openid'>, order: OrderDoc, rel: OrderRelation): OrderCaller {
  const member = rel.parties.includes('assigned_member');
  const leader = rel.parties.includes('assigned_leader');
  return {
    parties: [...rel.parties],
    resident: order.requesterOpenid === principal.openid,
    placer: order.proxy && order.placedByOpenid === principal.openid,
    station: rel.stationCovers,
    stationAfterEscalation: rel.stationAfterEscalation,
    institute: rel.institute,
    teamLeader: leader,
    teamMember: member,
    assigned: member && mayServe(order, principal.openid, leader),
    eligibleLeader: rel.parties.includes('eligible_leader'),
    label: rel.actorLabel,
  };
}

/** Turns the table's plain FORBIDDEN into the clearer code when the caller has the role but not this order. */
export function refuseFor(rule: TransitionRule, rel: OrderRelation): { code: ErrorCode; message: string } {
  const staffRule = rule.parties.some((p) => p === 'staff' || p === 'station');
  const teamRule = rule.parties.some((p) => p === 'assigned_leader' || p === 'eligible_leader' || p === 'assigned_member');
  if (staffRule && rel.stationAfterEscalation) {
    return { code: ErrorCode.Forbidden, message: '该订单已上报街道实践所，由实践所处理' };
  }
  if (staffRule && rel.isStaff) return { code: ErrorCode.OutOfScope, message: '超出您负责的范围' };
  if (rule.event === 'adopt') return { code: ErrorCode.Forbidden, message: NOT_WISH_ADOPTER };
  if (teamRule && rel.isLeader) {
    return rule.event === 'grab'
      ? { code: ErrorCode.OutOfScope, message: '您的队伍不具备此服务所需技能或不在服务区域内' }
      : { code: ErrorCode.OutOfScope, message: '这不是您队伍的订单' };
  }
  return { code: ErrorCode.Forbidden, message: '没有权限进行此操作' };
}
