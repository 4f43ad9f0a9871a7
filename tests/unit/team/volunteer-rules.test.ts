import { normaliseSkills, registrationOutcome, volunteerOrgPath } from '../../../src/domain/team/volunteer.rules';

const input = { realName: '王小明', phone: '13912345678', skills: ['助餐'], availability: '周末', communityId: 'c1' };

describe('volunteer registration rules', () => {
  it('normalises skills: trimmed, no empties, no duplicates, order kept', () => {
    expect(normaliseSkills([' 助餐 ', '', '陪伴', '助餐'])).toEqual(['助餐', '陪伴']);
  });

  it('places a profile at its community or, without one, at its subdistrict', () => {
    expect(volunteerOrgPath({ subdistrictId: 's1', communityId: 'c1' })).toEqual(['s1', 'c1']);
    expect(volunteerOrgPath({ subdistrictId: 's1', communityId: null })).toEqual(['s1']);
  });

  it('creates when nothing is stored', () => {
    expect(registrationOutcome(null, input)).toEqual({ kind: 'create' });
  });

  it('the same input while pending writes nothing; any change resubmits', () => {
    expect(registrationOutcome({ ...input, status: 'pending' }, input)).toEqual({ kind: 'unchanged' });
    expect(registrationOutcome({ ...input, status: 'pending' }, { ...input, skills: ['陪伴'] })).toEqual({ kind: 'resubmit' });
    expect(registrationOutcome({ ...input, status: 'pending' }, { ...input, communityId: 'c2' })).toEqual({ kind: 'resubmit' });
    expect(registrationOutcome({ ...input, status: 'pending' }, { ...input, phone: '13900000000' })).toEqual({ kind: 'resubmit' });
  });

  it('a rejected applicant registering again re-enters review, even with the same data', () => {
    expect(registrationOutcome({ ...input, status: 'rejected' }, input)).toEqual({ kind: 'resubmit' });
  });

  it('approved volunteers may update skills and availability but not their identity', () => {
    expect(registrationOutcome({ ...input, status: 'approved' }, input)).toEqual({ kind: 'unchanged' });
    expect(registrationOutcome({ ...input, status: 'approved' }, { ...input, availability: '工作日晚上' })).toEqual({
      kind: 'updateDetails',
    });
    expect(registrationOutcome({ ...input, status: 'approved' }, { ...input, communityId: 'c2' })).toEqual({ kind: 'updateDetails' });
    expect(registrationOutcome({ ...input, status: 'approved' }, { ...input, realName: '王大明' })).toEqual({ kind: 'identityLocked' });
  });
});
