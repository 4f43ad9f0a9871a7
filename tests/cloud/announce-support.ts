import { buildDemoSeed, SUBDISTRICT_ID } from '../../local-cloud/seed/demo-seed';
import type { DeliveryDoc } from '../../src/domain/announce/announce.types';
import type { TestCloud } from '../support/local-cloud-harness';

export const seed = buildDemoSeed();
export { SUBDISTRICT_ID };
export const INSTITUTE = 'o-institute-01';
/** Station staff of 和平社区 (org-community-01) and of 紫荆社区 (org-community-02). */
export const STATION_C1 = 'o-station-01';
export const STATION_C2 = 'o-station-03';

export const buildingsOf = (unitId: string) =>
  seed.org_units.filter((u) => u.kind === 'building' && (u._id === unitId || u.path.includes(unitId))).map((u) => u._id);
export const confirmedIn = (buildingIds: readonly string[]) =>
  seed.users.filter((u) => u.binding === 'confirmed' && u.buildingId && buildingIds.includes(u.buildingId));
export const robotGroupsIn = (buildingIds: readonly string[]) =>
  seed.wechat_groups.filter((g) => g.robotWebhookKey && buildingIds.includes(g.buildingId));

/** One building of community 1 whose group has a robot, and that robot's webhook key. */
export function robotBuilding(): { building: string; key: string } {
  const [group] = robotGroupsIn(['bld-0001', 'bld-0002', 'bld-0003', 'bld-0004', 'bld-0005', 'bld-0006', 'bld-0007', 'bld-0008']);
  return { building: group?.buildingId as string, key: group?.robotWebhookKey as string };
}

export const BODY = '各位居民：\n\n本周六上午开展**楼道清理**活动，请配合：\n\n- 清理楼道杂物\n- 不在楼道停放电瓶车\n\n谢谢大家！';

export function announceClient(cloud: TestCloud) {
  const call = async (data: object, openid: string) => (await cloud.call('announce', data, openid)).body.result;
  const must = async (data: object, openid: string) => {
    const r = await call(data, openid);
    if (!r?.ok) throw new Error(`announce ${JSON.stringify(data)} as ${openid} → ${JSON.stringify(r)}`);
    return r.data;
  };
  return {
    call,
    must,
    /** The local cloud's "now" (its clock may have been moved forward). */
    now: () => Date.now() + cloud.clock.offset,
    async publishNew(openid: string, fields: Record<string, unknown> = {}) {
      const { id } = await must(
        { action: 'create', title: '楼道清理通知', body: BODY, category: '温馨提示', targets: [SUBDISTRICT_ID], ...fields },
        openid,
      );
      const published = await must({ action: 'publish', id }, openid);
      return { id: id as string, published };
    },
    /**
     * Moves the local clock to 1 s past the start of a minute: robot sends skip the last seconds
     * of a minute (ROBOT_MINUTE_GUARD_MS), so a test asserting "all sent now" must not run there.
     */
    alignToMinuteStart() {
      const at = Date.now() + cloud.clock.offset;
      cloud.clock.advance(60_000 - (at % 60_000) + 1_000);
    },
    drain: () =>
      cloud.runtime.invoke('announce', { Type: 'Timer', TriggerName: 'drain' }, { source: 'timer' }) as Promise<{
        ok: boolean;
        data: Record<string, number>;
      }>,
    rows: (announcementId: string, channel?: string) =>
      cloud.store.find('announcement_deliveries', channel ? { announcementId, channel } : { announcementId }, {
        limit: 1_000_000,
      }) as unknown as DeliveryDoc[],
  };
}
