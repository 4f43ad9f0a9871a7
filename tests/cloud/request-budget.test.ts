import { withTestCloud } from '../support/local-cloud-harness';
import { announceClient, BODY, confirmedIn, INSTITUTE, STATION_C1, seed } from './announce-support';

/**
 * Issue #17: on WeChat Cloud every database request is a round trip that counts against the
 * quota. Every action of `team` and `identity`, and the announcement actions people use daily,
 * stay within 6 requests each and 4 on average per function on the local seed, counted as the
 * local cloud counts them (`requestCounts`: every database.* call the function makes).
 */
const BUDGET = 6;
const MEAN_BUDGET = 4;
/**
 * Rows allowed more than BUDGET, at their measured count: not brought down yet (see the note on
 * issue 17). Lowering one is welcome; raising one is a regression.
 */
const OVER: Record<string, number> = {
  // over budget: see issue 17 note — the request, the team and the member's grant change in one
  // transaction (start, 2 reads, 3 writes, commit = 7) after one read of the request with its team
  // and the caller and one of an older team's area; the 队伍详情 after it is 2 more.
  'team.decideJoin': 11,
  // over budget: see issue 17 note — the team and both people's grants change in one transaction
  // (start, 1 read, 3 writes, commit = 6) after one read of the team with the caller; 队伍详情 after it is 1 more.
  'team.transferLeadership': 8,
  // over budget: see issue 17 note — publishing is a fan-out: the announcement with its units and the
  // caller, the compare-and-set to 发布中, the planning lease, a chunk's units, residents, groups and
  // grants (4), its deliveries and targets (2), the cursor step, 已发布 and the answer read back; a
  // larger audience adds 7 per 32 buildings, in hand-ons.
  'announce.publish (one building)': 12,
};
/** Functions whose mean is allowed above MEAN_BUDGET, at its measured value. */
const MEAN_OVER: Partial<Record<'team' | 'identity' | 'announce', number>> = {};

const RESIDENT = 'o-resident-0001';
const HEAD = 'o-head-0002'; // 楼栋长 of bld-0002 (和平社区)
const BUILDING = 'bld-0002';
const VOLUNTEER = 'o-volunteer-0001'; // member of team-01
const LEADER = 'o-leader-02'; // leads team-02
const TEAM = 'team-02';
const UNIT = 'o-unit-01';
const pending = seed.users.filter((u) => u.binding === 'pending').map((u) => u._id as string);

type Fn = 'team' | 'identity' | 'announce';

