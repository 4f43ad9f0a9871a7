import type { UserProfile } from '../../src/domain/identity/role';
import { type TestCloud, withTestCloud } from '../support/local-cloud-harness';
import { announceClient, confirmedIn, STATION_C1, STATION_C2, seed } from './announce-support';
import { problemClient } from './problem-support';

/** 巡查日志 and 敲门行动 through the local cloud and the real SDK, switching identities. */
const HEAD = 'o-head-0002'; // 楼栋长 of bld-0002 only (no team)
const BUILDING = 'bld-0002';
const OTHER_BUILDING = 'bld-0001';
const RESIDENT = 'o-resident-0001';
const LEADER_C1 = 'o-leader-02'; // team-02 serves 和平社区 and 紫荆社区
const DAY = 24 * 3600_000;

function gridClient(cloud: TestCloud) {
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const call = async (data: object, openid: string): Promise<any> => (await cloud.call('grid', data, openid)).body.result;
  const must = async (data: object, openid: string) => {
    const r = await call(data, openid);
    if (!r?.ok) throw new Error(`grid ${JSON.stringify(data)} as ${openid} → ${JSON.stringify(r)}`);
    return r.data;
  };
  return { call, must, announce: announceClient(cloud), problem: problemClient(cloud) };
}

let seq = 0;
const rid = () => `knock-test-${Date.now().toString(36)}-${++seq}`;

