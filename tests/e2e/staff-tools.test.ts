import type { Page } from 'playwright-core';
import { INSTITUTE, STATION_C1, seed } from '../cloud/order-support';
import { openDesk, openPhone, PHONE_390, type Phone, screenshot, settle } from '../support/browser';
import { screen } from '../support/browser-cloud';
import { requireH5Build } from '../support/h5-build';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';
import { enterAs, fillByPlaceholder } from './resident-support';

jest.setTimeout(180_000);

const units = seed.org_units as unknown as { _id: string; kind: string; name: string; path: string[] }[];
const nameOf = (id: string) => units.find((u) => u._id === id)?.name ?? '';
const buildings = units.filter((u) => u.kind === 'building' && u.path[1] === 'org-community-01');
const placeOf = (b: (typeof units)[number], room: string) =>
  [nameOf(b.path[1] as string), nameOf(b.path[2] as string), b.name, room].join(' · ');
const NEWCOMERS = [
  { openid: 'o-e2e-bind-1', building: buildings[0] as (typeof units)[number], room: '1单元101' },
  { openid: 'o-e2e-bind-2', building: buildings[1] as (typeof units)[number], room: '2单元202' },
  { openid: 'o-e2e-bind-3', building: buildings[2] as (typeof units)[number], room: '3单元303' },
];

async function open(page: Page, url: string, openid: string, path: string) {
  await enterAs(page, url, openid);
  await page.goto(`${url}/#${path}`);
  await settle(page);
}