describe('team, identity and announce: database requests per action stay within the budget of issue #17', () => {
  const env = withTestCloud(announceClient);
  const measured: Record<Fn, Record<string, number>> = { team: {}, identity: {}, announce: {} };
  let seq = 0;
  const rid = () => `budget-${Date.now().toString(36)}-${++seq}`;

  const dbRequests = () => [...env.cloud.requestCounts].reduce((n, [action, c]) => (action.startsWith('database.') ? n + c : n), 0);
  /** Runs one call as `openid`, fails unless it succeeded, records the database requests it made under `fn` / `name`. */
  async function counted(fn: Fn, name: string, data: { action: string; [field: string]: unknown }, openid: string) {
    const before = dbRequests();
    const res = (await env.cloud.call(fn, data, openid)).body.result;
    const requests = dbRequests() - before;
    if (!res?.ok) throw new Error(`${fn} ${JSON.stringify(data)} as ${openid} → ${JSON.stringify(res)}`);
    measured[fn][name] = Math.max(measured[fn][name] ?? 0, requests);
    // biome-ignore lint/suspicious/noExplicitAny: the answers are checked field by field below
    return res.data as any;
  }
  const budgetOf = (fn: Fn, name: string) => OVER[`${fn}.${name}`] ?? BUDGET;
  const meanBudgetOf = (fn: Fn) => MEAN_OVER[fn] ?? MEAN_BUDGET;
  /** The rows of `fn` over their budget, with their counts (all of them, so a failure shows every number). */
  const over = (fn: Fn) => Object.fromEntries(Object.entries(measured[fn]).filter(([name, n]) => n > budgetOf(fn, name)));
  const mean = (fn: Fn) => {
    const values = Object.values(measured[fn]);
    return values.reduce((a, b) => a + b, 0) / values.length;
  };

  afterAll(() => {
    const lines = ['| function | action | requests | budget |', '|---|---|---:|---:|'];
    for (const fn of Object.keys(measured) as Fn[]) {
      for (const [name, n] of Object.entries(measured[fn])) lines.push(`| ${fn} | ${name} | ${n} | ${budgetOf(fn, name)} |`);
      if (Object.keys(measured[fn]).length > 0) lines.push(`| ${fn} | **mean** | ${mean(fn).toFixed(2)} | ${meanBudgetOf(fn)} |`);
    }
    console.log(`database requests per action (issue #17):\n${lines.join('\n')}`);
  });

  describe('team', () => {
    beforeAll(() => env.cloud.store.clearUnindexedScans());
    const NEWCOMER = 'o-budget-volunteer';
    const registration = {
      action: 'registerVolunteer',
      realName: '预算测',
      phone: '13900001111',
      skills: ['陪伴聊天'],
      availability: '周末',
      communityId: 'org-community-01',
    };

    it('registration and its approval', async () => {
      expect(await counted('team', 'registration', { action: 'registration' }, NEWCOMER)).toMatchObject({ volunteer: { status: 'none' } });
      expect(await counted('team', 'registerVolunteer', registration, NEWCOMER)).toMatchObject({ status: 'pending' });
      expect(await counted('team', 'registerVolunteer (again)', registration, NEWCOMER)).toMatchObject({ status: 'pending' });
      expect(await counted('team', 'myVolunteer', { action: 'myVolunteer' }, NEWCOMER)).toMatchObject({ status: 'pending' });
      expect((await counted('team', 'listCommunities', { action: 'listCommunities' }, NEWCOMER)).length).toBeGreaterThan(0);
      const apps = await counted('team', 'listVolunteerApplications', { action: 'listVolunteerApplications' }, STATION_C1);
      expect(apps.map((a: { openid: string }) => a.openid)).toContain(NEWCOMER);
      expect(await counted('team', 'decideVolunteer', { action: 'decideVolunteer', openid: NEWCOMER, approve: true }, STATION_C1)).toEqual({
        openid: NEWCOMER,
        status: 'approved',
      });
      expect(await counted('team', 'registration (approved)', { action: 'registration' }, NEWCOMER)).toMatchObject({
        volunteer: { status: 'approved' },
      });
      expect(over('team')).toEqual({});
    });

    it('the team screens, for a member, a leader, an outsider and the institute', async () => {
      expect((await counted('team', 'listTeams', { action: 'listTeams' }, VOLUNTEER)).length).toBe(5);
      expect((await counted('team', 'teams', { action: 'teams' }, VOLUNTEER)).teams.length).toBe(5);
      expect(await counted('team', 'teamDetail', { action: 'teamDetail', teamId: TEAM }, VOLUNTEER)).toMatchObject({ myRelation: 'none' });
      expect(await counted('team', 'teamPage (outsider)', { action: 'teamPage', teamId: TEAM }, VOLUNTEER)).toMatchObject({
        team: { myRelation: 'none' },
        requests: null,
        volunteer: { status: 'approved' },
      });
      expect(await counted('team', 'teamPage (leader)', { action: 'teamPage', teamId: TEAM }, LEADER)).toMatchObject({
        team: { myRelation: 'leader', canManage: true },
        volunteer: null,
      });
      expect(await counted('team', 'teamPage (institute)', { action: 'teamPage', teamId: TEAM }, INSTITUTE)).toMatchObject({
        team: { canManage: true },
      });
      expect(await counted('team', 'manageTeams', { action: 'manageTeams' }, INSTITUTE)).toMatchObject({ canCreate: true });
      expect(await counted('team', 'manageTeams (leader)', { action: 'manageTeams' }, LEADER)).toMatchObject({ canCreate: false });
      const setup = await counted('team', 'createTeamSetup', { action: 'createTeamSetup' }, INSTITUTE);
      expect(setup.roots.length).toBeGreaterThan(0);
      expect(setup.candidates.length).toBeGreaterThan(0);
      expect((await counted('team', 'listLeaderCandidates', { action: 'listLeaderCandidates' }, INSTITUTE)).length).toBeGreaterThan(0);
      expect(over('team')).toEqual({});
    });

    it('joining, deciding, leaving, handing over and creating a team', async () => {
      const asked = await counted(
        'team',
        'requestJoin',
        { action: 'requestJoin', teamId: TEAM, note: '想加入', view: 'teamPage' },
        VOLUNTEER,
      );
      expect(asked).toMatchObject({ status: 'open', teamPage: { team: { myRelation: 'requested' } } });
      expect(await counted('team', 'requestJoin (again)', { action: 'requestJoin', teamId: TEAM }, VOLUNTEER)).toMatchObject({
        requestId: asked.requestId,
      });
      expect(await counted('team', 'myJoinRequests', { action: 'myJoinRequests' }, VOLUNTEER)).toEqual([
        expect.objectContaining({ requestId: asked.requestId }),
      ]);
      const rows = await counted('team', 'listJoinRequests', { action: 'listJoinRequests', teamId: TEAM }, LEADER);
      expect(rows.map((r: { requestId: string }) => r.requestId)).toEqual([asked.requestId]);
      const decided = await counted(
        'team',
        'decideJoin',
        { action: 'decideJoin', requestId: asked.requestId, approve: true, view: 'teamPage' },
        LEADER,
      );
      expect(decided).toMatchObject({ status: 'approved', teamPage: { requests: [] } });
      expect(decided.teamPage.team.members.map((m: { openid: string }) => m.openid)).toContain(VOLUNTEER);

      const left = await counted('team', 'leaveTeam', { action: 'leaveTeam', teamId: TEAM, view: 'teams' }, VOLUNTEER);
      expect(left).toMatchObject({ left: true });
      expect(left.teams.teams.find((t: { teamId: string }) => t.teamId === TEAM)).toMatchObject({ myRelation: 'none' });

      const handed = await counted(
        'team',
        'transferLeadership',
        { action: 'transferLeadership', teamId: TEAM, toOpenid: 'o-volunteer-0004', view: 'teamPage' },
        LEADER,
      );
      expect(handed).toMatchObject({ leaderOpenid: 'o-volunteer-0004', teamPage: { team: { myRelation: 'member' } } });

      const made = await counted(
        'team',
        'createTeam',
        {
          action: 'createTeam',
          name: '预算服务队',
          intro: '',
          leaderOpenid: 'o-budget-volunteer',
          skills: ['陪伴聊天'],
          serviceArea: ['org-community-01'],
          requestId: rid(),
          view: 'manageTeams',
        },
        INSTITUTE,
      );
      expect(made).toMatchObject({ name: '预算服务队', manageTeams: { canCreate: true } });
      expect(made.manageTeams.teams).toHaveLength(6);
      expect(over('team')).toEqual({});
    });

    it(`on average they stay at ${MEAN_BUDGET} or fewer`, () => {
      expect(Object.keys(measured.team).length).toBeGreaterThanOrEqual(25);
      // Folding reads into aggregates must not trade requests for scans: every read uses an index.
      expect(env.cloud.store.unindexedScans()).toEqual([]);
      expect(mean('team')).toBeLessThanOrEqual(meanBudgetOf('team'));
    });
  });

  describe('identity', () => {
    beforeAll(() => env.cloud.store.clearUnindexedScans());
    it('who the caller is, 首页 of every role, 我的, 绑定楼栋, 代点单', async () => {
      expect(await counted('identity', 'whoami', { action: 'whoami' }, RESIDENT)).toMatchObject({ registered: true });
      const leader = await counted('identity', 'whoami (leader)', { action: 'whoami' }, 'o-leader-01');
      // The scope names come with the caller's record (teams, org units, handling units).
      expect(leader.roles).toContainEqual(expect.objectContaining({ role: 'team_leader', scopeId: 'team-01', scopeName: '银龄之声' }));
      const unit = await counted('identity', 'whoami (unit)', { action: 'whoami' }, UNIT);
      expect(unit.roles[0].scopeName).not.toBe('');
      expect(await counted('identity', 'uploadKey', { action: 'uploadKey' }, RESIDENT)).toHaveProperty('uploadKey');
      for (const [name, openid, kind] of [
        ['home (resident)', RESIDENT, 'resident'],
        ['home (building head)', HEAD, 'building_head'],
        ['home (volunteer)', VOLUNTEER, 'volunteer'],
        ['home (leader)', 'o-leader-01', 'leader'],
        ['home (station)', STATION_C1, 'staff'],
        ['home (institute)', INSTITUTE, 'staff'],
        ['home (unit)', UNIT, 'consoles'],
        ['home (stranger)', 'o-budget-stranger', 'resident'],
      ] as const) {
        expect((await counted('identity', name, { action: 'home' }, openid)).home).toMatchObject({ kind });
      }
      expect(await counted('identity', 'myBinding', { action: 'myBinding' }, RESIDENT)).toMatchObject({ binding: 'confirmed' });
      expect(await counted('identity', 'mine', { action: 'mine' }, RESIDENT)).toMatchObject({ binding: { binding: 'confirmed' } });
      const page = await counted('identity', 'bindingPage', { action: 'bindingPage' }, RESIDENT);
      expect(page.buildings.length).toBeGreaterThan(0);
      expect((await counted('identity', 'listBuildings', { action: 'listBuildings' }, RESIDENT)).length).toBeGreaterThan(0);
      const residents = await counted('identity', 'listBuildingResidents', { action: 'listBuildingResidents', buildingId: BUILDING }, HEAD);
      expect(residents.length).toBeGreaterThan(0);
      const proxy = await counted('identity', 'proxySetup', { action: 'proxySetup' }, HEAD);
      expect(proxy).toMatchObject({ buildingId: BUILDING });
      expect(proxy.residents.length).toBeGreaterThan(0);
      expect(over('identity')).toEqual({});
    });

    it('binding: asking, listing, deciding one, approving several', async () => {
      const asked = await counted(
        'identity',
        'requestBinding',
        { action: 'requestBinding', buildingId: BUILDING, room: '1单元101' },
        'o-budget-a',
      );
      expect(asked).toMatchObject({ binding: 'pending', buildingId: BUILDING });
      await counted(
        'identity',
        'requestBinding (again)',
        { action: 'requestBinding', buildingId: BUILDING, room: '1单元101' },
        'o-budget-a',
      );
      await counted(
        'identity',
        'requestBinding (other)',
        { action: 'requestBinding', buildingId: BUILDING, room: '1单元102' },
        'o-budget-b',
      );
      const requests = await counted('identity', 'listBindingRequests', { action: 'listBindingRequests' }, HEAD);
      expect(requests.map((r: { openid: string }) => r.openid)).toEqual(expect.arrayContaining(['o-budget-a', 'o-budget-b']));
      await counted('identity', 'listBindingRequests (institute)', { action: 'listBindingRequests' }, INSTITUTE);
      expect(await counted('identity', 'decideBinding', { action: 'decideBinding', openid: 'o-budget-a', approve: true }, HEAD)).toEqual({
        openid: 'o-budget-a',
        binding: 'confirmed',
      });
      const batch = await counted(
        'identity',
        'approveBindings',
        { action: 'approveBindings', openids: ['o-budget-b', ...pending.slice(0, 3)] },
        INSTITUTE,
      );
      expect(batch.results.filter((r: { ok: boolean }) => r.ok)).toHaveLength(4);
      expect(batch.requests.map((r: { openid: string }) => r.openid)).not.toContain('o-budget-b');
      expect(over('identity')).toEqual({});
    });

    it('invitations: issue, retry, list, redeem, revoke', async () => {
      const requestId = rid();
      const issue = { action: 'issueInvitation', role: 'building_head', scopeId: BUILDING, requestId };
      const issued = await counted('identity', 'issueInvitation', issue, STATION_C1);
      expect(issued.code).toMatch(/^[A-Z0-9]{8}$/);
      expect(await counted('identity', 'issueInvitation (retry)', issue, STATION_C1)).toEqual(issued);
      const list = await counted('identity', 'invitations', { action: 'invitations' }, STATION_C1);
      expect(list.issued.map((i: { code: string }) => i.code)).toContain(issued.code);
      expect(
        await counted('identity', 'redeemInvitation', { action: 'redeemInvitation', code: issued.code }, 'o-budget-head'),
      ).toMatchObject({
        role: 'building_head',
        scopeId: BUILDING,
      });
      const other = await counted(
        'identity',
        'issueInvitation (other)',
        { action: 'issueInvitation', role: 'station_staff', scopeId: 'org-community-01' },
        STATION_C1,
      );
      const revoked = await counted('identity', 'revokeInvitation', { action: 'revokeInvitation', code: other.code }, STATION_C1);
      expect(revoked.find((i: { code: string }) => i.code === other.code)).toMatchObject({ status: 'revoked' });
      expect(over('identity')).toEqual({});
    });

    it(`on average they stay at ${MEAN_BUDGET} or fewer`, () => {
      expect(Object.keys(measured.identity).length).toBeGreaterThanOrEqual(25);
      expect(env.cloud.store.unindexedScans()).toEqual([]);
      expect(mean('identity')).toBeLessThanOrEqual(meanBudgetOf('identity'));
    });
  });

  describe('announce', () => {
    let id = '';
    let version = 0;
    const fields = { title: '楼道清理通知', body: BODY, category: '温馨提示', targets: [BUILDING] };

    it('composing: create, its retry, draft, update, preview, publish to one building', async () => {
      const requestId = rid();
      const created = await counted('announce', 'create', { action: 'create', ...fields, requestId }, STATION_C1);
      id = created.id;
      version = created.version;
      expect(await counted('announce', 'create (retry)', { action: 'create', ...fields, requestId }, STATION_C1)).toMatchObject({ id });
      expect(await counted('announce', 'draft', { action: 'draft', id }, STATION_C1)).toMatchObject({ id, state: 'draft', version });
      const saved = await counted('announce', 'update', { action: 'update', id, version, ...fields, title: '楼道清理' }, STATION_C1);
      expect(saved).toMatchObject({ id, state: 'draft' });
      const preview = await counted('announce', 'preview', { action: 'preview', id }, STATION_C1);
      expect(preview).toMatchObject({ version: saved.version });
      const published = await counted('announce', 'publish (one building)', { action: 'publish', id, version: saved.version }, STATION_C1);
      expect(published).toBeTruthy();
      expect(over('announce')).toEqual({});
    });

    it('reading: feed, detail, mine, share tasks, unread, awareness, progress', async () => {
      const reader = confirmedIn([BUILDING])[0]?._id as string;
      const feed = await counted('announce', 'feed', { action: 'feed' }, reader);
      expect(feed.items.map((i: { id: string }) => i.id)).toContain(id);
      expect(await counted('announce', 'detail', { action: 'detail', id }, reader)).toMatchObject({ id });
      expect(await counted('announce', 'detail (again)', { action: 'detail', id }, reader)).toMatchObject({ id });
      expect((await counted('announce', 'mine', { action: 'mine' }, STATION_C1)).items.length).toBeGreaterThan(0);
      const tasks = await counted('announce', 'shareTasks', { action: 'shareTasks' }, HEAD);
      expect(tasks.items.map((t: { announcementId: string }) => t.announcementId)).toContain(id);
      const unread = await counted('announce', 'unread', { action: 'unread', id, buildingId: BUILDING }, HEAD);
      expect(unread.households.length).toBeGreaterThan(0);
      expect(await counted('announce', 'awareness', { action: 'awareness', id }, STATION_C1)).toBeTruthy();
      expect(await counted('announce', 'progress', { action: 'progress', id }, STATION_C1)).toBeTruthy();
      expect(over('announce')).toEqual({});
    });

    it(`on average they stay at ${MEAN_OVER.announce ?? MEAN_BUDGET} or fewer`, () => {
      expect(Object.keys(measured.announce).length).toBeGreaterThanOrEqual(14);
      expect(mean('announce')).toBeLessThanOrEqual(meanBudgetOf('announce'));
    });
  });
});
