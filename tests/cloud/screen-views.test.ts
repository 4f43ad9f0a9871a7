import type { BindingState } from '../../src/domain/identity/identity.views';
import type { UserProfile } from '../../src/domain/identity/role';
import type {
  BindingPageView,
  CategoryView,
  CreateTeamSetupView,
  ManageTeamsView,
  MineView,
  OrderFormView,
  ProxySetupView,
  StationOrderView,
  TeamConsoleView,
  TeamOrderView,
  TeamPageView,
  TeamsView,
  WithScreen,
  WithTeamScreen,
} from '../../src/domain/order/screen.views';
import { withTestCloud } from '../support/local-cloud-harness';
import { headOf, INSTITUTE, MEAL_ITEM, orderClient, residentsOf, STATION_C1, STATION_C2, teamById } from './order-support';

const [resident] = residentsOf('org-community-01') as [UserProfile];
const team02 = teamById.get('team-02');
const leader = team02?.leaderOpenid as string;
const [member] = (team02?.memberOpenids ?? []).filter((o) => o !== leader) as [string];
const head = headOf(resident);

/** Issue #17: each screen opens with one call composed from the smaller actions; order actions asked with `view` answer the screen. */
describe('one call per screen: the composite views answer what the smaller actions answer', () => {
  const env = withTestCloud((cloud) => ({
    ...orderClient(cloud),
    /** `fn.action` as `openid`, insisting it worked. */
    // biome-ignore lint/suspicious/noExplicitAny: each caller names the view it expects
    ok: async <T = any>(fn: string, data: object, openid: string): Promise<T> => {
      const res = (await cloud.call(fn, data, openid)).body.result;
      if (!res.ok) throw new Error(`${fn}.${(data as { action: string }).action} failed: ${JSON.stringify(res)}`);
      return res.data as T;
    },
  }));
  beforeEach(() => env.cloud.store.clearUnindexedScans());
  const ownScans = () => env.cloud.store.unindexedScans().filter((s) => !/^(activit|problem|hours)/.test(s.collection));

  it('catalog.category: the category name and the same items as listItems', async () => {
    const view = await env.api.ok<CategoryView>('catalog', { action: 'category', categoryId: 'cat-01' }, resident._id);
    const items = await env.api.ok<{ items: { _id: string }[] }>('catalog', { action: 'listItems', categoryId: 'cat-01' }, resident._id);
    expect(view.name).toBe('敬老助残');
    expect(view.items.map((i) => i._id)).toEqual(items.items.map((i) => i._id));
    expect(ownScans()).toEqual([]);
  });

  it('order.form: the item and the caller’s binding; none for 代点单; an unknown item is RESOURCE.NOT_FOUND', async () => {
    const form = await env.api.ok<OrderFormView>('order', { action: 'form', categoryId: 'cat-01', itemId: MEAL_ITEM }, resident._id);
    const binding = await env.api.ok<BindingState>('identity', { action: 'myBinding' }, resident._id);
    expect(form.item._id).toBe(MEAL_ITEM);
    expect(form.binding).toEqual(binding);
    const proxy = await env.api.ok<OrderFormView>(
      'order',
      { action: 'form', categoryId: 'cat-01', itemId: MEAL_ITEM, forResident: true },
      head,
    );
    expect(proxy.binding).toBeNull();
    const missing = (await env.cloud.call('order', { action: 'form', categoryId: 'cat-01', itemId: 'item-none' }, resident._id)).body
      .result;
    expect(missing).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });
    expect(ownScans()).toEqual([]);
  });

  it('identity.mine: whoami and myBinding together', async () => {
    const view = await env.api.ok<MineView>('identity', { action: 'mine' }, resident._id);
    expect(view.me).toEqual(await env.api.ok('identity', { action: 'whoami' }, resident._id));
    expect(view.binding).toEqual(await env.api.ok('identity', { action: 'myBinding' }, resident._id));
  });

  it('identity.proxySetup: the head’s buildings, the residents of the first, the menu; another building is out of scope', async () => {
    const view = await env.api.ok<ProxySetupView>('identity', { action: 'proxySetup' }, head);
    expect(view.buildings.map((b) => b.scopeId)).toContain(resident.buildingId);
    const listed = await env.api.ok('identity', { action: 'listBuildingResidents', buildingId: view.buildingId }, head);
    expect(view.residents).toEqual(listed);
    expect(view.categories.length).toBeGreaterThan(0);
    const other = (await env.cloud.call('identity', { action: 'proxySetup', buildingId: 'org-none' }, head)).body.result;
    expect(other).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    const notHead = (await env.cloud.call('identity', { action: 'proxySetup' }, resident._id)).body.result.data as ProxySetupView;
    expect(notHead).toMatchObject({ buildings: [], buildingId: null, residents: [] });
    expect(ownScans()).toEqual([]);
  });

  it('order.teamOrder and actions asked with view: the leader takes, assigns, checks in — each answer is the screen as it is now', async () => {
    const orderId = await env.api.place(resident._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });

    const opened = await env.api.ok<TeamOrderView>('order', { action: 'teamOrder', orderId }, leader);
    expect(opened.myOpenid).toBe(leader);
    expect(opened.detail.order.state).toBe('dispatched');
    expect(opened.members.some((m) => m.openid === member)).toBe(true);

    const taken = await env.api.ok<{ to: string; teamOrder?: TeamOrderView }>(
      'order',
      { action: 'transition', orderId, event: 'take', view: 'teamOrder' },
      leader,
    );
    expect(taken.to).toBe('taken');
    expect(taken.teamOrder?.detail.order.state).toBe('taken');
    expect(taken.teamOrder?.detail.order.version).toBe(opened.detail.order.version + 1);

    const assigned = await env.api.ok<{ teamOrder?: TeamOrderView }>(
      'order',
      { action: 'assign', orderId, memberOpenids: [member], view: 'teamOrder' },
      leader,
    );
    expect(assigned.teamOrder?.detail.order.assignees.map((a) => a.openid)).toEqual([member]);

    const checkedIn = await env.api.ok<{ teamOrder?: TeamOrderView }>(
      'order',
      { action: 'checkIn', orderId, volunteerOpenid: member, view: 'teamOrder' },
      leader,
    );
    expect(checkedIn.teamOrder?.detail.sessions.map((s) => s.openid)).toEqual([member]);
    // Without `view` an action answers as before (no screen, no extra reads).
    const plain = await env.api.ok<Record<string, unknown>>('order', { action: 'checkOut', orderId, volunteerOpenid: member }, leader);
    expect(plain).not.toHaveProperty('teamOrder');
    expect(plain).not.toHaveProperty('detail');

    // The volunteer opens the same screen with their own view of it.
    const asMember = await env.api.ok<TeamOrderView>('order', { action: 'teamOrder', orderId }, member);
    expect(asMember.myOpenid).toBe(member);
    expect(asMember.detail.caller.teamLeader).toBe(false);
    // Someone else's order is not theirs to open.
    const stranger = (await env.cloud.call('order', { action: 'teamOrder', orderId }, 'o-screen-stranger')).body.result;
    expect(stranger.ok).toBe(false);
    expect(ownScans()).toEqual([]);
  });

  it('a resident’s cancel asked with view: detail answers the cancelled order', async () => {
    const orderId = await env.api.place(resident._id);
    const cancelled = await env.api.ok<{ detail?: { order: { state: string }; timeline: unknown[] } }>(
      'order',
      { action: 'transition', orderId, event: 'cancel', view: 'detail' },
      resident._id,
    );
    expect(cancelled.detail?.order.state).toBe('cancelled');
    expect(cancelled.detail?.timeline.length).toBeGreaterThanOrEqual(2);
  });

  it('接单 asked with view answers the leader’s 首页 or 接单 as they are now; 抢单 answers 我队订单', async () => {
    const place = async () => {
      const orderId = await env.api.place(resident._id);
      await env.api.must(orderId, 'accept', STATION_C1);
      await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
      return orderId;
    };
    const fromHome = await place();
    const home = await env.api.ok<WithScreen>(
      'order',
      { action: 'transition', orderId: fromHome, event: 'take', view: 'leaderHome' },
      leader,
    );
    if (home.home?.home.kind !== 'leader') throw new Error(`leader home expected, got ${JSON.stringify(home.home?.home.kind)}`);
    expect(home.home.role).toBe('team_leader');
    expect(home.home.home.inbox.map((o) => o.orderId)).not.toContain(fromHome);

    const fromInbox = await place();
    const inbox = await env.api.ok<WithScreen>(
      'order',
      { action: 'transition', orderId: fromInbox, event: 'take', view: 'teamInbox' },
      leader,
    );
    expect(inbox.teamConsole?.page.items.map((o) => o.orderId)).not.toContain(fromInbox);
    expect(inbox.teamConsole?.page).toEqual(await env.api.ok('order', { action: 'inbox', state: 'dispatched' }, leader));

    const pooled = await env.api.place(resident._id);
    await env.api.must(pooled, 'accept', STATION_C1);
    await env.api.must(pooled, 'publish', STATION_C1);
    const grabbed = await env.api.ok<WithScreen>(
      'order',
      { action: 'transition', orderId: pooled, event: 'grab', view: 'teamOrders' },
      leader,
    );
    expect(grabbed.teamConsole?.page.items.map((o) => o.orderId)).toContain(pooled);
  });

  it('order.teamConsole: a leader’s inbox, a volunteer’s service tasks, nobody else', async () => {
    const orderId = await env.api.place(resident._id);
    await env.api.must(orderId, 'accept', STATION_C1);
    await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
    const leaderView = await env.api.ok<TeamConsoleView>('order', { action: 'teamConsole' }, leader);
    expect(leaderView.leads.map((t) => t.name)).toContain('豆花帮帮团');
    expect(leaderView.page.items.map((o) => o.orderId)).toContain(orderId);
    const inbox = await env.api.ok('order', { action: 'inbox', state: 'dispatched' }, leader);
    expect(leaderView.page).toEqual(inbox);
    const pool = await env.api.ok<TeamConsoleView>('order', { action: 'teamConsole', tab: 'pool' }, leader);
    expect(pool.page.nextCursor).toBeNull();

    const memberView = await env.api.ok<TeamConsoleView>('order', { action: 'teamConsole' }, member);
    expect(memberView.leads).toEqual([]);
    expect(memberView.serves.map((t) => t.teamId)).toContain('team-02');
    expect(memberView.page).toEqual(await env.api.ok('order', { action: 'memberOrders' }, member));

    const nobody = (await env.cloud.call('order', { action: 'teamConsole' }, resident._id)).body.result;
    expect(nobody).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(ownScans()).toEqual([]);
  });

  it('team.teams and team.teamPage: what listTeams / myVolunteer / teamDetail / listJoinRequests answer, in one call each', async () => {
    const teams = await env.api.ok<TeamsView>('team', { action: 'teams' }, member);
    expect(teams.teams).toEqual(await env.api.ok('team', { action: 'listTeams' }, member));
    expect(teams.volunteer).toEqual(await env.api.ok('team', { action: 'myVolunteer' }, member));

    const asLeader = await env.api.ok<TeamPageView>('team', { action: 'teamPage', teamId: 'team-02' }, leader);
    expect(asLeader.team).toEqual(await env.api.ok('team', { action: 'teamDetail', teamId: 'team-02' }, leader));
    expect(asLeader.requests).toEqual(await env.api.ok('team', { action: 'listJoinRequests', teamId: 'team-02' }, leader));
    expect(asLeader.volunteer).toBeNull();
    const asMember = await env.api.ok<TeamPageView>('team', { action: 'teamPage', teamId: 'team-02' }, member);
    expect(asMember).toMatchObject({ requests: null, volunteer: null });
    const outsider = await env.api.ok<TeamPageView>('team', { action: 'teamPage', teamId: 'team-02' }, resident._id);
    expect(outsider.requests).toBeNull();
    expect(outsider.volunteer).toEqual(await env.api.ok('team', { action: 'myVolunteer' }, resident._id));
    const missing = (await env.cloud.call('team', { action: 'teamPage', teamId: 'team-none' }, member)).body.result;
    expect(missing).toMatchObject({ ok: false, code: 'RESOURCE.NOT_FOUND' });
  });

  it('team actions asked with view answer 队伍详情 or 志愿服务队 as they are now', async () => {
    const [other] = (teamById.get('team-01')?.memberOpenids ?? []).filter((o) => o !== teamById.get('team-01')?.leaderOpenid) as [string];
    // A member of 银龄之声 asks to join 豆花帮帮团 from the list: the list answers 申请中.
    const asked = await env.api.ok<WithTeamScreen>('team', { action: 'requestJoin', teamId: 'team-02', view: 'teams' }, other);
    expect(asked.teams?.teams.find((t) => t.teamId === 'team-02')?.myRelation).toBe('requested');
    // The leader approves on 队伍详情: the page answers without the request and with one more member.
    const before = await env.api.ok<TeamPageView>('team', { action: 'teamPage', teamId: 'team-02' }, leader);
    const request = before.requests?.find((r) => r.openid === other);
    expect(request).toBeDefined();
    const decided = await env.api.ok<WithTeamScreen>(
      'team',
      { action: 'decideJoin', requestId: request?.requestId, approve: true, view: 'teamPage' },
      leader,
    );
    expect(decided.teamPage?.requests?.map((r) => r.requestId)).not.toContain(request?.requestId);
    expect(decided.teamPage?.team.memberCount).toBe(before.team.memberCount + 1);
    // The new member leaves: 队伍详情 answers them as someone outside the team.
    const left = await env.api.ok<WithTeamScreen>('team', { action: 'leaveTeam', teamId: 'team-02', view: 'teamPage' }, other);
    expect(left.teamPage?.team.myRelation).toBe('none');
    expect(left.teamPage?.volunteer).not.toBeNull();
  });

  it('team.registration: myVolunteer and listCommunities in one call', async () => {
    const view = await env.api.ok<{ volunteer: unknown; communities: unknown[] }>('team', { action: 'registration' }, resident._id);
    expect(view.volunteer).toEqual(await env.api.ok('team', { action: 'myVolunteer' }, resident._id));
    expect(view.communities).toEqual(await env.api.ok('team', { action: 'listCommunities' }, resident._id));
    expect(view.communities.length).toBeGreaterThan(0);
  });
  it('order.stationOrder: the detail and, while it may be dispatched, 派单推荐 — one read of the order; actions asked with view answer it', async () => {
    const orderId = await env.api.place(resident._id);
    // 待受理: no team to pick yet, so no recommendations.
    const waiting = await env.api.ok<StationOrderView>('order', { action: 'stationOrder', orderId }, STATION_C1);
    expect(waiting.detail).toEqual(await env.api.ok('order', { action: 'detail', orderId }, STATION_C1));
    expect(waiting.recommendations).toBeNull();
    // 受理 asked with view: the answer is the order now 待派单 with the teams ranked as recommendTeams ranks them.
    const accepted = await env.api.ok<WithScreen>(
      'order',
      { action: 'transition', orderId, event: 'accept', view: 'stationOrder', expectedVersion: waiting.detail.order.version },
      STATION_C1,
    );
    expect(accepted.stationOrder?.detail.order.state).toBe('accepted');
    expect(accepted.stationOrder?.detail.actions.some((a) => a.needsTeam)).toBe(true);
    const ranked = await env.api.ok<{ items: { teamId: string; eligible: boolean }[] }>(
      'order',
      { action: 'recommendTeams', orderId },
      STATION_C1,
    );
    expect(accepted.stationOrder?.recommendations).toEqual(ranked.items);
    expect(ranked.items.some((r) => r.teamId === 'team-02' && r.eligible)).toBe(true);
    const opened = await env.api.ok<StationOrderView>('order', { action: 'stationOrder', orderId }, STATION_C1);
    expect(opened.recommendations).toEqual(ranked.items);
    // 派单 asked with view: 已派单 to 豆花帮帮团, still offering 改派 with the ranking.
    const dispatched = await env.api.ok<WithScreen>(
      'order',
      { action: 'transition', orderId, event: 'dispatch', teamId: 'team-02', view: 'stationOrder' },
      STATION_C1,
    );
    expect(dispatched.stationOrder?.detail.order).toMatchObject({ state: 'dispatched', teamId: 'team-02' });
    expect(dispatched.stationOrder?.detail.order.version).toBe(opened.detail.order.version + 1);
    // Another community's station may neither open it nor see its recommendations.
    const other = (await env.cloud.call('order', { action: 'stationOrder', orderId }, STATION_C2)).body.result;
    expect(other).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    // 驳回 asked with view: the closed order, nothing left to pick.
    const second = await env.api.place(resident._id);
    const rejected = await env.api.ok<WithScreen>(
      'order',
      { action: 'transition', orderId: second, event: 'reject', note: '本站暂不提供', view: 'stationOrder' },
      STATION_C1,
    );
    expect(rejected.stationOrder?.detail.order.state).toBe('rejected');
    expect(rejected.stationOrder?.recommendations).toBeNull();
    expect(ownScans()).toEqual([]);
  });

  it('team.manageTeams: listTeams and whether the caller may create; createTeam asked with view answers the list with the new team', async () => {
    const asInstitute = await env.api.ok<ManageTeamsView>('team', { action: 'manageTeams' }, INSTITUTE);
    expect(asInstitute.canCreate).toBe(true);
    expect(asInstitute.teams).toEqual(await env.api.ok('team', { action: 'listTeams' }, INSTITUTE));
    const asStation = await env.api.ok<ManageTeamsView>('team', { action: 'manageTeams' }, STATION_C1);
    expect(asStation.canCreate).toBe(false);
    expect(asStation.teams.length).toBe(asInstitute.teams.length);

    const setup = await env.api.ok<CreateTeamSetupView>('team', { action: 'createTeamSetup' }, INSTITUTE);
    expect(setup.candidates).toEqual(await env.api.ok('team', { action: 'listLeaderCandidates' }, INSTITUTE));
    expect(setup.roots).toEqual((await env.api.ok<{ roots: unknown[] }>('org', { action: 'tree' }, INSTITUTE)).roots);
    const notStaff = (await env.cloud.call('team', { action: 'createTeamSetup' }, STATION_C1)).body.result;
    expect(notStaff).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });

    const leaderPick = setup.candidates[0];
    if (!leaderPick) throw new Error('the seed has no approved volunteer to lead a new team');
    const created = await env.api.ok<{ teamId: string } & WithTeamScreen>(
      'team',
      {
        action: 'createTeam',
        name: '一次调用服务队',
        intro: '',
        leaderOpenid: leaderPick.openid,
        skills: ['陪伴聊天'],
        serviceArea: ['org-community-01'],
        requestId: `screen-team-${Date.now()}`,
        view: 'manageTeams',
      },
      INSTITUTE,
    );
    expect(created.manageTeams?.canCreate).toBe(true);
    expect(created.manageTeams?.teams.map((t) => t.teamId)).toContain(created.teamId);
    expect(created.manageTeams?.teams.length).toBe(asInstitute.teams.length + 1);
    expect(ownScans()).toEqual([]);
  });

  it('identity.bindingPage: myBinding and listBuildings in one call', async () => {
    const view = await env.api.ok<BindingPageView>('identity', { action: 'bindingPage' }, resident._id);
    expect(view.binding).toEqual(await env.api.ok('identity', { action: 'myBinding' }, resident._id));
    expect(view.buildings).toEqual(await env.api.ok('identity', { action: 'listBuildings' }, resident._id));
    expect(view.binding.buildingId).toBe(resident.buildingId);
    expect(view.buildings.some((b) => b._id === resident.buildingId)).toBe(true);
    expect(ownScans()).toEqual([]);
  });
});
