import { newRequestId, REQUEST_ID, REQUEST_ID_MAX, REQUEST_ID_MIN } from '../../../src/domain/shared/request-id';

describe('newRequestId: what a form sends with every retry of one submit', () => {
  it('is a valid request id for the functions, even when the random part is short', () => {
    for (const random of [() => 0, () => 0.5, () => 0.123456789, Math.random]) {
      const id = newRequestId(Date.UTC(2026, 10, 23), random);
      expect(id).toMatch(REQUEST_ID);
      expect(id.length).toBeGreaterThanOrEqual(REQUEST_ID_MIN);
      expect(id.length).toBeLessThanOrEqual(REQUEST_ID_MAX);
    }
  });

  it('differs between two forms opened in the same millisecond', () => {
    const now = Date.now();
    expect(newRequestId(now, () => 0.111)).not.toBe(newRequestId(now, () => 0.222));
  });
});
