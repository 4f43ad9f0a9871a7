import { buildActivitySeed } from '../../../local-cloud/seed/activity-seed';
import { sessionsProblem } from '../../../src/domain/activity/activity.rules';
import type { ActivityDoc, ActivitySessionDoc } from '../../../src/domain/activity/activity.types';

describe('demo activities', () => {
  it.each([Date.UTC(2026, 11, 1, 23, 0), Date.UTC(2027, 5, 6, 4, 0)])(
    'are in the coming days and valid by the domain rules (now = %s)',
    (now) => {
      const seed = buildActivitySeed(now);
      const activities = seed.activities as ActivityDoc[];
      const sessions = seed.activity_sessions as ActivitySessionDoc[];
      expect(activities.map((a) => a.title)).toEqual(['清洁家园·楼道大扫除', '锦江支流巡河护河', '文明劝导·路口值守']);
      for (const a of activities) {
        const own = sessions.filter((s) => s.activityId === a._id);
        expect(own).toHaveLength(a.sessionCount);
        expect(sessionsProblem(own, now)).toBeNull();
        expect(a.firstStartAt).toBeGreaterThan(now);
        expect(a.firstStartAt - now).toBeLessThan(8 * 24 * 3600_000);
      }
      expect(sessions.filter((s) => s.activityId === 'act-demo-traffic')).toHaveLength(10);
    },
  );
});
