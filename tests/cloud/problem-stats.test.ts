import { withTestCloud } from '../support/local-cloud-harness';
import {
  CITY_OPS,
  INSTITUTE,
  PROPERTY_C1,
  photo,
  problemClient,
  STATION_C1,
  STATION_C2,
  tianfuResidents,
  UNIT_STAFF_C1,
  UNIT_STAFF_CITY_OPS,
} from './problem-support';

const [resident] = tianfuResidents;
if (!resident) throw new Error('no resident in 天府花园');
const DAY = 24 * 60 * 60 * 1000;

// A cold function instance on a busy machine takes seconds; the steps themselves are quick.
jest.setTimeout(90_000);

interface Row {
  key: string;
  name: string;
  problems: number;
  closed: number;
  due: number;
  onTime: number;
  overdue: number;
  rework: number;
  relapse: number;
  rated: number;
  satisfaction: number | null;
  medianCloseHours: number | null;
}

describe('问题统计: per 处置单位 and per 社区 for a period, in one call', () => {
  const env = withTestCloud(problemClient);
  const row = (rows: Row[], key: string) => rows.find((r) => r.key === key) as Row;
  const closedBy = async (unitId: string, staff: string, opts: { rework?: boolean; score: string }) => {
    const id = await env.api.report(resident._id);
    await env.api.transition(id, 'register', STATION_C1);
    await env.api.transition(id, 'dispatch', STATION_C1, { unitIds: [unitId] });
    await env.api.must('fix', staff, { problemId: id, photos: [photo('a')] });
    if (opts.rework) {
      await env.api.must('verify', STATION_C1, { problemId: id, pass: false, note: '还没清干净' });
      await env.api.must('fix', staff, { problemId: id, photos: [photo('b')] });
    }
    await env.api.must('verify', STATION_C1, { problemId: id, pass: true });
    await env.api.must('rate', resident._id, { problemId: id, score: opts.score });
    return id;
  };

  it('counts on time, overdue, 返工 and 满意率 as the loop goes, for the station and the 街道', async () => {
    const before = await env.api.must('stats', STATION_C1, { period: '30d' });
    expect(before).toMatchObject({ scopeLabel: expect.any(String), period: { key: '30d', label: '近 30 天' } });
    expect(before.byCommunity.map((r: Row) => r.key)).toEqual(['org-community-01']);

    env.cloud.store.clearUnindexedScans();
    await closedBy(PROPERTY_C1, UNIT_STAFF_C1, { score: 'satisfied' });
    await closedBy(PROPERTY_C1, UNIT_STAFF_C1, { rework: true, score: 'unsatisfied' });
    const late = await env.api.report(resident._id, { categoryId: 'pc-garbage' });
    await env.api.transition(late, 'register', STATION_C1);
    await env.api.transition(late, 'dispatch', STATION_C1, { unitIds: [CITY_OPS] });
    env.cloud.clock.advance(2 * DAY);

    const after = await env.api.must('stats', STATION_C1, { period: '30d' });
    const delta = (k: keyof Row, a: Row, b: Row | undefined) => (a[k] as number) - ((b?.[k] as number) ?? 0);
    const unitNow = row(after.byUnit, PROPERTY_C1);
    const unitBefore = before.byUnit.find((r: Row) => r.key === PROPERTY_C1);
    expect(unitNow.name).toBe('天府物业服务有限公司');
    expect(['problems', 'closed', 'due', 'onTime', 'rework', 'rated'].map((k) => delta(k as keyof Row, unitNow, unitBefore))).toEqual([
      2, 2, 2, 2, 1, 2,
    ]);
    expect(unitNow.medianCloseHours).not.toBeNull();
    const cityNow = row(after.byUnit, CITY_OPS);
    expect(
      delta(
        'overdue',
        cityNow,
        before.byUnit.find((r: Row) => r.key === CITY_OPS),
      ),
    ).toBe(1);
    const communityNow = row(after.byCommunity, 'org-community-01');
    expect(delta('problems', communityNow, row(before.byCommunity, 'org-community-01'))).toBe(3);
    expect(delta('problems', after.totals, before.totals)).toBe(3);
    // Ratings are new: the seed has none, so 满意率 is ours: 满意 and 不满意 → 50 %.
    expect(unitNow.satisfaction).toBe(0.5);
    expect(env.cloud.store.unindexedScans().filter((s) => /problem|org_units|handling_units/.test(s.collection))).toEqual([]);

    // The 街道 sees every 社区 of it and the same unit numbers.
    const subdistrict = await env.api.must('stats', INSTITUTE, { period: '30d' });
    expect(subdistrict.byCommunity.length).toBeGreaterThan(1);
    expect(row(subdistrict.byUnit, PROPERTY_C1)).toMatchObject({ rated: unitNow.rated, rework: unitNow.rework });
    // Another station does not see 和平社区's problems.
    const other = await env.api.must('stats', STATION_C2, { period: '30d' });
    expect(other.byCommunity.map((r: Row) => r.key)).not.toContain('org-community-01');
  });

  it('only station and institute staff; a made-up period is refused', async () => {
    for (const who of [UNIT_STAFF_C1, UNIT_STAFF_CITY_OPS, resident._id]) {
      const answer = await env.api.call({ action: 'stats' }, who);
      expect({ who, answer }).toMatchObject({ who, answer: { ok: false, code: 'AUTH.FORBIDDEN' } });
    }
    expect(await env.api.call({ action: 'stats', period: '1000d' }, STATION_C1)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });
});
