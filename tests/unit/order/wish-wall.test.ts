import { mayAdoptWish, wallPlaceOf } from '../../../src/domain/order/wish-wall';

describe('心愿墙: who may 认领', () => {
  it('an approved party member or a volunteer with a 工作单位 may; others may not', () => {
    expect(mayAdoptWish({ status: 'approved', partyMember: true, workUnit: '' })).toBe(true);
    expect(mayAdoptWish({ status: 'approved', partyMember: false, workUnit: '区税务局' })).toBe(true);
    expect(mayAdoptWish({ status: 'approved', partyMember: false, workUnit: '  ' })).toBe(false);
    expect(mayAdoptWish({ status: 'approved' })).toBe(false);
    expect(mayAdoptWish({ status: 'pending', partyMember: true, workUnit: '区税务局' })).toBe(false);
  });

  it('the wall shows only 社区 and 小区 until the caller adopted the wish', () => {
    expect(wallPlaceOf('和平社区 天府花园 3栋 2单元301', false)).toBe('和平社区 天府花园');
    expect(wallPlaceOf('和平社区 天府花园 3栋 2单元301', true)).toBe('和平社区 天府花园 3栋 2单元301');
  });
});
