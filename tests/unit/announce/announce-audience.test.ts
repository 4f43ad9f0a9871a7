import { readersByBuilding, rollUpAwareness, unreadHouseholds } from '../../../src/domain/announce/announce.awareness';

describe('readers per building (by the binding now)', () => {
  const targeted = new Set(['B1', 'B2']);

  it('counts each confirmed reader once, in the building they live in now', () => {
    const counts = readersByBuilding(
      [
        { openid: 'a', buildingId: 'B1', binding: 'confirmed' },
        { openid: 'a', buildingId: 'B1', binding: 'confirmed' },
        { openid: 'b', buildingId: 'B1', binding: 'confirmed' },
        // Read it elsewhere, lives in B2 now.
        { openid: 'c', buildingId: 'B2', binding: 'confirmed' },
      ],
      targeted,
    );
    expect(Object.fromEntries(counts)).toEqual({ B1: 2, B2: 1 });
  });

  it('leaves out readers who are pending, unbound, rejected or live outside the targets', () => {
    const counts = readersByBuilding(
      [
        { openid: 'p', buildingId: 'B1', binding: 'pending' },
        { openid: 'u', buildingId: null, binding: null },
        { openid: 'r', buildingId: 'B1', binding: 'rejected' },
        { openid: 'o', buildingId: 'B9', binding: 'confirmed' },
      ],
      targeted,
    );
    expect(counts.size).toBe(0);
  });

  it('feeds a roll-up whose unread per building is residents − readers', () => {
    const readers = readersByBuilding([{ openid: 'a', buildingId: 'B1', binding: 'confirmed' }], targeted);
    const report = rollUpAwareness(
      ['B1', 'B2'].map((b) => ({
        buildingId: b,
        buildingName: b,
        estateId: 'E1',
        communityId: 'C1',
        residents: b === 'B1' ? 3 : 2,
        readers: readers.get(b) ?? 0,
        groupReads: 0,
      })),
    );
    expect(report).toMatchObject({ residents: 5, readers: 1, rate: 0.2 });
    expect(report.communities[0]?.estates[0]?.buildings.map((b) => [b.id, b.unread])).toEqual([
      ['B1', 2],
      ['B2', 2],
    ]);
  });
});

describe('未读住户 households', () => {
  const residents = [
    { openid: 'a', room: '1-101', displayName: '张*' },
    { openid: 'b', room: '1-101', displayName: '李*' },
    { openid: 'c', room: '2-201', displayName: '王*' },
    { openid: 'd', room: '10-1001', displayName: null },
    { openid: 'e', room: '', displayName: '赵*' },
  ];

  it('lists rooms where nobody has read it, numerically sorted, masked names kept', () => {
    expect(unreadHouseholds(residents, new Set(['a']))).toEqual([
      { room: '2-201', names: ['王*'], residents: 1 },
      { room: '10-1001', names: ['居民'], residents: 1 },
      { room: '未填房号', names: ['赵*'], residents: 1 },
    ]);
  });

  it('a room with two residents and no reader is one household to knock on', () => {
    expect(unreadHouseholds(residents.slice(0, 2), new Set())).toEqual([{ room: '1-101', names: ['张*', '李*'], residents: 2 }]);
  });
});
