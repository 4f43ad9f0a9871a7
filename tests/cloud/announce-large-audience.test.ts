import { plannedRow } from '../../src/domain/shared/outbox';
import { withTestCloud } from '../support/local-cloud-harness';
import { announceClient, buildingsOf, confirmedIn, INSTITUTE, SUBDISTRICT_ID } from './announce-support';

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

/**
 * The planner reads a chunk's residents in groups of buildings sized by the residents per building
 * it has seen so far (one read each); a building far above that estimate still pages on, and every
 * confirmed resident gets exactly one feed row.
 */
describe('announcements: a building far above the residents per building seen so far', () => {
  const env = withTestCloud(announceClient);

  it('a late building with 2,500 residents is planned whole, once per resident', async () => {
    const now = Date.now();
    const BIG = 'bld-zz-big';
    env.cloud.store.insert('org_units', [
      {
        _id: BIG,
        kind: 'building',
        name: '99栋',
        parentId: 'org-estate-01',
        path: [SUBDISTRICT_ID, 'org-community-01', 'org-estate-01'],
        order: 99,
        buildingHeadOpenid: null,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    const people = Array.from({ length: 2_501 }, (_, i) => ({
      _id: `o-big-${String(i).padStart(4, '0')}`,
      nickname: '居民',
      roles: [{ role: 'resident', scopeId: BIG }],
      buildingId: BIG,
      room: `${i}室`,
      // One of them is still waiting for approval: not planned.
      binding: i === 2_500 ? 'pending' : 'confirmed',
      createdAt: now,
      updatedAt: now,
    }));
    env.cloud.store.insert('users', people);
    const all = [...buildingsOf(SUBDISTRICT_ID), BIG];
    // The big building sorts last: the chunks before it set the estimate (a few residents each).
    expect([...all].sort().at(-1)).toBe(BIG);

    const { id, published } = await env.api.publishNew(INSTITUTE);
    expect(published).toMatchObject({ state: 'published', buildings: all.length });
    const feed = env.api.rows(id, 'feed');
    const bigRows = feed.filter((r) => r.buildingId === BIG);
    expect(bigRows).toHaveLength(2_500);
    expect(new Set(bigRows.map((r) => r.recipient)).size).toBe(2_500);
    expect(bigRows.some((r) => r.recipient === 'o-big-2500')).toBe(false);
    // Each row is the outbox kit's new row, field for field, with the delivery's own fields.
    const [first] = bigRows;
    expect(Object.keys(first ?? {}).sort()).toEqual(
      [...Object.keys(plannedRow(0)), '_id', 'announcementId', 'channel', 'recipient', 'buildingId'].sort(),
    );
    expect(first).toMatchObject({ ...plannedRow(first?.createdAt ?? 0), announcementId: id, channel: 'feed', buildingId: BIG });
    expect(feed).toHaveLength(confirmedIn(buildingsOf(SUBDISTRICT_ID)).length + 2_500);
    expect(published.planned.feed).toBe(feed.length);
    expect(env.cloud.store.findById('announcement_targets', `${id}:${BIG}`)).toMatchObject({ residents: 2_500 });
  });
});
