import type { UserProfile } from '../../src/domain/identity/role';
import type { TestCloud } from '../support/local-cloud-harness';
import { uploadPhotoAs } from '../support/uploads';
import { buildingById, headOf, residentsOf, seed } from './order-support';

/** Demo people the problem tests play with (all from the deterministic seed). */
export const STATION_C1 = 'o-station-01';
export const STATION_C2 = 'o-station-03';
export const INSTITUTE = 'o-institute-01';
/** 天府物业 (天府花园, 锦城丽苑 of 和平社区), 紫荆物业 (紫荆社区), 城管中队. */
export const PROPERTY_C1 = 'unit-property-01';
export const PROPERTY_C2 = 'unit-property-02';
export const CITY_OPS = 'unit-cityops-01';
export const UNIT_STAFF_C1 = 'o-unit-01';
export const UNIT_STAFF_C2 = 'o-unit-02';
export const UNIT_STAFF_CITY_OPS = 'o-unit-03';

const estateOf = (u: UserProfile) => buildingById.get(u.buildingId ?? '')?.parentId;
/** Confirmed residents of 天府花园 (org-estate-01), whose property company is 天府物业. */
export const tianfuResidents = residentsOf('org-community-01').filter((u) => estateOf(u) === 'org-estate-01');
export const otherEstateResident = residentsOf('org-community-01').find((u) => estateOf(u) !== 'org-estate-01') as UserProfile;
export const pendingResident = (seed.users as UserProfile[]).find(
  (u) => u._id.startsWith('o-resident-') && u.binding === 'pending',
) as UserProfile;
export { headOf };

/**
 * A named photo the CALLER of the request uploads: the problem client swaps each `photo(name)` in
 * a request for a real upload by that caller under `problems/` (made once per caller and name, as
 * the app does through src/services/photo-upload.ts), because the function accepts only the
 * caller's own uploads. `env.api.fileOf(openid, name)` answers the fileID that went up.
 */
const PHOTO_TOKEN = 'test-photo:';
export const photo = (name: string) => `${PHOTO_TOKEN}${name}`;

let counter = 0;
export function reportInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    requestId: `pb-${Date.now().toString(36)}-${counter}`,
    categoryId: 'pc-clutter',
    description: '楼道里堆满了纸箱和旧家具，挡住了通道',
    photos: [photo(`before-${counter}`)],
    placeText: '2单元一楼',
    ...overrides,
  };
}

export function problemClient(cloud: TestCloud) {
  const uploads = new Map<string, Promise<string>>();
  const fileOf = (openid: string, name: string): Promise<string> => {
    const key = `${openid}\n${name}`;
    let file = uploads.get(key);
    if (!file) {
      file = uploadPhotoAs(cloud, openid, 'problems/test');
      uploads.set(key, file);
    }
    return file;
  };
  /** The request with every `photo(name)` replaced by the caller's real upload. */
  const withUploads = async (value: unknown, openid: string): Promise<unknown> => {
    if (typeof value === 'string') return value.startsWith(PHOTO_TOKEN) ? fileOf(openid, value.slice(PHOTO_TOKEN.length)) : value;
    if (Array.isArray(value)) return Promise.all(value.map((v) => withUploads(v, openid)));
    if (value && typeof value === 'object') {
      const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await withUploads(v, openid)] as const));
      return Object.fromEntries(entries);
    }
    return value;
  };
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const call = async (data: object, openid: string): Promise<any> =>
    (await cloud.call('problem', (await withUploads(data, openid)) as object, openid)).body.result;
  /** Sends an action and insists it worked. */
  const must = async (action: string, openid: string, data: object = {}) => {
    const res = await call({ action, ...data }, openid);
    if (!res.ok) throw new Error(`${action} by ${openid} failed: ${JSON.stringify(res)}`);
    return res.data;
  };
  return {
    call,
    must,
    fileOf,
    /** Files a new problem (no duplicate check) and answers its id. */
    async report(openid: string, overrides: Record<string, unknown> = {}): Promise<string> {
      const data = await must('report', openid, reportInput({ confirmNew: true, ...overrides }));
      if (!data.filed) throw new Error(`not filed: ${JSON.stringify(data)}`);
      return data.problemId as string;
    },
    transition: (problemId: string, event: string, openid: string, extra: object = {}) =>
      must('transition', openid, { problemId, event, ...extra }),
  };
}
