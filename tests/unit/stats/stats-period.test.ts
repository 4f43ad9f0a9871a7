import { chinaDayStart, periodRange } from '../../../src/domain/service/stats-period';

// Wednesday 2 December 2026, 10:00 in China (02:00 UTC).
const NOW = Date.UTC(2026, 11, 2, 2, 0);
const day = (d: string) => chinaDayStart(d) as number;

describe('stats periods as China calendar days', () => {
  it('本周 runs Monday to Sunday', () => {
    expect(periodRange('week', NOW)).toEqual({ from: day('2026-11-30'), to: day('2026-12-07'), label: '2026-11-30 至 2026-12-06' });
    // Sunday late evening in China is still that week; Monday 00:00 starts the next.
    const sunday = Date.UTC(2026, 11, 6, 15, 59);
    expect(periodRange('week', sunday)).toMatchObject({ from: day('2026-11-30') });
    expect(periodRange('week', Date.UTC(2026, 11, 6, 16, 0))).toMatchObject({ from: day('2026-12-07') });
  });

  it('本月 and 上月, across a year', () => {
    expect(periodRange('month', NOW)).toEqual({ from: day('2026-12-01'), to: day('2027-01-01'), label: '2026-12-01 至 2026-12-31' });
    expect(periodRange('last_month', NOW)).toEqual({ from: day('2026-11-01'), to: day('2026-12-01'), label: '2026-11-01 至 2026-11-30' });
    const january = Date.UTC(2027, 0, 15);
    expect(periodRange('last_month', january)).toMatchObject({ label: '2026-12-01 至 2026-12-31' });
    // 1 January 07:00 in China is still 31 December in UTC.
    expect(periodRange('month', Date.UTC(2026, 11, 31, 23, 0))).toMatchObject({ label: '2027-01-01 至 2027-01-31' });
  });

  it('自定义 includes both days and refuses what is not a range', () => {
    expect(periodRange('custom', NOW, { fromDate: '2026-11-03', toDate: '2026-11-03' })).toEqual({
      from: day('2026-11-03'),
      to: day('2026-11-04'),
      label: '2026-11-03',
    });
    expect(periodRange('custom', NOW, {})).toEqual({ problem: '请选择开始和结束日期' });
    expect(periodRange('custom', NOW, { fromDate: '2026-11-05', toDate: '2026-11-04' })).toEqual({ problem: '结束日期不能早于开始日期' });
    expect(periodRange('custom', NOW, { fromDate: '2025-01-01', toDate: '2026-06-01' })).toEqual({ problem: '自定义时间最长 366 天' });
    expect(chinaDayStart('2026-02-30')).toBeNull();
    expect(day('2026-12-02')).toBe(Date.UTC(2026, 11, 1, 16, 0));
  });
});
