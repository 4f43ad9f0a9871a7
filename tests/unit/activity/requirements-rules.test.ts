import { ageOn, requirementsProblem, requirementsText, unmetRequirement } from '../../../src/domain/activity/requirements.rules';
import { registrationOutcome, volunteerFactsOf } from '../../../src/domain/team/volunteer.rules';

// 2026-03-02 08:00 China time.
const DAY_OF = Date.UTC(2026, 2, 2, 0, 0, 0);
const none = { skills: [], partyOnly: false, minAge: null, maxAge: null };
const member = { skills: ['急救', '摄影'], partyMember: true, birthDate: '1990-03-02' };

describe('报名条件', () => {
  it('age is whole years on the session day in China time: a birthday counts from that day', () => {
    expect(ageOn('1990-03-02', DAY_OF)).toBe(36);
    expect(ageOn('1990-03-03', DAY_OF)).toBe(35);
    // 2026-03-01 20:00 UTC is already 03-02 in China.
    expect(ageOn('2008-03-02', Date.UTC(2026, 2, 1, 20, 0, 0))).toBe(18);
    expect(ageOn('2008-03-02', Date.UTC(2026, 2, 1, 15, 0, 0))).toBe(17);
    expect(ageOn(null, DAY_OF)).toBeNull();
    expect(ageOn('1990-13-01', DAY_OF)).toBeNull();
  });

  it('says who may sign up in words, and nothing when anyone may', () => {
    expect(requirementsText(none)).toEqual([]);
    expect(requirementsText({ skills: ['急救'], partyOnly: true, minAge: 18, maxAge: 60 })).toEqual([
      '仅限党员',
      '18–60 周岁',
      '需具备：急救',
    ]);
    expect(requirementsText({ ...none, minAge: 16 })).toEqual(['16 周岁以上']);
    expect(requirementsText({ ...none, maxAge: 70 })).toEqual(['70 周岁以下']);
    expect(requirementsProblem({ ...none, minAge: 60, maxAge: 18 })).toMatch(/最小年龄/);
    expect(requirementsProblem({ ...none, minAge: 18, maxAge: 18 })).toBeNull();
  });

  it('refuses, in words that say what to do, a volunteer who does not meet one', () => {
    const all = { skills: ['急救'], partyOnly: true, minAge: 18, maxAge: 60 };
    expect(unmetRequirement(all, member, DAY_OF)).toBeNull();
    expect(unmetRequirement(none, { skills: [], partyMember: false, birthDate: null }, DAY_OF)).toBeNull();
    expect(unmetRequirement(all, { ...member, partyMember: false }, DAY_OF)).toMatch(/仅限党员.*勾选中共党员/);
    expect(unmetRequirement(all, { ...member, birthDate: null }, DAY_OF)).toMatch(/填写出生日期/);
    expect(unmetRequirement(all, { ...member, birthDate: '1960-01-01' }, DAY_OF)).toMatch(/18–60 周岁.*66 周岁/);
    expect(unmetRequirement(all, { ...member, birthDate: '2010-01-01' }, DAY_OF)).toMatch(/16 周岁/);
    // The day of the 60th birthday is still 60; the day after the 61st is not.
    expect(unmetRequirement(all, { ...member, birthDate: '1966-03-02' }, DAY_OF)).toBeNull();
    expect(unmetRequirement(all, { ...member, birthDate: '1965-03-02' }, DAY_OF)).toMatch(/61 周岁/);
    expect(unmetRequirement(all, { ...member, skills: ['摄影'] }, DAY_OF)).toMatch(/需要具备：急救/);
  });
});

describe('registration facts', () => {
  const base = { realName: '张三', phone: '13800001111', skills: ['急救'], availability: '周末', communityId: 'c1' };

  it('absent facts read as empty, and only a party member reports in as 在职党员', () => {
    expect(volunteerFactsOf({})).toEqual({ birthDate: null, partyMember: false, workUnit: '', partyReportIn: false });
    expect(volunteerFactsOf({ partyMember: false, partyReportIn: true }).partyReportIn).toBe(false);
    expect(volunteerFactsOf({ partyMember: true, partyReportIn: true }).partyReportIn).toBe(true);
  });

  it('an approved volunteer changing birth date or party membership updates details without a new review', () => {
    const stored = { ...base, status: 'approved' as const };
    expect(registrationOutcome(stored, base)).toEqual({ kind: 'unchanged' });
    expect(registrationOutcome(stored, { ...base, partyMember: true })).toEqual({ kind: 'updateDetails' });
    expect(registrationOutcome(stored, { ...base, birthDate: '1990-01-01' })).toEqual({ kind: 'updateDetails' });
    expect(registrationOutcome({ ...stored, partyMember: true }, { ...base, partyMember: true })).toEqual({ kind: 'unchanged' });
  });
});