describe('staff tools: 住户绑定审核 批量通过, 服务统计 periods, 邀请码 search and list', () => {
  let cloud: TestCloud;
  let browser: Phone | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const identity = async (data: object, openid: string): Promise<any> => (await cloud.call('identity', data, openid)).body.result;
  const card = (page: Page, room: string) => screen(page).locator('.decision', { hasText: room });

  beforeAll(async () => {
    cloud = await startTestCloud({ staticDir: requireH5Build() });
    for (const n of NEWCOMERS) {
      expect(await identity({ action: 'requestBinding', buildingId: n.building._id, room: n.room }, n.openid)).toMatchObject({ ok: true });
      cloud.clock.advance(60_000);
    }
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(() => cloud?.dispose());

  it('phone 390×844: cards say 社区 · 小区 · 楼栋 · 房号, oldest first; pick two and 批量通过; a failure is named', async () => {
    browser = await openPhone(PHONE_390);
    const { page } = browser;
    await open(page, cloud.url, STATION_C1, '/pages/manage/bindings/index');
    const [one, two, three] = NEWCOMERS as [(typeof NEWCOMERS)[number], (typeof NEWCOMERS)[number], (typeof NEWCOMERS)[number]];
    await card(page, one.room).getByText(placeOf(one.building, one.room)).waitFor();
    // Oldest first: ours in the order they asked.
    const rooms = await screen(page).locator('.decision').allTextContents();
    const order = NEWCOMERS.map((n) => rooms.findIndex((t) => t.includes(n.room)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'staff-tools-01-bindings-phone');

    await card(page, one.room).locator('.decision__check').click();
    await card(page, two.room).locator('.decision__check').click();
    const batch = screen(page).locator('.mbind__approve');
    await batch.getByText('批量通过（2）').waitFor();
    const bar = await screen(page).locator('.mbind__bar').boundingBox();
    expect(bar && bar.y + bar.height).toBeLessThanOrEqual(PHONE_390.height + 1);
    await screenshot(page, 'staff-tools-02-bindings-picked');
    await batch.click();
    await page.getByText('通过选中的 2 条绑定申请？').waitFor();
    await page.getByText('通过', { exact: true }).click();
    await card(page, one.room).waitFor({ state: 'detached' });
    expect(await card(page, two.room).count()).toBe(0);
    expect((await identity({ action: 'myBinding' }, one.openid)).data.binding).toBe('confirmed');
    expect((await identity({ action: 'myBinding' }, two.openid)).data.binding).toBe('confirmed');

    // Someone else confirms the third one meanwhile: the batch says which failed and why.
    await card(page, three.room).locator('.decision__check').click();
    expect((await identity({ action: 'decideBinding', openid: three.openid, approve: true }, INSTITUTE)).ok).toBe(true);
    await batch.click();
    await page.getByText('通过选中的 1 条绑定申请？').waitFor();
    await page.getByText('通过', { exact: true }).click();
    await screen(page).getByText('以下 1 条没有通过：').waitFor();
    await screen(page).locator('.mbind__failed-item', { hasText: '没有待处理的绑定申请' }).waitFor();
    await screenshot(page, 'staff-tools-03-bindings-failure');
  });

  it('desk 1440×900: bindings, stats with a period, invitations with a building search and the codes issued', async () => {
    for (const n of NEWCOMERS)
      await identity({ action: 'requestBinding', buildingId: n.building._id, room: `9${n.room}` }, `${n.openid}-b`);
    browser = await openDesk();
    const { page } = browser;
    await open(page, cloud.url, STATION_C1, '/pages/manage/bindings/index');
    await card(page, `9${NEWCOMERS[0]?.room}`).waitFor();
    await screenshot(page, 'staff-tools-04-bindings-desk');
    // At a desk too: pick two, 批量通过; the bar keeps to the page's column.
    const bar = await screen(page).locator('.mbind__bar').boundingBox();
    const column = await screen(page).locator('.decision').first().boundingBox();
    expect(bar && column && bar.width).toBeLessThanOrEqual((column?.width ?? 0) + 80);
    await card(page, `9${NEWCOMERS[0]?.room}`).locator('.decision__check').click();
    await card(page, `9${NEWCOMERS[1]?.room}`).locator('.decision__check').click();
    await screen(page).locator('.mbind__approve').click();
    await page.getByText('通过选中的 2 条绑定申请？').waitFor();
    await page.getByText('通过', { exact: true }).click();
    await card(page, `9${NEWCOMERS[0]?.room}`).waitFor({ state: 'detached' });
    expect(await card(page, `9${NEWCOMERS[1]?.room}`).count()).toBe(0);
    await card(page, `9${NEWCOMERS[2]?.room}`).waitFor();
    expect((await identity({ action: 'myBinding' }, `${NEWCOMERS[0]?.openid}-b`)).data.binding).toBe('confirmed');
    await screenshot(page, 'staff-tools-04b-bindings-desk-approved');

    await page.goto(`${cloud.url}/#/pages/station/stats/index`);
    await settle(page);
    await screen(page).locator('.stats__period-chip--on', { hasText: '本月' }).waitFor();
    await screen(page)
      .getByText(/按下单时间统计/)
      .waitFor();
    await screen(page).locator('.stats__period-chip', { hasText: '自定义' }).click();
    await screen(page).getByText('请选择开始和结束日期').first().waitFor();
    await screen(page).locator('.stats__period-chip', { hasText: '上月' }).click();
    await screen(page)
      .getByText(/按下单时间统计/)
      .waitFor();
    await screen(page).locator('.stats__export').waitFor();
    await screenshot(page, 'staff-tools-05-stats-desk');

    await page.goto(`${cloud.url}/#/pages/manage/invitations/index`);
    await settle(page);
    await screen(page).locator('.chips__chip', { hasText: '楼栋长' }).first().click();
    const target = buildings[1] as (typeof units)[number];
    await fillByPlaceholder(page, '搜索楼栋，如 天府花园 4栋', `${nameOf(target.path[2] as string)} ${target.name}`);
    await screen(page)
      .locator('.minv__found-item', { hasText: `${nameOf(target.path[2] as string)} ${target.name}` })
      .first()
      .click();
    await screen(page)
      .getByText(/已选：/)
      .waitFor();
    await screen(page).locator('.minv__issue').click();
    const code = (await screen(page).locator('.minv__code').textContent())?.trim() as string;
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    await screen(page).getByText('再邀请一位').click();
    const row = screen(page).locator('.minv__row', { hasText: code });
    await row.getByText('未使用').waitFor();
    await screenshot(page, 'staff-tools-06-invitations-desk');
    await row.locator('.minv__revoke').click();
    await page.getByText('撤销', { exact: true }).last().click();
    await row.getByText('已撤销').waitFor();
    expect(await row.locator('.minv__revoke').count()).toBe(0);
    await screenshot(page, 'staff-tools-07-invitation-revoked');
  });
});
