import {
  backoffMs,
  isEditable,
  LEASE_MS,
  LOST_AFTER_CALL,
  MAX_ATTEMPTS,
  reclaimOutcome,
  SCHEDULE_MIN_LEAD_MS,
  scheduleProblem,
} from '../../../src/domain/announce/announce.rules';
import { ANNOUNCEMENT_STATES } from '../../../src/domain/announce/announce.types';

const NOW = Date.UTC(2025, 2, 5, 1, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('定时发布 window', () => {
  it('accepts times from 5 minutes to 30 days ahead', () => {
    expect(scheduleProblem(NOW + SCHEDULE_MIN_LEAD_MS, NOW)).toBeNull();
    expect(scheduleProblem(NOW + 2 * 60 * MINUTE, NOW)).toBeNull();
    expect(scheduleProblem(NOW + 30 * DAY, NOW)).toBeNull();
  });

  it('refuses the past, the next few minutes and beyond 30 days, saying why', () => {
    expect(scheduleProblem(NOW - MINUTE, NOW)).toBe('定时发布时间须至少在 5 分钟之后');
    expect(scheduleProblem(NOW + SCHEDULE_MIN_LEAD_MS - 1, NOW)).toBe('定时发布时间须至少在 5 分钟之后');
    expect(scheduleProblem(NOW + 30 * DAY + 1, NOW)).toBe('定时发布时间须在 30 天之内');
  });
});

describe('editable states', () => {
  it('only a draft or a scheduled announcement can change', () => {
    expect(ANNOUNCEMENT_STATES.filter(isEditable)).toEqual(['draft', 'scheduled']);
  });
});

describe('a lapsed claim (its worker lost)', () => {
  it('before the call: due again now, no attempt spent, no error', () => {
    expect(reclaimOutcome(null, 2, NOW)).toEqual({ state: 'planned', attempts: 2, nextAttemptAt: NOW, error: null });
  });

  it('after the call started: an attempt spent, retried with backoff and the reason kept', () => {
    expect(reclaimOutcome(NOW - LEASE_MS, 0, NOW)).toEqual({
      state: 'planned',
      attempts: 1,
      nextAttemptAt: NOW + backoffMs(1),
      error: LOST_AFTER_CALL,
    });
    expect(reclaimOutcome(NOW - LEASE_MS, 3, NOW)).toMatchObject({ attempts: 4, nextAttemptAt: NOW + backoffMs(4) });
  });

  it('after the call on the last attempt: given up', () => {
    expect(reclaimOutcome(NOW - LEASE_MS, MAX_ATTEMPTS - 1, NOW)).toEqual({
      state: 'failed',
      attempts: MAX_ATTEMPTS,
      error: `${LOST_AFTER_CALL} (gave up after ${MAX_ATTEMPTS} attempts)`,
    });
  });
});
