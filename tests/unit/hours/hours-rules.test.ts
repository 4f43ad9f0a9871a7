import {
  backEntryProblem,
  CERTIFICATE_NUMBER,
  certificateLines,
  certificateNumber,
  chinaDate,
  counts,
  decisionProblem,
  type HoursEntry,
  starLevel,
  summarise,
  VERIFY_CODE,
  verifyCode,
} from '../../../src/domain/hours/hours.rules';

const DAY = 86_400_000;
const T = Date.UTC(2026, 5, 1, 2, 0, 0);
let n = 0;
const entry = (over: Partial<HoursEntry> = {}): HoursEntry => {
  n += 1;
  return {
    _id: `e${n}`,
    key: `e${n}`,
    openid: 'v1',
    displayName: '张*',
    source: 'activity',
    sourceId: 'a1',
    sessionId: 'a1-s0',
    title: '清洁家园',
    content: '清理楼道杂物',
    place: '锦城社区',
    startAt: T,
    endAt: T + 2 * 3600_000,
    hours: 2,
    kind: 'live',
    status: 'confirmed',
    reason: '',
    recorder: '锦城社区新时代文明实践站',
    recordedBy: 'o-station-01',
    confirmedBy: 'o-station-01',
    at: T,
    subdistrictId: 'sd',
    communityId: 'c1',
    sortKey: `${T}-e${n}`,
    ...over,
  };
};

describe('star levels', () => {
  it.each([
    [0, 0, '未评星', 100],
    [99.75, 0, '未评星', 0.25],
    [100, 1, '一星', 200],
    [299.75, 1, '一星', 0.25],
    [600, 3, '三星', 400],
    [1500, 5, '五星', null],
  ])('%s h → level %s (%s), %s h to the next', (hours, level, label, remaining) => {
    const s = starLevel(hours);
    expect(s).toMatchObject({ level, label });
    expect(s.next?.remaining ?? null).toBe(remaining);
  });

  it('thresholds are configurable per 街道 (北京 100/200/500/800/1000); unusable ones fall back to the default', () => {
    expect(starLevel(200, [100, 200, 500, 800, 1000]).label).toBe('二星');
    expect(starLevel(200, [100, 50, 500, 800, 1000]).label).toBe('一星');
  });
});

describe('my record from the ledger', () => {
  it('counts only confirmed and approved entries; points per entry by the published rule; this year in China time', () => {
    const entries = [
      entry({ hours: 2 }),
      entry({ hours: 1.25, source: 'order' }),
      entry({ hours: 3, kind: 'back_entry', status: 'pending' }),
      entry({ hours: 1, kind: 'correction', status: 'approved' }),
      entry({ hours: 5, kind: 'back_entry', status: 'rejected' }),
      entry({ hours: 0.75, startAt: Date.UTC(2025, 11, 31, 15, 59) }), // 2025-12-31 23:59 in China
    ];
    expect(counts({ status: 'pending' })).toBe(false);
    expect(summarise(entries, T)).toEqual({
      totalHours: 5,
      thisYearHours: 4.25,
      bySource: { activity: 3.75, order: 1.25 },
      points: 20 + 12 + 10 + 7,
      pendingHours: 3,
    });
  });
});

describe('志愿服务记录证明 content', () => {
  it("only the volunteer's counted entries inside the period, oldest first, with 活动名称, 日期, 地点, 服务内容, 服务时间, 记录单位", () => {
    const entries = [
      entry({ title: '巡河', startAt: T + 2 * DAY }),
      entry({ title: '文明劝导', startAt: T }),
      entry({ title: '未确认', status: 'pending' }),
      entry({ title: '被驳回', status: 'rejected' }),
      entry({ title: '别人的', openid: 'v2' }),
      entry({ title: '期外', startAt: T + 40 * DAY }),
    ];
    const lines = certificateLines(entries, 'v1', T - DAY, T + 30 * DAY);
    expect(lines.map((l) => l.title)).toEqual(['文明劝导', '巡河']);
    expect(lines[0]).toEqual({
      title: '文明劝导',
      date: '2026-06-01',
      place: '锦城社区',
      content: '清理楼道杂物',
      hours: 2,
      recorder: '锦城社区新时代文明实践站',
    });
    expect(chinaDate(Date.UTC(2026, 0, 1, 16, 0))).toBe('2026-01-02');
  });

  it('number and verification code have their shapes', () => {
    let i = 0;
    const rnd = (max: number) => (i++ * 7) % max;
    expect(certificateNumber(T, rnd)).toMatch(CERTIFICATE_NUMBER);
    expect(certificateNumber(T, rnd).slice(0, 12)).toBe('ZYZM20260601');
    expect(verifyCode(rnd)).toMatch(VERIFY_CODE);
  });
});

describe('补录 and its approval', () => {
  it('needs a reason, quarter hours, and never more than the planned hours', () => {
    expect(backEntryProblem(1.5, 2, '忘记签到，现场照片为证')).toBeNull();
    expect(backEntryProblem(1.5, 2, ' ')).toMatch(/原因/);
    expect(backEntryProblem(1.1, 2, '原因')).toMatch(/0.25/);
    expect(backEntryProblem(2.5, 2, '原因')).toMatch(/不能超过/);
  });

  it('is decided once, never by the person who recorded it', () => {
    expect(decisionProblem({ status: 'pending', recordedBy: 'a' }, 'b')).toBeNull();
    expect(decisionProblem({ status: 'pending', recordedBy: 'a' }, 'a')).toMatch(/不能审核自己/);
    expect(decisionProblem({ status: 'approved', recordedBy: 'a' }, 'b')).toMatch(/已经审核/);
  });
});
