import {
  correctionProblem,
  MAX_SESSION_HOURS,
  SERVICE_CODE,
  serviceCodeFrom,
  sessionHours,
  sessionIdOf,
  totalHours,
} from '../../../src/domain/service/service.rules';

const T0 = Date.UTC(2025, 5, 1, 1, 0, 0);
const MIN = 60 * 1000;
const at = (minutes: number, seconds = 0) => T0 + minutes * MIN + seconds * 1000;

describe('hours rule: nearest quarter hour, at least 0.25 h, at most 12 h per session', () => {
  it.each([
    [60, 1],
    [52, 0.75],
    [53, 1], // 52.5 min and up rounds to the next quarter
    [67, 1],
    [68, 1.25],
    [90, 1.5],
    [1, 0.25],
    [7, 0.25], // rounds to 0 but a session that happened counts at least a quarter
    [8, 0.25],
    [22, 0.25],
    [23, 0.5],
    [12 * 60, 12],
    [13 * 60, 12],
    [30 * 60, MAX_SESSION_HOURS],
  ])('%i minutes → %d h', (minutes, hours) => {
    expect(sessionHours(T0, at(minutes))).toBe(hours);
  });

  it('drops seconds (whole minutes only) and gives 0 for a check-out not after the check-in', () => {
    expect(sessionHours(T0, at(52, 59))).toBe(0.75);
    expect(sessionHours(T0, at(0, 30))).toBe(0.25);
    expect(sessionHours(T0, T0)).toBe(0);
    expect(sessionHours(T0, T0 - MIN)).toBe(0);
  });

  it('totals stay exact', () => {
    expect(totalHours([0.25, 0.25, 0.25, 1.5])).toBe(2.25);
    expect(totalHours([])).toBe(0);
  });
});

describe('confirmation code and corrections', () => {
  it('the code is 6 digits, zero-padded', () => {
    expect(serviceCodeFrom(() => 42)).toBe('000042');
    expect(serviceCodeFrom(() => 999_999)).toBe('999999');
    let asked = 0;
    serviceCodeFrom((max) => {
      asked = max;
      return 0;
    });
    expect(asked).toBe(1_000_000);
    expect(SERVICE_CODE.test('012345')).toBe(true);
    expect(SERVICE_CODE.test('12345')).toBe(false);
    expect(SERVICE_CODE.test('12a456')).toBe(false);
  });

  it('a corrected check-out must follow the check-in, not lie in the future, and stay within the cap', () => {
    const now = at(600);
    expect(correctionProblem(T0, T0, now)).toMatch(/晚于签到/);
    expect(correctionProblem(T0, now + 1, now)).toMatch(/不能晚于现在/);
    expect(correctionProblem(T0, at(90), now)).toBeNull();
    expect(correctionProblem(T0, at(13 * 60), at(14 * 60))).toMatch(/12 小时/);
  });

  it('session ids are per order, round and volunteer', () => {
    expect(sessionIdOf('ord-1', 4, 'o-v')).toBe('ord-1-r4-o-v');
    expect(sessionIdOf('ord-1', 9, 'o-v')).not.toBe(sessionIdOf('ord-1', 4, 'o-v'));
  });
});
