import type { RoleGrant } from '../../../src/domain/identity/role';
import {
  closedKeyOf,
  decideJoinRequest,
  isApprovedVolunteer,
  leaderIneligibility,
  leaveCheck,
  openKeyOf,
  transferCheck,
  withGrants,
  withMember,
  withoutGrants,
  withoutMember,
} from '../../../src/domain/team/team.rules';

const team = { leaderOpenid: 'o-lead', memberOpenids: ['o-lead', 'o-a', 'o-b'] };

describe('who can lead or join', () => {
  it('approved registrations and serving volunteers count; pending and rejected do not', () => {
    expect(isApprovedVolunteer('approved', [])).toBe(true);
    expect(isApprovedVolunteer(null, [{ role: 'volunteer', scopeId: 'team-01' }])).toBe(true);
    expect(isApprovedVolunteer('pending', [])).toBe(false);
    expect(isApprovedVolunteer('rejected', [{ role: 'resident', scopeId: 'b1' }])).toBe(false);
    expect(isApprovedVolunteer(undefined, [{ role: 'team_leader', scopeId: 'team-01' }])).toBe(false);
  });

  it('says why someone cannot lead', () => {
    expect(leaderIneligibility('approved', [])).toBeNull();
    expect(leaderIneligibility('pending', [])).toContain('审核中');
    expect(leaderIneligibility(null, [])).toContain('已通过审核');
  });
});

describe('join request state', () => {
  it('only an open request is decided, to approved or rejected', () => {
    expect(decideJoinRequest('open', true)).toEqual({ ok: true, next: 'approved' });
    expect(decideJoinRequest('open', false)).toEqual({ ok: true, next: 'rejected' });
    expect(decideJoinRequest('approved', true)).toEqual({ ok: false, reason: 'alreadyDecided' });
    expect(decideJoinRequest('rejected', true)).toEqual({ ok: false, reason: 'alreadyDecided' });
  });

  it('the open key is one per (team, volunteer); closed keys are distinct per request', () => {
    expect(openKeyOf('team-01', 'o-a')).toBe(openKeyOf('team-01', 'o-a'));
    expect(openKeyOf('team-01', 'o-a')).not.toBe(openKeyOf('team-02', 'o-a'));
    expect(closedKeyOf('r1')).not.toBe(closedKeyOf('r2'));
    expect(closedKeyOf('r1')).not.toBe(openKeyOf('team-01', 'o-a'));
  });
});

describe('membership and leadership', () => {
  it('members leave; the leader must hand over first; strangers are not members', () => {
    expect(leaveCheck(team, 'o-a')).toBe('ok');
    expect(leaveCheck(team, 'o-lead')).toBe('isLeader');
    expect(leaveCheck(team, 'o-x')).toBe('notMember');
  });

  it('leadership goes to another member; to the leader is a no-op', () => {
    expect(transferCheck(team, 'o-b')).toBe('ok');
    expect(transferCheck(team, 'o-lead')).toBe('same');
    expect(transferCheck(team, 'o-x')).toBe('notMember');
  });

  it('members are added once and removed', () => {
    expect(withMember(team.memberOpenids, 'o-c')).toEqual(['o-lead', 'o-a', 'o-b', 'o-c']);
    expect(withMember(team.memberOpenids, 'o-a')).toEqual(team.memberOpenids);
    expect(withoutMember(team.memberOpenids, 'o-a')).toEqual(['o-lead', 'o-b']);
  });

  it('grants are added without duplicates and removed exactly', () => {
    const roles: RoleGrant[] = [
      { role: 'resident', scopeId: 'b1' },
      { role: 'volunteer', scopeId: 't1' },
    ];
    const added = withGrants(roles, [
      { role: 'volunteer', scopeId: 't1' },
      { role: 'team_leader', scopeId: 't1' },
    ]);
    expect(added).toEqual([...roles, { role: 'team_leader', scopeId: 't1' }]);
    expect(withoutGrants(added, [{ role: 'team_leader', scopeId: 't1' }])).toEqual(roles);
    expect(withoutGrants(added, [{ role: 'volunteer', scopeId: 't2' }])).toEqual(added);
  });
});
