import { cronMatches, firstFiringBetween, parseCron } from '../../../local-cloud/functions/cron';

const at = (iso: string) => new Date(iso);

describe('WeChat timer-trigger cron (7 fields)', () => {
  it('fires every five minutes on second 0', () => {
    const every5 = parseCron('0 */5 * * * * *');
    expect(cronMatches(every5, at('2026-11-23T10:05:00'))).toBe(true);
    expect(cronMatches(every5, at('2026-11-23T10:05:01'))).toBe(false);
    expect(cronMatches(every5, at('2026-11-23T10:06:00'))).toBe(false);
  });

  it('supports lists, ranges and day-of-week', () => {
    const weekdayMornings = parseCron('0 30 8,9 * * 1-5 *');
    expect(cronMatches(weekdayMornings, at('2026-11-23T08:30:00'))).toBe(true); // a Monday
    expect(cronMatches(weekdayMornings, at('2026-11-22T08:30:00'))).toBe(false); // a Sunday
    expect(cronMatches(weekdayMornings, at('2026-11-23T10:30:00'))).toBe(false);
  });

  it('finds the first firing inside a window and nothing outside it', () => {
    const hourly = parseCron('0 0 * * * * *');
    expect(firstFiringBetween(hourly, at('2026-11-23T10:00:00'), at('2026-11-23T10:59:59'))).toBeUndefined();
    expect(firstFiringBetween(hourly, at('2026-11-23T10:00:00'), at('2026-11-23T12:30:00'))).toEqual(at('2026-11-23T11:00:00'));
  });

  it('rejects malformed expressions', () => {
    expect(() => parseCron('0 * * * *')).toThrow(/7 fields/);
    expect(() => parseCron('0 61 * * * * *')).toThrow(/invalid cron field/);
    expect(() => parseCron('0 */0 * * * * *')).toThrow(/invalid cron field/);
  });
});
