import { withTestCloud } from '../support/local-cloud-harness';
import { announceClient, confirmedIn, STATION_C1 } from './announce-support';

/**
 * Issue #17: on WeChat Cloud every database request is a round trip that counts against the
 * quota. Each grid action stays within 6 requests (the aim is 4) on the local seed, counted as
 * the local cloud counts them (`requestCounts`: every database.* call the function makes).
 */
const BUDGET = 6;
const HEAD = 'o-head-0002'; // 楼栋长 of bld-0002
const BUILDING = 'bld-0002';
const LEADER_C1 = 'o-leader-02'; // a volunteer team serving 和平社区

describe('grid: database requests per action stay within the budget of issue #17', () => {
  const env = withTestCloud(announceClient);
  const measured: Record<string, number> = {};
  let seq = 0;
  const rid = () => `budget-${Date.now().toString(36)}-${++seq}`;

  const dbRequests = () => [...env.cloud.requestCounts].reduce((n, [action, c]) => (action.startsWith('database.') ? n + c : n), 0);
  /** Runs one call and answers its data and the database requests it made. */
  async function counted(name: string, fn: string, data: object, openid: string) {
    const before = dbRequests();
    const res = (await env.cloud.call(fn, data, openid)).body.result;
    const requests = dbRequests() - before;
    if (!res?.ok) throw new Error(`${fn} ${JSON.stringify(data)} as ${openid} → ${JSON.stringify(res)}`);
    measured[name] = Math.max(measured[name] ?? 0, requests);
    return { data: res.data, requests };
  }
  /** The actions measured so far that went over the budget, with their counts (all of them, so a failure shows every number). */
  const over = (names: readonly string[]) =>
    Object.fromEntries(names.filter((n) => (measured[n] ?? 0) > BUDGET).map((n) => [n, measured[n]]));
  afterAll(() => {
    console.log(`grid database requests per action: ${JSON.stringify(measured)}`);
  });

  let announcementId = '';
  const room = () => [...new Set(confirmedIn([BUILDING]).map((u) => u.room as string))].sort()[0] as string;

  beforeAll(async () => {
    announcementId = (await env.api.publishNew(STATION_C1, { targets: ['org-community-01'] })).id;
    // A resident of the building reads it in the app: the awareness walks its readers.
    await env.api.must({ action: 'detail', id: announcementId }, confirmedIn([BUILDING])[0]?._id as string);
  });

  it('knock: a first knock, its retry and a knock for an announcement each within the budget', async () => {
    const first = await counted(
      'knock',
      'grid',
      { action: 'knock', requestId: rid(), buildingId: BUILDING, room: room(), result: 'reached' },
      HEAD,
    );
    expect(first.data.households.find((h: { room: string }) => h.room === room())).toMatchObject({ latest: 'reached', visits: 1 });

    const again = { action: 'knock', requestId: rid(), buildingId: BUILDING, room: room(), result: 'not_home', announcementId };
    await counted('knock (announcement)', 'grid', again, HEAD);
    const retry = await counted('knock (retry)', 'grid', again, HEAD);
    expect(retry.data.households.find((h: { room: string }) => h.room === room())).toMatchObject({ latest: 'not_home', visits: 2 });

    const volunteer = await counted(
      'knock (volunteer)',
      'grid',
      { action: 'knock', requestId: rid(), buildingId: BUILDING, room: '9单元901', result: 'not_home' },
      LEADER_C1,
    );
    expect(volunteer.data.households.find((h: { room: string }) => h.room === '9单元901')).toMatchObject({ latest: 'not_home' });
    expect(over(['knock', 'knock (announcement)', 'knock (retry)', 'knock (volunteer)'])).toEqual({});
  });

  it("one building's doors, with and without an announcement, for the building head and a volunteer", async () => {
    for (const [name, data, openid] of [
      ['doors', { action: 'knockBuilding', buildingId: BUILDING }, HEAD],
      ['doors (announcement)', { action: 'knockBuilding', buildingId: BUILDING, announcementId }, HEAD],
      ['doors (volunteer)', { action: 'knockBuilding', buildingId: BUILDING }, LEADER_C1],
    ] as const) {
      const { data: view } = await counted(name, 'grid', data, openid);
      expect(view.buildingId).toBe(BUILDING);
    }
    expect(over(['doors', 'doors (announcement)', 'doors (volunteer)'])).toEqual({});
  });

  it('saving the patrol log and listing the buildings with 入户率', async () => {
    const saved = await counted('savePatrol', 'grid', { action: 'savePatrol', buildingIds: [BUILDING], note: '巡查' }, HEAD);
    expect(saved.data.log).toMatchObject({ buildingIds: [BUILDING], note: '巡查' });
    await counted('patrolToday', 'grid', { action: 'patrolToday' }, HEAD);
    const byStaff = await counted('savePatrol (staff)', 'grid', { action: 'savePatrol', buildingIds: [BUILDING] }, STATION_C1);
    expect(byStaff.data.buildings.length).toBeGreaterThan(1);
    await counted('patrolToday (staff)', 'grid', { action: 'patrolToday' }, STATION_C1);

    for (const [name, openid] of [
      ['buildings (head)', HEAD],
      ['buildings (staff)', STATION_C1],
      ['buildings (volunteer)', LEADER_C1],
    ] as const) {
      const { data: home } = await counted(name, 'grid', { action: 'knockHome' }, openid);
      expect(home.buildings.length).toBeGreaterThan(0);
    }
    expect(
      over([
        'savePatrol',
        'patrolToday',
        'savePatrol (staff)',
        'patrolToday (staff)',
        'buildings (head)',
        'buildings (staff)',
        'buildings (volunteer)',
      ]),
    ).toEqual({});
  });

  it("an announcement's awareness with households", async () => {
    const { data } = await counted('awareness', 'announce', { action: 'awareness', id: announcementId }, STATION_C1);
    expect(data.households.buildings[BUILDING]).toMatchObject({ door: 0 });
    expect(data.households.buildings[BUILDING].households).toBeGreaterThan(0);
    expect(over(['awareness'])).toEqual({});
  });

  it('on average they stay at 5 or fewer (the issue aims at 4)', () => {
    const values = Object.values(measured);
    expect(values.length).toBeGreaterThanOrEqual(15);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeLessThanOrEqual(5);
  });
});
