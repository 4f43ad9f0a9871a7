import {
  daysBetween,
  doorReachOf,
  householdAwareness,
  householdsOf,
  type KnockResult,
  NO_ROOM,
  patrolCoverage,
  patrolDayOf,
  sumAwareness,
} from '../../../src/domain/grid/grid.rules';

describe('入户率: households reached at the door ÷ households', () => {
  it('a household is a room: residents of one room count once; visited rooms nobody bound still count', () => {
    const latest = new Map<string, KnockResult>([
      ['101', 'reached'],
      ['102', 'not_home'],
      ['999', 'reached'], // a family that never bound the app
    ]);
    const households = householdsOf(['101', '101', '102', '201', '  ', ''], latest);
    expect(households.map((h) => h.room)).toEqual(['101', '102', '201', '999', NO_ROOM]);
    expect(doorReachOf(households)).toEqual({ households: 5, reached: 2, visited: 3, rate: 0.4 });
  });

  it('only the LATEST result counts: reached then not home is not reached; refused is not reached', () => {
    const households = householdsOf(
      ['1', '2', '3'],
      new Map<string, KnockResult>([
        ['1', 'not_home'],
        ['2', 'refused'],
        ['3', 'reached'],
      ]),
    );
    expect(doorReachOf(households)).toMatchObject({ reached: 1, visited: 3, rate: 0.3333 });
    expect(doorReachOf([])).toEqual({ households: 0, reached: 0, visited: 0, rate: 0 });
  });
});

describe('awareness by household: in-app reads, door reach and their union', () => {
  // Rooms of the confirmed residents: 101 has two people.
  const residentRooms = ['101', '101', '102', '103', '104'];

  it('the union counts a room once when it both read and was told at the door', () => {
    // 101 read, 102 read and told, 103 told, 104 neither.
    const aware = householdAwareness(residentRooms, ['101', '102', '101'], ['102', '103']);
    expect(aware).toEqual({ households: 4, read: 2, door: 2, either: 3, readRate: 0.5, doorRate: 0.5, rate: 0.75 });
  });

  it('a told room nobody bound adds a household to the base and to the union', () => {
    const aware = householdAwareness(residentRooms, [], ['105']);
    expect(aware).toMatchObject({ households: 5, read: 0, door: 1, either: 1, rate: 0.2 });
  });

  it('a visited room that refused or was not home is a household that does not know yet', () => {
    const aware = householdAwareness(residentRooms, ['101'], ['102'], ['102', '106']);
    expect(aware).toMatchObject({ households: 5, read: 1, door: 1, either: 2, rate: 0.4 });
  });

  it('blank rooms are one household, as the unread list shows them', () => {
    expect(householdAwareness(['', '  ', null], [''], [])).toMatchObject({ households: 1, read: 1, rate: 1 });
  });

  it('rolls up by summing households, never averaging rates', () => {
    const small = householdAwareness(['1'], ['1'], []);
    const big = householdAwareness(residentRooms, [], []);
    expect(sumAwareness([small, big])).toMatchObject({ households: 5, read: 1, either: 1, rate: 0.2 });
  });
});

describe('巡查日志 days and coverage', () => {
  it('the day is China time: 23:30 UTC is the next morning in Chengdu', () => {
    expect(patrolDayOf(Date.parse('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
    expect(patrolDayOf(Date.parse('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('periods are 1–31 days, not reversed', () => {
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(31);
    expect(daysBetween('2026-03-01', '2026-04-01')).toBeNull();
    expect(daysBetween('2026-03-02', '2026-03-01')).toBeNull();
  });

  it('coverage counts distinct days and people per building, the last walker, and buildings nobody walked', () => {
    const rows = patrolCoverage(
      ['b1', 'b2', 'b3'],
      [
        { day: '2026-03-01', openid: 'p', workerName: '张*', buildingIds: ['b1', 'b2', 'b1'] },
        { day: '2026-03-02', openid: 'q', workerName: '李*', buildingIds: ['b1'] },
        { day: '2026-03-02', openid: 'p', workerName: '张*', buildingIds: ['b1', 'elsewhere'] },
      ],
    );
    expect(rows).toEqual([
      { buildingId: 'b1', days: 2, lastDay: '2026-03-02', lastBy: '李*', people: 2 },
      { buildingId: 'b2', days: 1, lastDay: '2026-03-01', lastBy: '张*', people: 1 },
      { buildingId: 'b3', days: 0, lastDay: null, lastBy: null, people: 0 },
    ]);
  });
});
