import type { UserProfile } from '../../src/domain/identity/role';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';
import { INSTITUTE, orderClient, residentsOf, STATION_C1, STATION_C2, teamById } from './order-support';

const [r1, r2, r3] = residentsOf('org-community-01') as [UserProfile, UserProfile, UserProfile];
const [c2] = residentsOf('org-community-02') as [UserProfile];
const leader02 = teamById.get('team-02')?.leaderOpenid as string;
const MIN = 60 * 1000;

describe('stats.overview: per station and per team, from a scripted set of orders', () => {
  let cloud: TestCloud;
  let api: ReturnType<typeof orderClient>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const stats = async (data: object, openid: string): Promise<any> =>
    (await cloud.call('stats', { action: 'overview', ...data }, openid)).body.result;

  beforeAll(async () => {
    cloud = await startTestCloud();
    api = orderClient(cloud);
    // Community 01: A (closed, rated 4, 1 h), B (taken), C (submitted). Community 02: D (submitted).
    const a = await api.place(r1._id);
    const b = await api.place(r2._id);
    await api.place(r3._id);
    await api.place(c2._id);
    for (const id of [a, b]) {
      await api.must(id, 'accept', STATION_C1);
      await api.must(id, 'dispatch', STATION_C1, { teamId: 'team-02' });
    }
    cloud.clock.advance(10 * MIN);
    await api.must(a, 'take', leader02); // 10 min to take
    cloud.clock.advance(20 * MIN);
    await api.must(b, 'take', leader02); // 30 min to take
    await api.mustAct('checkIn', a, leader02);
    cloud.clock.advance(60 * MIN);
    await api.mustAct('checkOut', a, leader02); // 1 h
    await api.call({ action: 'complete', orderId: a, summary: '完成' }, leader02); // 90 min after placing
    await api.call({ action: 'rate', orderId: a, stars: 4 }, r1._id);
  });
  afterAll(() => cloud?.dispose());

  it('the institute sees every station of its subdistrict', async () => {
    cloud.store.clearUnindexedScans();
    const res = await stats({}, INSTITUTE);
    expect(res.ok).toBe(true);
    expect(res.data.scope).toBe('station');
    const [c1g, c2g] = res.data.groups;
    expect(c1g).toMatchObject({
      id: 'org-community-01',
      name: expect.stringMatching(/社区$/),
      total: 3,
      byState: expect.objectContaining({ closed: 1, taken: 1, submitted: 1, accepted: 0 }),
      medianTakeMinutes: 20,
      medianCompleteMinutes: 90,
      hoursServed: 1,
      averageRating: 4,
      ratedCount: 1,
    });
    expect(c2g).toMatchObject({ id: 'org-community-02', total: 1, medianTakeMinutes: null, averageRating: null, hoursServed: 0 });
    expect(res.data.totals).toMatchObject({ total: 4, hoursServed: 1 });
    expect(cloud.store.unindexedScans()).toEqual([]);
  });

  it('a station sees its own community; by team, the teams that served it', async () => {
    const mine = await stats({ scope: 'station' }, STATION_C1);
    expect(mine.data.groups.map((g: { id: string }) => g.id)).toEqual(['org-community-01']);
    const other = await stats({}, STATION_C2);
    expect(other.data.groups.map((g: { id: string; total: number }) => [g.id, g.total])).toEqual([['org-community-02', 1]]);
    const teams = await stats({ scope: 'team' }, STATION_C1);
    expect(teams.data.groups).toEqual([expect.objectContaining({ id: 'team-02', name: '豆花帮帮团', total: 2, medianTakeMinutes: 20 })]);
  });

  it('a leader sees their own team only; others are refused', async () => {
    cloud.store.clearUnindexedScans();
    const own = await stats({}, leader02);
    expect(own).toMatchObject({ ok: true, data: { scope: 'team' } });
    expect(own.data.groups).toEqual([
      expect.objectContaining({
        id: 'team-02',
        total: 2,
        byState: expect.objectContaining({ closed: 1, taken: 1 }),
        hoursServed: 1,
        averageRating: 4,
      }),
    ]);
    expect(cloud.store.unindexedScans()).toEqual([]);
    expect(await stats({ teamId: 'team-04' }, leader02)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await stats({ scope: 'station' }, leader02)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await stats({}, r1._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await stats({ scope: 'city' }, INSTITUTE)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });
});
