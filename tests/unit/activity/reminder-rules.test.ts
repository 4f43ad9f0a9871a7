import { REMIND_BEFORE_MS, reminderDue, reminderRow } from '../../../src/domain/activity/reminder.rules';
import { TEMPLATES } from '../../../src/domain/notify/notify.templates';

const NOW = Date.UTC(2026, 2, 2, 0, 0, 0);
const HOUR = 3600_000;

describe('活动开始提醒', () => {
  it('is due from 24 h before the start until the start, once', () => {
    const s = (startAt: number, reminded: boolean | undefined = false) => ({ startAt, reminded });
    expect(reminderDue(s(NOW + REMIND_BEFORE_MS + 1), NOW)).toBe(false);
    expect(reminderDue(s(NOW + REMIND_BEFORE_MS), NOW)).toBe(true);
    expect(reminderDue(s(NOW + HOUR), NOW)).toBe(true);
    expect(reminderDue(s(NOW), NOW)).toBe(false);
    expect(reminderDue(s(NOW + HOUR, true), NOW)).toBe(false);
    // Sessions from before reminders existed carry no flag: never reminded.
    expect(reminderDue({ startAt: NOW + HOUR }, NOW)).toBe(false);
  });

  it("one row per (session, volunteer), with the template's fields inside WeChat's limits", () => {
    const session = {
      _id: 'act-1-s0',
      activityId: 'act-1',
      title: '文明劝导·早高峰路口值守（和平路与幸福街路口东南角）',
      address: '和平路与幸福街路口东南角，穿红马甲到岗亭集合签到',
      startAt: Date.UTC(2026, 2, 3, 23, 30, 0),
    };
    const row = reminderRow(session, 'o-v1', NOW);
    expect(row._id).toBe(reminderRow(session, 'o-v1', NOW + HOUR)._id);
    expect(row._id).not.toBe(reminderRow(session, 'o-v2', NOW)._id);
    expect(Object.keys(row.data).sort()).toEqual(Object.keys(TEMPLATES.ACTIVITY_REMINDER.fields).sort());
    expect(row.data.time2?.value).toBe('2026-03-04 07:30');
    for (const key of ['thing1', 'thing3', 'thing4']) expect(Array.from(row.data[key]?.value ?? '').length).toBeLessThanOrEqual(20);
    expect(row.data.thing1?.value.endsWith('…')).toBe(true);
    expect(row).toMatchObject({
      recipient: 'o-v1',
      templateKey: 'ACTIVITY_REMINDER',
      state: 'planned',
      page: 'pages/activity/detail/index?id=act-1',
    });
  });
});
