import type { Page } from 'playwright-core';
import type { UserProfile } from '../../src/domain/identity/role';
import { openDesk, type Phone, screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { SAMPLE_PHOTO } from '../support/sample-photo';
import { enterAs, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(240_000);

const users = seed.users as unknown as UserProfile[];
const HEAD = 'o-head-0002';
const BUILDING = 'bld-0002';
const STATION = 'o-station-01';
const residents = users.filter((u) => u.binding === 'confirmed' && u.buildingId === BUILDING);
const rooms = [...new Set(residents.map((u) => u.room as string))].sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }));
const reader = residents.find((u) => u.room === rooms[0]) as UserProfile;
const TITLE = '垃圾分类入户宣传';
const OPINION = '三楼楼道的灯坏了一个多星期，晚上上下楼看不见';

async function attachPhoto(page: Page): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), screen(page).locator('.photo-picker__add').first().click()]);
  await chooser.setFiles(SAMPLE_PHOTO);
  await screen(page).locator('.photo-picker__cell').first().waitFor();
}

const numberOf = async (page: Page, label: string) =>
  (await screen(page).locator('.grid__number', { hasText: label }).first().locator('.grid__number-value').textContent())?.trim();

describe('敲门行动 in the browser build: a building head knocks from the unread list; the awareness shows door reach beside reads', () => {
  const env = cloudAndPhone();
  let desk: Phone | undefined;
  afterAll(async () => desk?.close());

  it('未读住户 → 去敲门 → visits recorded, an opinion becomes a problem, the station sees reads and door reach apart and together', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    expect(rooms.length).toBeGreaterThanOrEqual(2);

    // The station publishes to 和平社区; one household of 2栋 reads it in the app.
    const call = async (fn: string, data: object, openid: string) => {
      const r = (await env.cloud.call(fn, data, openid)).body.result;
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.data;
    };
    const { id } = await call(
      'announce',
      { action: 'create', title: TITLE, body: '请各位居民按时分类投放垃圾。', category: '创城宣传', targets: ['org-community-01'] },
      STATION,
    );
    await call('announce', { action: 'publish', id }, STATION);
    await call('announce', { action: 'detail', id }, reader._id);

    // The building head opens the unread households of 2栋 and taps the first one to knock.
    await enterAs(page, env.cloud.url, HEAD);
    await page.goto(`${env.cloud.url}/#/pages/announce/unread?id=${encodeURIComponent(id)}&buildingId=${BUILDING}`);
    await settle(page);
    await screen(page).getByText('未读住户（', { exact: false }).waitFor();
    await screen(page).locator('.aunread__knock').waitFor();
    await screenshot(page, 'grid-01-unread-knock');
    const target = rooms[1] as string;
    await screen(page).locator('.aunread__row', { hasText: target }).click();
    await settle(page);
    await screen(page).getByText(`宣传公告：${TITLE}`).waitFor();
    expect(await screen(page).locator(`input[placeholder="例如：2单元301"]`).inputValue()).toBe(target);
    expect(await numberOf(page, '已读户')).toBe('1');
    await fillByPlaceholder(page, '例如：楼道灯坏了好几天', OPINION);
    await screenshot(page, 'grid-02-knock-form');
    await screen(page).getByText('记下这次走访').click();
    await screen(page).locator('.doors__visit', { hasText: OPINION }).waitFor();
    expect(await numberOf(page, '敲门宣传户')).toBe('1');

    // A household nobody bound: typed in, 不在家.
    await fillByPlaceholder(page, '例如：2单元301', '9单元901');
    await screen(page).locator('.grid__chip', { hasText: '不在家' }).click();
    await screen(page).getByText('记下这次走访').click();
    await screen(page).locator('.doors__household', { hasText: '9单元901' }).locator('.grid__tag', { hasText: '不在家' }).waitFor();
    const households = rooms.length + 1;
    expect(await numberOf(page, '总户数')).toBe(String(households));
    expect(await numberOf(page, '已宣传户')).toBe('1');
    await settle(page);
    await screenshot(page, 'grid-03-knocked');

    // The opinion becomes a problem report: category and a photo, the description pre-filled.
    await screen(page).locator('.doors__convert').first().click();
    await screen(page).locator('.grid__convert .grid__chip', { hasText: '设施损坏' }).click();
    await attachPhoto(page);
    await screenshot(page, 'grid-04-opinion-to-problem');
    await screen(page).getByText('上报这个问题').click();
    await screen(page).getByText('已转为问题上报，查看进度 ›').waitFor();
    // The answered screen keeps the announcement: who read it, who was told.
    await screen(page).getByText(`宣传公告：${TITLE}`).waitFor();
    expect(
      await screen(page).locator('.doors__household', { hasText: target }).locator('.grid__badge', { hasText: '已上门宣传' }).count(),
    ).toBe(1);
    const filed = env.cloud.store.find('problems', { reporterOpenid: HEAD, description: OPINION }) as unknown as { buildingId: string }[];
    expect(filed).toHaveLength(1);
    expect(filed[0]?.buildingId).toBe(BUILDING);
    await settle(page);
    await screenshot(page, 'grid-05-opinion-filed');

    // 巡查日志: today's log of the building head.
    await page.goto(`${env.cloud.url}/#/pages/grid/patrol/index`);
    await settle(page);
    await fillByPlaceholder(page, '例如：3栋楼道有纸箱堆放，已提醒住户清理', '敲门宣传垃圾分类，收集意见 1 条');
    await screen(page).getByText('保存巡查日志').click();
    await screen(page).getByText('更新今天的巡查日志').waitFor();
    expect(await numberOf(page, '今天上报问题')).toBe('1');
    await settle(page);
    await screenshot(page, 'grid-06-patrol-log');

    // Elder mode: the knock screen reads larger.
    await page.evaluate(() => localStorage.setItem('ui.elder', JSON.stringify({ data: true })));
    await page.goto(`${env.cloud.url}/#/pages/grid/doors/index?buildingId=${BUILDING}&announcementId=${encodeURIComponent(id)}`);
    await page.reload();
    await settle(page);
    await screen(page).getByText('记下这次走访').waitFor();
    await screenshot(page, 'grid-07-doors-elder');
    await page.evaluate(() => localStorage.removeItem('ui.elder'));

    // The station at a desk: the awareness shows in-app reads and door reach, by household, apart and together.
    desk = await openDesk();
    const dp = desk.page;
    dp.on('pageerror', (e) => errors.push(e.message));
    await enterAs(dp, env.cloud.url, STATION);
    await dp.goto(`${env.cloud.url}/#/pages/announce/awareness?id=${encodeURIComponent(id)}`);
    await settle(dp);
    await screen(dp).getByText('按户统计（含敲门入户）').waitFor();
    const line = screen(dp).locator('.rate-bars__item', { hasText: '2栋' }).first().locator('.rate-bars__note');
    expect(await line.textContent()).toBe(`按户：已读 1 · 敲门 1 · 合计 2/${households} 户`);
    await screenshot(dp, 'grid-08-awareness-desk');

    await dp.goto(`${env.cloud.url}/#/pages/grid/patrols/index`);
    await settle(dp);
    await screen(dp).locator('.grid__row', { hasText: '敲门宣传垃圾分类' }).waitFor();
    await screenshot(dp, 'grid-09-patrols-desk');
    expect(errors).toEqual([]);
  });
});
