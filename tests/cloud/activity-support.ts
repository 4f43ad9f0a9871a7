import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { TestCloud } from '../support/local-cloud-harness';

const seed = buildDemoSeed();
/** Approved volunteers of the demo seed (leaders excluded), in id order. */
export const volunteers = seed.volunteer_profiles
  .filter((p) => p.status === 'approved' && p._id.startsWith('o-volunteer-'))
  .map((p) => p._id)
  .sort();
export const STATION_C1 = 'o-station-01';
export const INSTITUTE = 'o-institute-01';
export const RESIDENT = 'o-resident-0001';
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export function activityClient(cloud: TestCloud) {
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const call = async (data: object, openid: string): Promise<any> => (await cloud.call('activity', data, openid)).body.result;
  return {
    call,
    /** Sends an action and insists it worked. */
    async must(data: object, openid: string) {
      const res = await call(data, openid);
      if (!res.ok) throw new Error(`${JSON.stringify(data)} by ${openid} failed: ${JSON.stringify(res)}`);
      return res.data;
    },
  };
}

let n = 0;
/** A publishable activity: two sessions (3–5 h and 6–8 h from `now`), 10 and 5 places. */
export function activityInput(now: number, overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    requestId: `test-activity-${Date.now()}-${n}`,
    title: '清洁家园·楼道大扫除',
    category: '清洁家园',
    description: '清理楼道杂物和小广告，带上手套',
    address: '和平社区活动中心门口集合',
    contactName: '王老师',
    contactPhone: '13800001111',
    sessions: [
      { startAt: now + 3 * HOUR, endAt: now + 5 * HOUR, quota: 10 },
      { startAt: now + 6 * HOUR, endAt: now + 8 * HOUR, quota: 5 },
    ],
    ...overrides,
  };
}
