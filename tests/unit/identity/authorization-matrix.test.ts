import { POLICY, POLICY_ACTIONS, type PolicyAction } from '../../../src/domain/identity/authorization.policy';
import { authorize, grantsInForce, type Principal, type ResourceScope } from '../../../src/domain/identity/authorize';
import { ROLE_SCOPE_KIND, ROLES, type Role, type RoleGrant } from '../../../src/domain/identity/role';

/**
 * Two subdistricts; S1 has communities C1 (estate E1: buildings B1, B1b) and C2 (E2: B2); S2 has C3.
 * Teams T1, T2 are homed in S1, T3 in S2.
 */
const PATH = {
  S1: ['S1'],
  C1: ['S1', 'C1'],
  B1: ['S1', 'C1', 'E1', 'B1'],
  B1b: ['S1', 'C1', 'E1', 'B1b'],
  B2: ['S1', 'C2', 'E2', 'B2'],
  B3: ['S2', 'C3', 'E3', 'B3'],
};

/** The grant scope a role holds "here" (covering B1 / T1) and "elsewhere" (not covering them). */
const HERE: Record<string, string> = { building: 'B1', community: 'C1', subdistrict: 'S1', team: 'T1', unit: 'U1' };
const ELSEWHERE: Record<string, string> = { building: 'B2', community: 'C2', subdistrict: 'S2', team: 'T2', unit: 'U2' };

const principal = (...grants: RoleGrant[]): Principal => ({ openid: 'o-actor', grants });
const grantOf = (role: Role, where: Record<string, string>): RoleGrant => ({ role, scopeId: where[ROLE_SCOPE_KIND[role]] as string });

function resourceFor(action: PolicyAction): ResourceScope {
  const rule = POLICY[action];
  if (rule.scope === 'team') return { teamId: 'T1', orgPath: PATH.S1 };
  // A grid problem at B1 dispatched to handling unit U1.
  if (rule.scope === 'unit') return { unitIds: ['U1'], orgPath: PATH.B1 };
  if (rule.scope === 'self') return { ownerOpenid: 'o-actor' };
  return { orgPath: PATH.B1 };
}

describe('authorization matrix: every action × every role × in scope / out of scope', () => {
  const cells = POLICY_ACTIONS.flatMap((action) => ROLES.map((role) => [action, role] as const));

  it.each(cells)('%s by %s', (action, role) => {
    const rule = POLICY[action];
    const resource = resourceFor(action);
    const inScope = authorize(principal(grantOf(role, HERE)), action, resource);
    const outOfScope = authorize(principal(grantOf(role, ELSEWHERE)), action, resource);
    if (rule.scope === 'self') {
      expect(inScope).toEqual({ allowed: true });
      expect(outOfScope).toEqual({ allowed: true });
    } else if ((rule.roles as readonly Role[]).includes(role)) {
      expect(inScope).toEqual({ allowed: true });
      expect(outOfScope).toMatchObject({ allowed: false, code: 'AUTH.OUT_OF_SCOPE' });
    } else {
      expect(inScope).toMatchObject({ allowed: false, code: 'AUTH.FORBIDDEN' });
      expect(outOfScope).toMatchObject({ allowed: false, code: 'AUTH.FORBIDDEN' });
    }
  });

  it('covers every action of the policy with at least one allowed role or self service', () => {
    for (const action of POLICY_ACTIONS) {
      const rule = POLICY[action];
      expect(rule.scope === 'self' || rule.roles.length > 0).toBe(true);
    }
  });
});

