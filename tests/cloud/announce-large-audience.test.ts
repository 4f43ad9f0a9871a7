import { withTestCloud } from '../support/local-cloud-harness';
import { announceClient, buildingsOf, INSTITUTE, SUBDISTRICT_ID } from './announce-support';

/** A subdistrict with more buildings than one database read answers (1000): every one is targeted (桂溪 has 1,030). */
describe('announcements: an audience beyond one read page', () => {
  const env = withTestCloud(announceClient);

  it('publishing to a subdistrict of 1,060 buildings plans all of them', async () => {
    const extra = Array.from({ length: 1000 }, (_, i) => ({
      _id: `bld-x${String(i).padStart(4, '0')}`,
      kind: 'building',
      name: `${i + 100}栋`,
      parentId: 'org-estate-01',
      path: [SUBDISTRICT_ID, 'org-community-01', 'org-estate-01'],
      order: 1,
      buildingHeadOpenid: null,
      createdAt: Date.now(),
      updatedAt: Date.now(),
    }));
    env.cloud.store.insert('org_units', extra);
    const { published } = await env.api.publishNew(INSTITUTE);
    expect(published).toMatchObject({ buildings: buildingsOf(SUBDISTRICT_ID).length + extra.length });
  });
});
