import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit, Team } from '../../src/domain/org/org.types';
import { openDesk, type Phone, SCREENSHOT_DIR, screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { type GatewayWatch, named, watchGatewayCalls } from '../support/gateway-calls';
import { pickerSheet } from '../support/picker';
import { outlineRow } from './manage-support';
import { fillByPlaceholder, seed } from './resident-support';

/**
 * One call per screen (issue #17): every main screen opens with ONE cloud-function call and every
 * action on it is ONE call that answers the updated screen. Calls are counted from Playwright's
 * request events on `/gateway/functions/<name>` (the browser build's callFunction); requests to
 * `/gateway/storage/…` (photo temp URLs, uploads) are storage, not function calls, and are only reported.
 * A screen counts as open when its content shows and the gateway has been quiet for a moment.
 */
jest.setTimeout(300_000);

const users = seed.users as unknown as UserProfile[];
const teams = seed.teams as unknown as Team[];
const buildings = (seed.org_units as unknown as BuildingUnit[]).filter((u) => u.kind === 'building');
const STATION = 'o-station-01';
const INSTITUTE = 'o-institute-01';
/** An approved volunteer of 和平社区 the institute makes leader of a new team on 队伍管理. */
const NEW_LEADER = 'o-calls-new-leader';
/** Someone new to the app, not bound to any building yet (绑定楼栋). */
const NEWCOMER = 'o-calls-newcomer';
const team02 = teams.find((t) => t._id === 'team-02') as Team;
const LEADER = team02.leaderOpenid;
const MEMBER = team02.memberOpenids.find((o) => o !== LEADER) as string;
/** A plain resident of 和平社区 (org-community-01), served by 豆花帮帮团. */
const resident = users.find(
  (u) =>
    u._id.startsWith('o-resident-') &&
    u.binding === 'confirmed' &&
    u.roles.every((g) => g.role === 'resident') &&
    buildings.find((b) => b._id === u.buildingId)?.path[1] === 'org-community-01',
) as UserProfile;
/** The building head of that resident's building. */
const HEAD = buildings.find((b) => b._id === resident.buildingId)?.buildingHeadOpenid as string;
const HOUR = 3_600_000;
/** 微心愿 (kind `wish`): the station puts it on the 心愿墙 instead of dispatching it. */
const WISH_ITEM = (seed.catalog_items as unknown as { _id: string; kind?: string }[]).find((i) => i.kind === 'wish')?._id as string;
const wishVolunteers = (seed.volunteer_profiles as unknown as { _id: string; status: string; subdistrictId: string }[]).filter(
  (p) => p.status === 'approved' && p.subdistrictId === 'org-subdistrict-01',
);
/** Two 在职党员 of the resident's 街道: the one on the wall, and the one who is quicker on the second wish. */
const [ADOPTER, QUICKER] = wishVolunteers.map((p) => p._id).filter((id) => id !== NEW_LEADER) as [string, string];

/** What each screen cost on open, for the report. */
const table: { screen: string; calls: string[]; storage: number }[] = [];

describe('one cloud call per screen, one per action', () => {
  const env = cloudAndPhone();
  /** The gateway calls of each browser window (the phone, and the desk one opened for the 派单台). */
  const watches = new Map<Page, GatewayWatch>();
  const watchOf = (page: Page) => watches.get(page) as GatewayWatch;
  const who = new Map<Page, string>();
  let desk: Phone | undefined;
  const orders: Record<string, string> = {};

  const call = async (fn: string, data: object, openid: string) => {
    const res = (await env.cloud.call(fn, data, openid)).body.result;
    if (!res.ok) throw new Error(`${fn}.${(data as { action: string }).action} failed: ${JSON.stringify(res)}`);
    return res.data;
  };

  beforeAll(async () => {
    const place = async (key: string, description: string) => {
      const start = Date.now() + 2 * HOUR;
      const created = await call(
        'order',
        {
          action: 'create',
          itemId: 'item-02',
          description,
          preferredWindow: { start, end: start + HOUR },
          contactPhone: '13800138000',
          requestId: `calls-${key}-${Date.now()}`,
        },
        resident._id,
      );
      orders[key] = created.orderId;
      return created.orderId as string;
    };
    await place('waiting', '一次调用测试：等待受理的送餐');
    await place('cancel', '一次调用测试：居民要取消的送餐');
    const dispatched = await place('dispatched', '一次调用测试：派给豆花帮帮团的送餐');
    await call('order', { action: 'transition', orderId: dispatched, event: 'accept' }, STATION);
    await call('order', { action: 'transition', orderId: dispatched, event: 'dispatch', teamId: 'team-02' }, STATION);
    for (const key of ['homeTake', 'listTake'] as const) {
      const id = await place(key, key === 'homeTake' ? '一次调用测试：首页接单的送餐' : '一次调用测试：接单台接单的送餐');
      await call('order', { action: 'transition', orderId: id, event: 'accept' }, STATION);
      await call('order', { action: 'transition', orderId: id, event: 'dispatch', teamId: 'team-02' }, STATION);
    }
    const pooled = await place('pooled', '一次调用测试：抢单大厅的送餐');
    await call('order', { action: 'transition', orderId: pooled, event: 'accept' }, STATION);
    await call('order', { action: 'transition', orderId: pooled, event: 'publish' }, STATION);
    const served = await place('served', '一次调用测试：队长指派队员的送餐');
    await call('order', { action: 'transition', orderId: served, event: 'accept' }, STATION);
    await call('order', { action: 'transition', orderId: served, event: 'dispatch', teamId: 'team-02' }, STATION);
    await call('order', { action: 'transition', orderId: served, event: 'take' }, LEADER);
    const toDispatch = await place('toDispatch', '一次调用测试：待派单的送餐');
    await call('order', { action: 'transition', orderId: toDispatch, event: 'accept' }, STATION);
    await call(
      'team',
      {
        action: 'registerVolunteer',
        realName: '林晓峰',
        phone: '13900005678',
        skills: ['陪伴聊天'],
        availability: '周末',
        communityId: 'org-community-01',
      },
      NEW_LEADER,
    );
    await call('team', { action: 'decideVolunteer', openid: NEW_LEADER, approve: true }, STATION);
    // 心愿墙: two 在职党员, and two 微心愿 on the wall of their 街道.
    for (const id of [ADOPTER, QUICKER]) {
      env.cloud.store.updateMany(
        'volunteer_profiles',
        { _id: id },
        { $set: { partyMember: true, partyReportIn: true, workUnit: '区税务局' } },
      );
    }
    for (const [key, wish] of [
      ['wish', '一台收音机'],
      ['wishLost', '一副老花镜'],
    ] as const) {
      const start = Date.now() + 2 * HOUR;
      const created = await call(
        'order',
        {
          action: 'create',
          itemId: WISH_ITEM,
          description: `一次调用测试：心愿是${wish}`,
          answers: { wish },
          preferredWindow: { start, end: start + HOUR },
          contactPhone: '13800138000',
          requestId: `calls-${key}-${Date.now()}`,
        },
        resident._id,
      );
      orders[key] = created.orderId;
      await call('order', { action: 'transition', orderId: created.orderId, event: 'accept' }, STATION);
      await call('order', { action: 'transition', orderId: created.orderId, event: 'post_wall' }, STATION);
    }
    // 派单台 on a desk: an order waiting for 受理.
    await place('desk', '一次调用测试：桌面派单台的送餐');
    watches.set(env.phone.page, watchGatewayCalls(env.phone.page));
  });

  afterAll(async () => {
    await desk?.close();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const lines = table.map((r, i) => `| ${i + 1} | ${r.screen} | ${r.calls.length} | ${r.calls.join(', ')} | ${r.storage} |`);
    writeFileSync(
      path.join(SCREENSHOT_DIR, '..', 'calls-per-screen.md'),
      ['| # (calls-NN.png) | screen | calls | which | storage requests |', '|---|---|---|---|---|', ...lines, ''].join('\n'),
    );
  });

  /** Plays `openid` (what 以…身份进入 stores) without counting the switch. */
  async function as(page: Page, openid: string): Promise<void> {
    if (who.get(page) === openid) return;
    await page.goto(`${env.cloud.url}/`);
    await page.evaluate((id) => localStorage.setItem('dev.openid', id), openid);
    who.set(page, openid);
  }

  /** Opens `route` afresh (a full load, as from a card or a share) and answers the calls it made once its content showed. */
  async function open(page: Page, label: string, route: string, ready: (s: Locator) => Locator): Promise<string[]> {
    // A fresh document at the route: every call it makes is counted (the previous page's are dropped with it).
    const watch = watchOf(page);
    await page.goto('about:blank');
    await watch.settled();
    watch.take();
    await page.goto(`${env.cloud.url}/#${route}`);
    await settle(page);
    await ready(screen(page)).first().waitFor();
    await watch.settled();
    const { calls, storage } = watch.take();
    table.push({ screen: label, calls: named(calls), storage });
    await screenshot(page, `calls-${String(table.length).padStart(2, '0')}`);
    return named(calls);
  }

  /** Runs one action (on the phone unless `page` says otherwise) and answers the calls it made once `after` showed. */
  async function action(label: string, run: () => Promise<void>, after: () => Locator, page = env.phone.page): Promise<string[]> {
    const watch = watchOf(page);
    watch.take();
    await run();
    await after().first().waitFor();
    await watch.settled();
    const { calls, storage } = watch.take();
    table.push({ screen: `  ↳ ${label}`, calls: named(calls), storage });
    await screenshot(page, `calls-${String(table.length).padStart(2, '0')}`);
    return named(calls);
  }

  it('居民: 首页, a category, the order form, 我的, 我的订单, an order and cancelling it', async () => {
    const { page } = env.phone;
    await as(page, resident._id);
    expect(await open(page, '首页 · 居民', '/pages/index/index', (s) => s.getByText('服务菜单'))).toEqual(['identity.home']);
    expect(await open(page, '服务项目（分类）', '/pages/order/items/index?categoryId=cat-01', (s) => s.locator('.items__item'))).toEqual([
      'catalog.category',
    ]);
    expect(
      await open(page, '点单表单', '/pages/order/create/index?itemId=item-02&categoryId=cat-01', (s) => s.getByText('需求描述')),
    ).toEqual(['order.form']);
    expect(await open(page, '我的 · 居民', '/pages/mine/index', (s) => s.getByText('适老化'))).toEqual(['identity.mine']);
    expect(await open(page, '我的订单', '/pages/order/list/index', (s) => s.locator('.order-card'))).toEqual(['order.mine']);
    expect(
      await open(page, '订单详情 · 居民', `/pages/order/detail/index?orderId=${orders.cancel}`, (s) => s.getByText('点单 · 待受理')),
    ).toEqual(['order.detail']);
    // 取消订单 (asked first): the answer is the order as it is now, shown without reading it again.
    const s = screen(page);
    expect(
      await action(
        '取消订单',
        async () => {
          await s.locator('.async-button', { hasText: '取消订单' }).click();
          await page.getByText('取消订单', { exact: true }).last().click();
        },
        () => s.getByText('取消 · 已取消'),
      ),
    ).toEqual(['order.transition']);
    expect((env.cloud.store.findById('orders', orders.cancel) as { state: string }).state).toBe('cancelled');
  });

  it('队长: 首页, 接单, a team order and each of its actions', async () => {
    const { page } = env.phone;
    await as(page, LEADER);
    expect(await open(page, '首页 · 队长', '/pages/index/index', (s) => s.locator('.rhome__bar-role', { hasText: '队长' }))).toEqual([
      'identity.home',
    ]);
    const home = screen(page);
    // 接单 on 首页: the answer is the home as it is now.
    expect(
      await action(
        '首页 接单',
        () => home.locator('.rhome__order', { hasText: '首页接单' }).locator('.async-button', { hasText: '接单' }).click(),
        () => home.locator('.rhome__tile', { hasText: '待接单' }),
      ),
    ).toEqual(['order.transition']);
    await home.locator('.rhome__order', { hasText: '首页接单' }).waitFor({ state: 'detached' });
    expect((env.cloud.store.findById('orders', orders.homeTake) as { state: string }).state).toBe('taken');

    expect(
      await open(page, '接单 · 队长', '/pages/team/index/index', (s) => s.locator('.order-row', { hasText: '派给豆花帮帮团' })),
    ).toEqual(['order.teamConsole']);
    const board = screen(page);
    expect(
      await action(
        '接单台 接单',
        () => board.locator('.order-row', { hasText: '接单台接单' }).locator('.async-button', { hasText: '接单' }).click(),
        () => board.locator('.order-row', { hasText: '派给豆花帮帮团' }),
      ),
    ).toEqual(['order.transition']);
    await board.locator('.order-row', { hasText: '接单台接单' }).waitFor({ state: 'detached' });
    expect((env.cloud.store.findById('orders', orders.listTake) as { state: string }).state).toBe('taken');
    expect(
      await action(
        '抢单大厅',
        () => board.getByText('抢单大厅', { exact: true }).click(),
        () => board.locator('.order-row', { hasText: '抢单大厅的送餐' }),
      ),
    ).toEqual(['order.pool']);
    // 抢单: the answer is 我队订单 with the order on it.
    expect(
      await action(
        '抢单',
        () => board.locator('.order-row', { hasText: '抢单大厅的送餐' }).locator('.async-button', { hasText: '抢单' }).first().click(),
        () => board.locator('.order-row', { hasText: '接单台接单' }),
      ),
    ).toEqual(['order.transition']);
    await board.locator('.order-row', { hasText: '抢单大厅的送餐' }).waitFor();
    expect((env.cloud.store.findById('orders', orders.pooled) as { state: string }).state).toBe('taken');
    expect(
      await open(page, '队伍订单 · 队长', `/pages/team/order/index?orderId=${orders.dispatched}`, (s) =>
        s.locator('.async-button', { hasText: /^接单$/ }),
      ),
    ).toEqual(['order.teamOrder']);
    const s = screen(page);
    expect(
      await action(
        '接单',
        () => s.locator('.async-button', { hasText: /^接单$/ }).click(),
        () => s.getByText('指派队员'),
      ),
    ).toEqual(['order.transition']);
    expect(
      await action(
        '指派队员',
        async () => {
          await s.locator('.assign__chip').filter({ hasNotText: '队长' }).first().click();
          await s.locator('.async-button', { hasText: '保存指派' }).click();
        },
        () => s.locator('.assign__chip--on'),
      ),
    ).toEqual(['order.assign']);
    expect((env.cloud.store.findById('orders', orders.dispatched) as { assigneeOpenids?: string[] }).assigneeOpenids).toHaveLength(1);
    expect(
      await action(
        '队长确认签到',
        () => s.locator('.async-button', { hasText: '队长确认签到' }).click(),
        () => s.locator('.async-button', { hasText: '队长确认签退' }),
      ),
    ).toEqual(['order.checkIn']);
    expect(
      await action(
        '队长确认签退',
        () => s.locator('.async-button', { hasText: '队长确认签退' }).click(),
        () => s.getByText('本次服务已签退'),
      ),
    ).toEqual(['order.checkOut']);
    expect((env.cloud.store.findById('orders', orders.dispatched) as { state: string }).state).toBe('in_service');
  });

  it('志愿者: 首页, 服务签到, an order of the team, 志愿服务队, 队伍详情', async () => {
    const { page } = env.phone;
    await as(page, MEMBER);
    expect(await open(page, '首页 · 志愿者', '/pages/index/index', (s) => s.locator('.rhome__bar-role', { hasText: '志愿者' }))).toEqual([
      'identity.home',
    ]);
    expect(await open(page, '服务签到 · 志愿者', '/pages/team/index/index', (s) => s.getByText('服务签到'))).toEqual(['order.teamConsole']);
    expect(
      await open(page, '队伍订单 · 志愿者', `/pages/team/order/index?orderId=${orders.served}`, (s) => s.getByText('订单进度')),
    ).toEqual(['order.teamOrder']);
    expect(await open(page, '志愿服务队', '/pages/volunteer/teams/index', (s) => s.getByText('豆花帮帮团'))).toEqual(['team.teams']);
    expect(await open(page, '队伍详情', '/pages/volunteer/team/index?id=team-02', (s) => s.getByText('豆花帮帮团'))).toEqual([
      'team.teamPage',
    ]);
    // 退出队伍 (asked first): the answer is the page as it is for someone outside the team.
    const s = screen(page);
    expect(
      await action(
        '退出队伍',
        async () => {
          await s.locator('.async-button', { hasText: '退出队伍' }).click();
          await page.getByText('退出', { exact: true }).last().click();
        },
        () => s.locator('.async-button', { hasText: '申请加入' }),
      ),
    ).toEqual(['team.leaveTeam']);
    expect((env.cloud.store.findById('teams', 'team-02') as { memberOpenids: string[] }).memberOpenids).not.toContain(MEMBER);
  });

  it('楼栋长: 首页, 代点单', async () => {
    const { page } = env.phone;
    await as(page, HEAD);
    expect(await open(page, '首页 · 楼栋长', '/pages/index/index', (s) => s.locator('.rhome__bar-role'))).toEqual(['identity.home']);
    expect(await open(page, '代点单', '/pages/order/proxy/index', (s) => s.locator('.proxy__resident'))).toEqual(['identity.proxySetup']);
    // Picking a category is one call (its items).
    expect(
      await action(
        '选择服务类别',
        async () => {
          await screen(page)
            .locator('.form-field__picker', { hasText: /^请选择$/ })
            .click();
          await pickerSheet(page).getByText('确定', { exact: true }).click();
        },
        () => screen(page).locator('.form-field__picker', { hasText: '敬老助残' }),
      ),
    ).toEqual(['catalog.listItems']);
  });

  it('社区实践站: 首页, an order to 受理 and 派单, one to dispatch, 撰写公告', async () => {
    const { page } = env.phone;
    await as(page, STATION);
    expect(await open(page, '首页 · 社区实践站', '/pages/index/index', (s) => s.locator('.rhome__bar-role'))).toEqual(['identity.home']);
    expect(
      await open(page, '订单详情 · 实践站（待受理）', `/pages/station/detail/index?orderId=${orders.waiting}`, (s) =>
        s.getByText('订单进度'),
      ),
    ).toEqual(['order.stationOrder']);
    const s = screen(page);
    // 受理: the answer is the order 待派单 with 派单推荐, so the recommendations need no call of their own.
    expect(
      await action(
        '受理',
        () => s.locator('.async-button', { hasText: /^受理$/ }).click(),
        () => s.locator('.rec__item', { hasText: '豆花帮帮团' }),
      ),
    ).toEqual(['order.transition']);
    expect((env.cloud.store.findById('orders', orders.waiting) as { state: string }).state).toBe('accepted');
    // An order that may be dispatched opens with the recommendations in the same call.
    expect(
      await open(page, '订单详情 · 实践站（待派单）', `/pages/station/detail/index?orderId=${orders.toDispatch}`, (p) =>
        p.locator('.rec__item', { hasText: '推荐' }),
      ),
    ).toEqual(['order.stationOrder']);
    expect(await s.locator('.rec__item').count()).toBeGreaterThan(0);
    // 派单 to 豆花帮帮团 (asked first): the answer is the order 已派单, offering 改派 to the others.
    expect(
      await action(
        '派单',
        async () => {
          await s.locator('.rec__item', { hasText: '豆花帮帮团' }).click();
          await s.locator('.async-button', { hasText: '派单给「豆花帮帮团」' }).click();
          await page.getByText('确定派单', { exact: true }).click();
        },
        () => s.getByText('改派给其他队伍'),
      ),
    ).toEqual(['order.transition']);
    expect(env.cloud.store.findById('orders', orders.toDispatch)).toMatchObject({ state: 'dispatched', teamId: 'team-02' });
    expect(await open(page, '发布公告（撰写）', '/pages/announce/compose', (s) => s.getByText('标题'))).toEqual(['org.tree']);
  });

  it('街道实践所: 队伍管理, its 新建队伍 form and 新建队伍', async () => {
    const { page } = env.phone;
    await as(page, INSTITUTE);
    expect(await open(page, '队伍管理 · 实践所', '/pages/manage/teams/index', (s) => s.locator('.mteams__team'))).toEqual([
      'team.manageTeams',
    ]);
    const s = screen(page);
    const before = await s.locator('.mteams__team').count();
    // 展开 新建队伍: the leaders to choose from and the 社区 / 小区, in one call.
    expect(
      await action(
        '展开新建队伍',
        () => s.getByText('新建队伍', { exact: true }).first().click(),
        () => s.locator('.leader__row'),
      ),
    ).toEqual(['team.createTeamSetup']);
    await fillByPlaceholder(page, '按姓氏、手机尾号或队伍查找', '5678');
    await s.locator('.leader__row', { hasText: '139****5678' }).getByText('选择', { exact: true }).click();
    await fillByPlaceholder(page, '例如：银龄之声', '一次调用服务队');
    await outlineRow(page, '和平社区').locator('.opick').click();
    await s.getByText('已选 1 个').waitFor();
    // 新建队伍: the answer is the list with the new team, shown without reading it again.
    expect(
      await action(
        '新建队伍',
        () => s.locator('.async-button', { hasText: '新建队伍' }).click(),
        () => s.locator('.mteams__team', { hasText: '一次调用服务队' }),
      ),
    ).toEqual(['team.createTeam']);
    expect(await s.locator('.mteams__team').count()).toBe(before + 1);
    expect(env.cloud.store.find('teams', { name: '一次调用服务队' })[0]).toMatchObject({ leaderOpenid: NEW_LEADER });
  });

  it('新用户: 绑定楼栋 and asking to be bound', async () => {
    const { page } = env.phone;
    await as(page, NEWCOMER);
    expect(await open(page, '绑定楼栋', '/pages/mine/binding/index', (s) => s.getByText('提交绑定申请'))).toEqual(['identity.bindingPage']);
    const s = screen(page);
    await s.locator('.form-field__picker', { hasText: '请选择社区 / 小区 / 楼栋' }).click();
    await pickerSheet(page).getByText('确定', { exact: true }).click();
    await fillByPlaceholder(page, '例如：2单元301', '1单元101');
    // 提交: the answer is the binding as it is now (待确认), shown without reading the page again.
    expect(
      await action(
        '提交绑定申请',
        () => s.locator('.async-button', { hasText: '提交绑定申请' }).click(),
        () => s.getByText('等待楼栋长或社区确认'),
      ),
    ).toEqual(['identity.requestBinding']);
    expect(env.cloud.store.findById('users', NEWCOMER)).toMatchObject({ binding: 'pending', room: '1单元101' });
  });

  it('居民: 公告, 随手拍, 我的随手拍, 志愿者注册', async () => {
    const { page } = env.phone;
    await as(page, resident._id);
    expect(await open(page, '公告', '/pages/announce/feed', (s) => s.getByText('公告'))).toEqual(['announce.feed']);
    expect(await open(page, '随手拍', '/pages/problem/report/index', (s) => s.getByText('随手拍'))).toEqual(['problem.reportSetup']);
    expect(await open(page, '我的随手拍', '/pages/problem/mine/index', (s) => s.getByText('随手拍'))).toEqual(['problem.mine']);
    expect(await open(page, '志愿者注册', '/pages/volunteer/register/index', (s) => s.getByText('实名注册后', { exact: false }))).toEqual([
      'team.registration',
    ]);
  });
  it('在职党员: 心愿墙, 认领 (the answer is the wall), and 认领 after someone else was quicker', async () => {
    const { page } = env.phone;
    await as(page, ADOPTER);
    expect(
      await open(page, '心愿墙', '/pages/volunteer/wish-wall/index', (s) => s.locator('.wish__card', { hasText: '一台收音机' })),
    ).toEqual(['order.wishWall']);
    const s = screen(page);
    const mine = () => s.locator('.wish__section', { hasText: '我认领的心愿' }).locator('.wish__card', { hasText: '一台收音机' });
    // 认领 (asked first): the answer is the wall with the wish under 我认领的, 认领人 and the full address, without reading it again.
    expect(
      await action(
        '心愿墙 认领',
        async () => {
          await s.locator('.wish__card', { hasText: '一台收音机' }).locator('.async-button', { hasText: '认领' }).click();
          await page.getByText('确定认领', { exact: true }).click();
        },
        mine,
      ),
    ).toEqual(['order.transition']);
    await mine()
      .getByText(/认领人：/)
      .waitFor();
    await mine().locator('.async-button', { hasText: '已送达' }).waitFor();
    expect(await s.locator('.wish__section', { hasText: '待认领的微心愿' }).locator('.wish__card', { hasText: '一台收音机' }).count()).toBe(
      0,
    );
    expect(env.cloud.store.findById('orders', orders.wish)).toMatchObject({ state: 'adopted', adopterOpenid: ADOPTER });

    // Someone else adopts the other wish while it is still on this screen: 认领 then says 手慢了 and takes the card off, in one call.
    await call('order', { action: 'transition', orderId: orders.wishLost, event: 'adopt' }, QUICKER);
    const lost = () => s.locator('.wish__card', { hasText: '一副老花镜' });
    expect(
      await action(
        '心愿墙 认领（别人先认领了）',
        async () => {
          await lost().locator('.async-button', { hasText: '认领' }).click();
          await page.getByText('确定认领', { exact: true }).click();
        },
        () => s.locator('.wish__notice', { hasText: '手慢了' }),
      ),
    ).toEqual(['order.transition']);
    await lost().waitFor({ state: 'detached' });
    expect(await s.locator('.wish__notice').textContent()).toContain('一副老花镜');
    expect(env.cloud.store.findById('orders', orders.wishLost)).toMatchObject({ state: 'adopted', adopterOpenid: QUICKER });
  });

  it('社区实践站 on a desk (≥ 1024 px): 派单台, an order beside it, 受理 and 派单 there — the queue updates from the answer', async () => {
    desk = await openDesk();
    const { page } = desk;
    watches.set(page, watchGatewayCalls(page));
    await as(page, STATION);
    expect(await open(page, '派单台 · 桌面', '/pages/station/queue/index', (s) => s.locator('.queue-card'))).toEqual(['order.queue']);
    const s = screen(page);
    const row = () => s.locator('.queue-card', { hasText: '桌面派单台的送餐' });
    const panel = s.locator('.queue__detail .sdetail');
    const waitingChip = () => s.locator('.queue__chip', { hasText: '待受理' });
    // A search is one call, and the actions below keep it.
    expect(
      await action(
        '派单台 搜索订单号',
        async () => {
          await fillByPlaceholder(page, '手机号、尾号、姓名或订单号', orders.desk as string);
          await s.getByText('搜索', { exact: true }).click();
        },
        () => s.locator('.queue__searched', { hasText: '订单号' }),
        page,
      ),
    ).toEqual(['order.queue']);
    expect(await s.locator('.queue-card').count()).toBe(1);
    expect(
      await action(
        '派单台 打开订单（桌面）',
        () => row().click(),
        () => panel.locator('.async-button', { hasText: /^受理$/ }),
        page,
      ),
    ).toEqual(['order.stationOrder']);
    const waitingBefore = Number((await waitingChip().textContent())?.replace(/\D+/g, ''));
    // 受理 in the panel: the answer is the order 待派单 with 派单推荐 AND the queue beside it, whose row now says 待派单.
    expect(
      await action(
        '派单台 受理（桌面）',
        () => panel.locator('.async-button', { hasText: /^受理$/ }).click(),
        () => row().getByText('待派单'),
        page,
      ),
    ).toEqual(['order.transition']);
    await panel.locator('.rec__item', { hasText: '豆花帮帮团' }).waitFor();
    expect(await s.locator('.queue-card').count()).toBe(1);
    await waitingChip()
      .getByText(`待受理 ${waitingBefore - 1}`)
      .waitFor();
    // 派单 in the panel: the row says 已派单 (still the one order found by the search).
    expect(
      await action(
        '派单台 派单（桌面）',
        async () => {
          await panel.locator('.rec__item', { hasText: '豆花帮帮团' }).click();
          await panel.locator('.async-button', { hasText: '派单给「豆花帮帮团」' }).click();
          await page.getByText('确定派单', { exact: true }).click();
        },
        () => row().getByText('已派单'),
        page,
      ),
    ).toEqual(['order.transition']);
    await panel.getByText('改派给其他队伍').waitFor();
    expect(await row().getAttribute('class')).toContain('queue-card--selected');
    expect(env.cloud.store.findById('orders', orders.desk)).toMatchObject({ state: 'dispatched', teamId: 'team-02' });
  });
});
