import { withTestCloud } from '../support/local-cloud-harness';
import { announceClient, BODY, buildingsOf, confirmedIn, INSTITUTE, SUBDISTRICT_ID } from './announce-support';

/**
 * Planning that does not fit in the publish call goes on at once (server/announce/compose.ts
 * handOn: the function publishes the `publishing` announcement again in a fresh invocation),
 * not at the next minute tick. Here the first call's planning is cut short by hand.
 */
describe('announcements: planning hands on without the timer', () => {
  const env = withTestCloud(announceClient);

  it('a publishing announcement is planned on by the next publish, under the planning lease, with no timer run', async () => {
    const all = buildingsOf(SUBDISTRICT_ID);
    const { id } = await env.api.must(
      { action: 'create', title: '楼道清理通知', body: BODY, category: '温馨提示', targets: [SUBDISTRICT_ID] },
      INSTITUTE,
    );
    const now = env.api.now();
    // As a publish whose planning stopped after 16 buildings would leave it, while another planner holds the lease.
    env.cloud.store.updateMany(
      'announcements',
      { _id: id },
      {
        $set: {
          state: 'publishing',
          buildingIds: [...all].sort(),
          publishedAt: now,
          planCursor: 16,
          planLeaseUntil: now + 60_000,
          planToken: 'live-planner',
          updatedAt: now,
        },
      },
    );
    // A live planner keeps its work: nothing is planned twice, and nothing is handed on.
    expect(await env.api.must({ action: 'publish', id }, INSTITUTE)).toMatchObject({ state: 'publishing' });
    expect(env.cloud.store.count('announcement_deliveries', { announcementId: id })).toBe(0);

    // Its lease lapsed (the planner died): the next publish plans on from the cursor, at once.
    env.cloud.store.updateMany('announcements', { _id: id }, { $set: { planLeaseUntil: 0, planToken: null } });
    const runsBefore = env.cloud.timers.history.length;
    const answer = await env.api.must({ action: 'publish', id }, INSTITUTE);
    expect(answer).toMatchObject({ id, state: 'published', buildings: 60 });
    const planned = env.cloud.store.find('announcement_targets', { announcementId: id }).map((t) => t.buildingId);
    expect(new Set(planned)).toEqual(new Set([...all].sort().slice(16)));
    expect(env.cloud.store.count('announcement_deliveries', { announcementId: id, channel: 'feed' })).toBe(
      confirmedIn([...all].sort().slice(16)).length,
    );
    expect(env.cloud.timers.history.length).toBe(runsBefore);
  });
});