describe('巡查日志: one log per person per day, in scope; staff see who patrolled where', () => {
  const env = withTestCloud(gridClient);

  it('a building head logs today in their building, saving again edits the same log; counts default to what they reported', async () => {
    env.cloud.store.clearUnindexedScans();
    const empty = await env.api.must({ action: 'patrolToday' }, HEAD);
    expect(empty.log).toBeNull();
    expect(empty.buildings.map((b: { id: string }) => b.id)).toEqual([BUILDING]);
    expect(empty.reported.found).toBe(0);

    const problemId = await env.api.problem.report(HEAD, { placeId: BUILDING });
    const first = await env.api.must({ action: 'savePatrol', buildingIds: [BUILDING], note: '上午巡查，楼道有堆物' }, HEAD);
    expect(first.log).toMatchObject({
      day: first.day,
      buildingIds: [BUILDING],
      buildingNames: ['2栋'],
      problemsFound: 1,
      problemsFixed: 0,
    });
    expect(first.reported.problems.map((p: { problemId: string }) => p.problemId)).toEqual([problemId]);

    const edited = await env.api.must(
      { action: 'savePatrol', buildingIds: [BUILDING], problemsFound: 3, problemsFixed: 2, note: '下午复查' },
      HEAD,
    );
    expect(edited.log).toMatchObject({ problemsFound: 3, problemsFixed: 2, note: '下午复查' });
    expect(env.cloud.store.find('patrol_logs', { openid: HEAD })).toHaveLength(1);

    // Fixed more than found is clipped; the next day is a new log and yesterday's stays as it was.
    env.cloud.clock.advance(DAY);
    const next = await env.api.must({ action: 'savePatrol', buildingIds: [BUILDING], problemsFound: 1, problemsFixed: 5 }, HEAD);
    expect(next.day).not.toBe(first.day);
    expect(next.log).toMatchObject({ problemsFound: 1, problemsFixed: 1 });
    expect(next.recent).toEqual([expect.objectContaining({ day: first.day, problemsFound: 3, note: '下午复查' })]);
    expect(env.cloud.store.find('patrol_logs', { openid: HEAD })).toHaveLength(2);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('refuses buildings outside the scope, residents, and mixed communities', async () => {
    expect(await env.api.call({ action: 'savePatrol', buildingIds: [OTHER_BUILDING] }, HEAD)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await env.api.call({ action: 'patrolToday' }, RESIDENT)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await env.api.call({ action: 'savePatrol', buildingIds: [] }, HEAD)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const c2Building = seed.org_units.find((u) => u.kind === 'building' && u.path.includes('org-community-02'))?._id as string;
    // The institute may walk anywhere, but one log is one community.
    expect(await env.api.call({ action: 'savePatrol', buildingIds: [BUILDING, c2Building] }, 'o-institute-01')).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await env.api.call({ action: 'patrols' }, HEAD)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('staff list the logs of their area by period and person, with per-building coverage', async () => {
    const station = await env.api.must({ action: 'patrols' }, STATION_C1);
    expect(station.logs.filter((l: { openid: string }) => l.openid === HEAD)).toHaveLength(2);
    expect(station.workers).toEqual([expect.objectContaining({ openid: HEAD, days: 2, roleLabel: '楼栋长' })]);
    const covered = station.coverage.find((c: { buildingId: string }) => c.buildingId === BUILDING);
    expect(covered).toMatchObject({ days: 2, people: 1, lastDay: station.to, name: '2栋' });
    expect(station.totals).toMatchObject({ logs: 2, workers: 1, walked: 1 });
    expect(station.totals.buildings).toBeGreaterThan(1);
    // Only yesterday: one log; another community's station sees none of it.
    const yesterday = await env.api.must(
      { action: 'patrols', from: station.logs[1].day, to: station.logs[1].day, openid: HEAD },
      STATION_C1,
    );
    expect(yesterday.logs).toHaveLength(1);
    expect((await env.api.must({ action: 'patrols' }, STATION_C2)).logs).toEqual([]);
    // The last N days up to the server's today (the clock was moved a day on).
    const today = await env.api.must({ action: 'patrols', days: 1 }, STATION_C1);
    expect(today).toMatchObject({ from: station.to, to: station.to });
    expect(today.logs.map((l: { day: string }) => l.day)).toEqual([station.to]);
    // The institute sees the whole subdistrict.
    expect((await env.api.must({ action: 'patrols' }, 'o-institute-01')).logs).toHaveLength(2);
    expect(await env.api.call({ action: 'patrols', from: '2026-01-01', to: '2026-03-01' }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });
});

describe('敲门行动: visits per household, 入户率, awareness by household, opinion → 问题上报', () => {
  const env = withTestCloud(gridClient);
  const residents = confirmedIn([BUILDING]) as UserProfile[];
  const rooms = [...new Set(residents.map((u) => u.room as string))].sort();

  it('a building head cannot knock outside their building; staff and volunteers only in their area', async () => {
    const knock = { action: 'knock', buildingId: OTHER_BUILDING, room: '1单元101', result: 'reached' };
    expect(await env.api.call({ ...knock, requestId: rid() }, HEAD)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call({ action: 'knockBuilding', buildingId: OTHER_BUILDING }, HEAD)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await env.api.call({ ...knock, requestId: rid() }, STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call({ ...knock, requestId: rid() }, RESIDENT)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const c3Building = seed.org_units.find((u) => u.kind === 'building' && u.path.includes('org-community-03'))?._id as string;
    expect(await env.api.call({ ...knock, buildingId: c3Building, requestId: rid() }, LEADER_C1)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await env.api.call({ ...knock, result: 'maybe', requestId: rid() }, HEAD)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    // A volunteer of a team serving 和平社区 may knock there.
    const byVolunteer = await env.api.must({ ...knock, requestId: rid() }, LEADER_C1);
    expect(byVolunteer.visits[0]).toMatchObject({ room: '1单元101', result: 'reached', resultLabel: '在家已宣传' });
    // The volunteer sees the doors, not who lives behind them; the building head sees masked names.
    const asVolunteer = await env.api.must({ action: 'knockBuilding', buildingId: BUILDING }, LEADER_C1);
    expect(asVolunteer.households.length).toBeGreaterThan(0);
    expect(asVolunteer.households.flatMap((h: { names: string[] }) => h.names)).toEqual([]);
    expect(asVolunteer.showsNames).toBe(false);
    const asHead = await env.api.must({ action: 'knockBuilding', buildingId: BUILDING }, HEAD);
    expect(asHead.households.flatMap((h: { names: string[] }) => h.names)).toEqual(
      expect.arrayContaining(residents.map((u) => u.displayName)),
    );
    const home = await env.api.must({ action: 'knockHome' }, HEAD);
    expect(home.buildings.map((b: { id: string }) => b.id)).toEqual([BUILDING]);
  });

  it('knocks count towards 入户率 by the latest result, retries are one visit, and an announcement shows reads and door reach apart and together', async () => {
    env.cloud.store.clearUnindexedScans();
    expect(rooms.length).toBeGreaterThanOrEqual(2);
    const { id } = await env.api.announce.publishNew(STATION_C1, { targets: ['org-community-01'] });
    // The resident of the first room reads it in the app.
    const reader = residents.find((u) => u.room === rooms[0]) as UserProfile;
    await env.api.announce.must({ action: 'detail', id }, reader._id);

    const knock = (room: string, result: string, extra: object = {}) =>
      env.api.must({ action: 'knock', requestId: rid(), buildingId: BUILDING, room, result, announcementId: id, ...extra }, HEAD);
    await knock(rooms[0] as string, 'reached'); // read and told
    const retry = { action: 'knock', requestId: rid(), buildingId: BUILDING, room: rooms[1], result: 'reached', announcementId: id };
    await env.api.must(retry, HEAD);
    const again = await env.api.must(retry, HEAD); // the same request twice: one visit
    await knock('9单元901', 'reached'); // a family that never bound the app
    const view = await knock('9单元902', 'refused');

    expect(env.cloud.store.find('knock_visits', { buildingId: BUILDING, room: rooms[1] })).toHaveLength(1);
    expect(again.households.find((h: { room: string }) => h.room === rooms[1])).toMatchObject({ latest: 'reached', visits: 1 });
    const households = rooms.length + 2;
    expect(view.reach).toEqual({ households, reached: 3, visited: 4, rate: Math.round((3 / households) * 10_000) / 10_000 });
    expect(view.announcement.awareness).toMatchObject({ households, read: 1, door: 3, either: 3 });
    expect(view.households.find((h: { room: string }) => h.room === rooms[0])).toMatchObject({ readInApp: true, toldAtDoor: true });

    // Awareness: residents' reads unchanged, households split read / door / either.
    const aware = await env.api.announce.must({ action: 'awareness', id }, STATION_C1);
    const readersHere = aware.communities
      .flatMap((c: { estates: { buildings: { id: string; readers: number }[] }[] }) => c.estates)
      .flatMap((e: { buildings: { id: string; readers: number }[] }) => e.buildings)
      .find((b: { id: string }) => b.id === BUILDING);
    expect(readersHere.readers).toBe(1);
    expect(aware.households.buildings[BUILDING]).toMatchObject({ households, read: 1, door: 3, either: 3 });
    // The volunteer's visit next door explained no announcement: it is no door reach for this one.
    expect(aware.households).toMatchObject({ read: 1, door: 3, either: 3 });
    // A later visit finds room 2 not at home: the latest result changes (入户率 drops), the history stays, and being told stays told.
    const later = await knock(rooms[1] as string, 'not_home');
    expect(later.households.find((h: { room: string }) => h.room === rooms[1])).toMatchObject({ latest: 'not_home', visits: 2 });
    expect(later.reach.reached).toBe(2);
    expect(later.announcement.awareness).toMatchObject({ door: 3, either: 3 });
    expect(env.cloud.store.find('knock_visits', { buildingId: BUILDING, room: rooms[1] })).toHaveLength(2);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('an opinion becomes a problem report in one call, once', async () => {
    const view = await env.api.must(
      {
        action: 'knock',
        requestId: rid(),
        buildingId: BUILDING,
        room: rooms[0],
        result: 'reached',
        opinion: '楼道里的灯坏了好几天，晚上很黑',
      },
      HEAD,
    );
    const visit = view.visits[0];
    expect(visit).toMatchObject({ opinion: '楼道里的灯坏了好几天，晚上很黑', problemId: null });
    expect(view.categories.length).toBeGreaterThan(0);
    const photo = await env.api.problem.fileOf(HEAD, 'knock-light');
    const made = await env.api.must(
      { action: 'opinionToProblem', visitId: visit.visitId, categoryId: 'pc-facility', photos: [photo] },
      HEAD,
    );
    expect(made.building.visits.find((v: { visitId: string }) => v.visitId === visit.visitId).problemId).toBe(made.problemId);
    const problem = await env.api.problem.must('detail', HEAD, { problemId: made.problemId });
    expect(problem.problem).toMatchObject({ state: 'reported', description: '楼道里的灯坏了好几天，晚上很黑' });
    expect(problem.problem.placeLabel).toContain(rooms[0]);
    const twice = await env.api.must(
      { action: 'opinionToProblem', visitId: visit.visitId, categoryId: 'pc-facility', photos: [photo] },
      HEAD,
    );
    expect(twice.problemId).toBe(made.problemId);
    expect(env.cloud.store.find('problems', { reporterOpenid: HEAD, description: '楼道里的灯坏了好几天，晚上很黑' })).toHaveLength(1);
    // Someone outside the building cannot turn it into a report.
    expect(
      await env.api.call({ action: 'opinionToProblem', visitId: visit.visitId, categoryId: 'pc-facility', photos: [photo] }, STATION_C2),
    ).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
  });
});