describe('authorization: the tricky cases', () => {
  it('a leader of team A cannot act on team B', () => {
    const leaderOfT1 = principal({ role: 'team_leader', scopeId: 'T1' });
    expect(authorize(leaderOfT1, 'team.decideJoin', { teamId: 'T1', orgPath: PATH.S1 })).toEqual({ allowed: true });
    expect(authorize(leaderOfT1, 'team.decideJoin', { teamId: 'T2', orgPath: PATH.S1 })).toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
  });

  it('station staff of community C1 act on C1 and below, not in C2', () => {
    const staffC1 = principal({ role: 'station_staff', scopeId: 'C1' });
    expect(authorize(staffC1, 'org.edit', { orgPath: PATH.C1 })).toEqual({ allowed: true });
    expect(authorize(staffC1, 'binding.decide', { orgPath: PATH.B1b })).toEqual({ allowed: true });
    expect(authorize(staffC1, 'binding.decide', { orgPath: PATH.B2 })).toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
    // The subdistrict node above them is not theirs either.
    expect(authorize(staffC1, 'org.edit', { orgPath: PATH.S1 })).toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
  });

  it('a building head decides bindings of their own building only, even next door', () => {
    const headB1 = principal({ role: 'building_head', scopeId: 'B1' });
    expect(authorize(headB1, 'binding.decide', { orgPath: PATH.B1 })).toEqual({ allowed: true });
    expect(authorize(headB1, 'binding.decide', { orgPath: PATH.B1b })).toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
    expect(authorize(headB1, 'org.edit', { orgPath: PATH.B1 })).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  it('institute staff of S1 reach teams homed in S1 but not in S2', () => {
    const instituteS1 = principal({ role: 'institute_staff', scopeId: 'S1' });
    expect(authorize(instituteS1, 'team.transferLeadership', { teamId: 'T1', orgPath: PATH.S1 })).toEqual({ allowed: true });
    expect(authorize(instituteS1, 'team.transferLeadership', { teamId: 'T3', orgPath: ['S2'] })).toMatchObject({
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(authorize(instituteS1, 'org.view', { orgPath: PATH.B3 })).toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
  });

  it('station staff cannot create teams anywhere', () => {
    expect(authorize(principal({ role: 'station_staff', scopeId: 'C1' }), 'team.create', { orgPath: PATH.C1 })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('a self-service action on somebody else is forbidden', () => {
    expect(authorize(principal(), 'binding.request', { ownerOpenid: 'o-actor' })).toEqual({ allowed: true });
    expect(authorize(principal(), 'binding.request', { ownerOpenid: 'o-someone-else' })).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  it('a user with no roles is forbidden everything that needs one', () => {
    for (const action of POLICY_ACTIONS.filter((a) => POLICY[a].scope !== 'self')) {
      expect(authorize(principal(), action, resourceFor(action))).toMatchObject({ allowed: false, code: 'AUTH.FORBIDDEN' });
    }
  });
});

describe('grants in force', () => {
  const grants: RoleGrant[] = [
    { role: 'resident', scopeId: 'B1' },
    { role: 'volunteer', scopeId: 'T1' },
  ];

  it('an unbound (pending) resident holds no resident grant yet, other roles stay', () => {
    expect(grantsInForce({ roles: grants, binding: 'pending', buildingId: 'B1' })).toEqual([{ role: 'volunteer', scopeId: 'T1' }]);
  });

  it('a confirmed resident holds the grant on their own building only', () => {
    expect(grantsInForce({ roles: grants, binding: 'confirmed', buildingId: 'B1' })).toEqual(grants);
    expect(grantsInForce({ roles: grants, binding: 'confirmed', buildingId: 'B2' })).toEqual([{ role: 'volunteer', scopeId: 'T1' }]);
  });
});

describe('disclosure (PIPL minimum necessary): who may see a full name or the resident phone', () => {
  it('full names of a team’s members: its own leader (and the institute), not a member, not another team’s leader', () => {
    const team = { teamId: 'T1', orgPath: PATH.S1 };
    expect(authorize(principal({ role: 'team_leader', scopeId: 'T1' }), 'team.memberNames', team)).toEqual({ allowed: true });
    expect(authorize(principal({ role: 'institute_staff', scopeId: 'S1' }), 'team.memberNames', team)).toEqual({ allowed: true });
    expect(authorize(principal({ role: 'volunteer', scopeId: 'T1' }), 'team.memberNames', team)).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(authorize(principal({ role: 'team_leader', scopeId: 'T2' }), 'team.memberNames', team)).toMatchObject({
      code: 'AUTH.OUT_OF_SCOPE',
    });
  });

  it('a resident’s full name for 代点单: the head of that building and staff in scope, not the head next door, not a neighbour', () => {
    expect(authorize(principal({ role: 'building_head', scopeId: 'B1' }), 'resident.fullName', { orgPath: PATH.B1 })).toEqual({
      allowed: true,
    });
    expect(authorize(principal({ role: 'building_head', scopeId: 'B1b' }), 'resident.fullName', { orgPath: PATH.B1 })).toMatchObject({
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(authorize(principal({ role: 'station_staff', scopeId: 'C1' }), 'resident.fullName', { orgPath: PATH.B1 })).toEqual({
      allowed: true,
    });
    expect(authorize(principal({ role: 'resident', scopeId: 'B1' }), 'resident.fullName', { orgPath: PATH.B1 })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('the resident phone per call: the serving team’s leader and members (the use case narrows to the assigned ones), not staff or others', () => {
    const order = { teamId: 'T1' };
    expect(authorize(principal({ role: 'team_leader', scopeId: 'T1' }), 'order.revealContact', order)).toEqual({ allowed: true });
    expect(authorize(principal({ role: 'volunteer', scopeId: 'T1' }), 'order.revealContact', order)).toEqual({ allowed: true });
    expect(authorize(principal({ role: 'volunteer', scopeId: 'T2' }), 'order.revealContact', order)).toMatchObject({
      code: 'AUTH.OUT_OF_SCOPE',
    });
    // Staff read the phone on the detail (order.manage); they never need the per-call reveal.
    expect(authorize(principal({ role: 'station_staff', scopeId: 'C1' }), 'order.revealContact', order)).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    expect(authorize(principal({ role: 'resident', scopeId: 'B1' }), 'order.revealContact', order)).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });
});
