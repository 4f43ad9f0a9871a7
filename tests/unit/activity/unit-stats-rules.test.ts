import { unitStats } from '../../../src/domain/activity/unit-stats.rules';

describe('双报到 per unit', () => {
  const people = [
    { openid: 'a', workUnit: '区卫健委', partyReportIn: true },
    { openid: 'b', workUnit: ' 区卫健委', partyReportIn: false },
    { openid: 'c', workUnit: '区税务局', partyReportIn: true },
    { openid: 'd', workUnit: '', partyReportIn: false },
  ];
  it('sums counted hours by source and attendance per unit; uncounted entries and people without a unit stay out', () => {
    const { rows, withoutUnit } = unitStats(
      people,
      [
        { openid: 'a', status: 'confirmed', hours: 1.5, source: 'activity' },
        { openid: 'b', status: 'approved', hours: 0.25, source: 'order' },
        { openid: 'b', status: 'pending', hours: 3, source: 'activity' },
        { openid: 'c', status: 'rejected', hours: 2, source: 'activity' },
        { openid: 'd', status: 'confirmed', hours: 9, source: 'activity' },
      ],
      [
        { openid: 'a', attendance: 'out' },
        { openid: 'b', attendance: 'absent' },
        { openid: 'c', attendance: 'in' },
        { openid: 'c', attendance: 'none' },
        { openid: 'd', attendance: 'out' },
      ],
    );
    expect(withoutUnit).toBe(1);
    expect(rows).toEqual([
      { unit: '区卫健委', volunteers: 2, partyReportedIn: 1, hours: 1.75, activityHours: 1.5, orderHours: 0.25, attended: 1, absent: 1 },
      { unit: '区税务局', volunteers: 1, partyReportedIn: 1, hours: 0, activityHours: 0, orderHours: 0, attended: 1, absent: 0 },
    ]);
  });
});
