import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit, Team } from '../../src/domain/org/org.types';
import type { TestCloud } from '../support/local-cloud-harness';

/** Demo people and places the order tests play with (all from the deterministic seed). */
export const seed = buildDemoSeed();
const users = seed.users as UserProfile[];
const buildings = seed.org_units.filter((u): u is BuildingUnit => u.kind === 'building');
export const buildingById = new Map(buildings.map((b) => [b._id, b]));
const communityOf = (u: UserProfile) => buildingById.get(u.buildingId ?? '')?.path[1];

export const residentsOf = (communityId: string) =>
  users.filter((u) => u._id.startsWith('o-resident-') && u.binding === 'confirmed' && communityOf(u) === communityId);
export const pendingResident = users.find((u) => u._id.startsWith('o-resident-') && u.binding === 'pending') as UserProfile;
export const teamById = new Map((seed.teams as Team[]).map((t) => [t._id, t]));
export const headOf = (resident: UserProfile) => buildingById.get(resident.buildingId ?? '')?.buildingHeadOpenid as string;

/** Station staff: o-station-01/02 → 和平社区 (org-community-01), o-station-03 → 紫荆社区 (org-community-02). */
export const STATION_C1 = 'o-station-01';
export const STATION_C2 = 'o-station-03';
export const INSTITUTE = 'o-institute-01';
/** item-02 助餐送餐 (poolable, 24 h): teams 02 (豆花帮帮团, communities 01–02) and 04 (青春志愿先锋, whole subdistrict) can serve it. */
export const MEAL_ITEM = 'item-02';
/** item-06 社区义诊预约 (not poolable). */
export const CLINIC_ITEM = 'item-06';

const HOUR = 60 * 60 * 1000;
let counter = 0;

export function orderInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const start = Date.now() + 2 * HOUR;
  return {
    itemId: MEAL_ITEM,
    description: '老人行动不便，希望每天中午送一份午餐上门',
    preferredWindow: { start, end: start + 2 * HOUR },
    contactPhone: '13812345678',
    requestId: `req-${Date.now().toString(36)}-${counter}`,
    ...overrides,
  };
}

export function orderClient(cloud: TestCloud) {
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const call = async (data: object, openid: string): Promise<any> => (await cloud.call('order', data, openid)).body.result;
  return {
    call,
    async place(openid: string, overrides: Record<string, unknown> = {}): Promise<string> {
      const res = await call({ action: 'create', ...orderInput(overrides) }, openid);
      if (!res.ok) throw new Error(`create failed: ${JSON.stringify(res)}`);
      return res.data.orderId as string;
    },
    async fire(orderId: string, event: string, openid: string, extra: Record<string, unknown> = {}) {
      return call({ action: 'transition', orderId, event, ...extra }, openid);
    },
    /** Fires and insists it worked. */
    async must(orderId: string, event: string, openid: string, extra: Record<string, unknown> = {}) {
      const res = await call({ action: 'transition', orderId, event, ...extra }, openid);
      if (!res.ok) throw new Error(`${event} by ${openid} failed: ${JSON.stringify(res)}`);
      return res.data;
    },
    /** Sends an action of its own (checkIn, checkOut, complete …) and insists it worked. */
    async mustAct(action: string, orderId: string, openid: string, extra: Record<string, unknown> = {}) {
      const res = await call({ action, orderId, ...extra }, openid);
      if (!res.ok) throw new Error(`${action} by ${openid} failed: ${JSON.stringify(res)}`);
      return res.data;
    },
  };
}
