import { FIELD_LIMITS } from '../../../src/domain/notify/notify.format';
import { PROBLEM_NOTICES, planProblemNotices } from '../../../src/domain/problem/problem.notices';
import { PROBLEM_TRANSITIONS, type ProblemEvent } from '../../../src/domain/problem/problem.state-machine';
import type { ProblemDoc } from '../../../src/domain/problem/problem.types';

const NOW = Date.parse('2026-12-01T10:00:00+08:00');
const problem = (over: Partial<ProblemDoc> = {}): ProblemDoc =>
  ({
    _id: 'pb-1',
    categoryName: '设施损坏（井盖 / 路灯 / 路面）',
    estateName: '天府花园',
    buildingName: '3栋',
    placeText: '东侧人行道上靠近垃圾桶的井盖松动',
    reporterOpenid: 'o-reporter',
    selfFixed: false,
    deadlineAt: Date.parse('2026-12-03T23:59:59.999+08:00'),
    unitIds: ['u1'],
    ...over,
  }) as ProblemDoc;
const plan = (event: ProblemEvent, over: Partial<Parameters<typeof planProblemNotices>[0]> = {}) =>
  planProblemNotices({
    event,
    problem: problem(),
    note: '这是一段很长很长的说明文字，用来检查订阅消息的字段不会超过微信规定的长度',
    now: NOW,
    unitStaff: ['o-unit'],
    stationStaff: ['o-station'],
    actorOpenid: 'o-actor',
    ...over,
  });

describe('grid problem notices', () => {
  it('the table names only events the state machine has', () => {
    const events = new Set(PROBLEM_TRANSITIONS.map((r) => r.event));
    expect(Object.keys(PROBLEM_NOTICES).filter((e) => !events.has(e as ProblemEvent))).toEqual([]);
  });

  it('reporter: 立案, 不予立案, 销号, 返工; unit: 派遣, 催办; station: 处置上报, 延期申请', () => {
    const who = (e: ProblemEvent) => plan(e).map((d) => [d.recipient, d.templateKey]);
    expect(who('register')).toEqual([['o-reporter', 'ORDER_STATUS']]);
    expect(who('dismiss')).toEqual([['o-reporter', 'ORDER_STATUS']]);
    expect(who('verify_pass')).toEqual([['o-reporter', 'ORDER_STATUS']]);
    expect(who('verify_fail')).toEqual([
      ['o-reporter', 'ORDER_STATUS'],
      ['o-unit', 'ORDER_ALERT'],
    ]);
    expect(who('dispatch')).toEqual([['o-unit', 'ORDER_ALERT']]);
    expect(who('supervise')).toEqual([['o-unit', 'ORDER_ALERT']]);
    expect(who('fix')).toEqual([['o-station', 'ORDER_ALERT']]);
    expect(who('request_extension')).toEqual([['o-station', 'ORDER_ALERT']]);
    expect(who('second')).toEqual([]);
    expect(plan('dispatch')[0]?.page).toBe('pages/problem/detail/index?problemId=pb-1');
  });

  it('never the actor, never twice, and no reporter message on a 自查自处', () => {
    expect(plan('register', { actorOpenid: 'o-reporter' })).toEqual([]);
    expect(plan('escalate', { unitStaff: ['o-a', 'o-b'], stationStaff: ['o-b', 'o-actor'] }).map((d) => d.recipient)).toEqual([
      'o-a',
      'o-b',
    ]);
    expect(plan('verify_pass', { problem: problem({ selfFixed: true }) })).toEqual([]);
  });

  it('every value fits its field: thing ≤ 20, phrase ≤ 5 Chinese characters, time as a date', () => {
    for (const event of Object.keys(PROBLEM_NOTICES) as ProblemEvent[]) {
      for (const d of plan(event)) {
        for (const [key, { value }] of Object.entries(d.data)) {
          const type = /^([a-z_]+?)\d+$/.exec(key)?.[1] as string;
          if (type === 'time') expect(value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
          else
            expect({ event, key, length: Array.from(value).length <= (FIELD_LIMITS[type] as number) }).toEqual({
              event,
              key,
              length: true,
            });
          if (type === 'phrase') expect(value).toMatch(/^[\u4e00-\u9fa5]+$/);
          expect(value.length).toBeGreaterThan(0);
        }
      }
    }
    expect(plan('dispatch')[0]?.data.thing4?.value).toBe('请于12月3日前处置并上传照片');
    expect(plan('register')[0]?.data.phrase2?.value).toBe('已立案');
  });
});
