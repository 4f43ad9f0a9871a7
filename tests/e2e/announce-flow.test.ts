import type { Page } from 'playwright-core';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { enterAs, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(180_000);

/** Demo seed: 和平社区's station staff, two of its 小区 as targets, one 小区 left out. */
const STATION = 'o-station-01';
const COMMUNITY = 'org-community-01';
const TARGET_ESTATES = ['天府花园', '锦城丽苑'];
const OTHER_ESTATE = '和平家园';
const TITLE = '文明养犬倡议：出门牵绳，及时清理';
const BODY = '各位居民：\n\n为创建文明城市，请大家**遛狗时牵好绳**。\n\n- 出门牵绳\n- 及时清理粪便';

const units = seed.org_units as unknown as OrgUnit[];
const users = seed.users as unknown as UserProfile[];
const estateIds = (names: string[]) =>
  units.filter((u) => u.kind === 'estate' && u.parentId === COMMUNITY && names.includes(u.name)).map((u) => u._id);
const buildingsOf = (estates: string[]) =>
  new Set(units.filter((u) => u.kind === 'building' && estates.includes(String(u.parentId))).map((u) => u._id));
const plainResidentIn = (buildings: Set<string>) =>
  users.find(
    (u) => u.binding === 'confirmed' && u.buildingId && buildings.has(u.buildingId) && u.roles.every((g) => g.role === 'resident'),
  ) as UserProfile;

const targeted = buildingsOf(estateIds(TARGET_ESTATES));
const outside = buildingsOf(estateIds([OTHER_ESTATE]));
const insider = plainResidentIn(targeted);
const outsider = plainResidentIn(outside);

async function advanceClock(baseUrl: string, ms: number) {
  const res = await fetch(`${baseUrl}/_dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(res.status).toBe(200);
}

/** The number in an awareness tile (知晓率 / 已读居民 / 覆盖居民). */
async function tile(page: Page, label: string): Promise<string> {
  const value = screen(page).locator('.aware__number', { hasText: label }).locator('.aware__number-value');
  return ((await value.textContent()) ?? '').trim();
}

describe('announcement, end to end in the browser: 写公告 → 预览 → 发布 → 居民阅读 → 知晓率', () => {
  const env = cloudAndPhone();
  beforeAll(() => {
    if (!insider || !outsider) throw new Error('the demo seed lacks a plain resident inside / outside the targets');
  });

  it('staff publish to two 小区, a resident there reads it, awareness rises; a resident elsewhere never sees it', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // 1. Station staff: 我的 → 工作台 → 发布公告 → 写公告.
    await enterAs(page, env.cloud.url, STATION);
    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await screen(page).getByText('发布公告', { exact: true }).click();
    await settle(page);
    await screen(page).getByText('还没有公告', { exact: false }).waitFor();
    await screenshot(page, 'announce-01-staff-manage-empty');
    await screen(page).locator('.async-button', { hasText: '写公告' }).click();
    await settle(page);
    await screen(page).locator('.ttree__pick', { hasText: '和平社区' }).waitFor();

    // Saving an empty form says what is missing, next to each field.
    await screen(page).locator('.async-button', { hasText: '保存并预览' }).click();
    await screen(page).getByText('请填写标题').waitFor();
    await screen(page).getByText('请选择推送范围').waitFor();
    await screenshot(page, 'announce-02-compose-missing');

    await fillByPlaceholder(page, '例如：创建文明城市，从我做起', TITLE);
    await fillByPlaceholder(page, '公告正文', BODY);
    for (const estate of TARGET_ESTATES) await screen(page).locator('.ttree__pick', { hasText: estate }).click();
    await screen(page).getByText(`已选 2 项 · 共 ${targeted.size} 栋`).waitFor();
    await screenshot(page, 'announce-03-compose-filled');

    // 2. 预览: the body as residents will see it (bold run, list).
    await screen(page).locator('.async-button', { hasText: '保存并预览' }).click();
    await settle(page);
    await screen(page).getByText(TITLE).waitFor();
    await screen(page).locator('.ann-body__bold', { hasText: '遛狗时牵好绳' }).waitFor();
    await screen(page).locator('.ann-body__item', { hasText: '及时清理粪便' }).waitFor();
    await screenshot(page, 'announce-04-preview');
    const [doc] = env.cloud.store.find('announcements', { title: TITLE });
    const id = String(doc?._id);
    expect(doc?.state).toBe('draft');

    // 3. 发布 (asks first), then the planned deliveries per channel.
    await screen(page)
      .locator('.async-button', { hasText: /^发布$/ })
      .click();
    await page.getByText('发布这条公告吗？').waitFor();
    await screenshot(page, 'announce-05-publish-confirm');
    await page.getByText('确认发布', { exact: true }).click();
    await screen(page).getByText(`已发布到 ${targeted.size} 个楼栋`).waitFor();
    await settle(page);
    await screenshot(page, 'announce-06-published');

    // 4. The outbox drains on the timer (one minute on the local cloud's clock): 发送进度 shows the feed done.
    await advanceClock(env.cloud.url, 60_000);
    await advanceClock(env.cloud.url, 60_000);
    await screen(page).locator('.async-button', { hasText: '查看发送进度' }).click();
    await settle(page);
    const feedRow = screen(page).locator('.ann-progress', { hasText: '小程序公告' });
    const feedText = ((await feedRow.locator('.ann-progress__value').textContent()) ?? '').trim();
    const [sent, planned] = feedText.split('/').map((x) => Number(x.trim()));
    expect(planned).toBeGreaterThan(0);
    expect(sent).toBe(planned);
    await screenshot(page, 'announce-07-progress');

    // 5. 知晓率 before anyone read it.
    await screen(page).locator('.async-button', { hasText: '查看知晓率' }).click();
    await settle(page);
    await screen(page).locator('.aware__estate', { hasText: TARGET_ESTATES[0] }).waitFor();
    expect(await tile(page, '已读居民')).toBe('0');
    expect(await tile(page, '知晓率')).toBe('0%');
    const residents = Number(await tile(page, '覆盖居民'));
    expect(residents).toBeGreaterThan(0);
    await screenshot(page, 'announce-08-awareness-before');

    // 6. A resident of a targeted building: the home strip lists it, the detail page opens.
    await enterAs(page, env.cloud.url, insider._id);
    const strip = screen(page).locator('.home__notice-item', { hasText: TITLE });
    await strip.waitFor();
    await screenshot(page, 'announce-09-resident-home');
    await strip.click();
    await settle(page);
    await screen(page).locator('.adetail__title', { hasText: TITLE }).waitFor();
    await screen(page).locator('.ann-body__bold', { hasText: '遛狗时牵好绳' }).waitFor();
    await screenshot(page, 'announce-10-resident-detail');
    // The feed now marks it read.
    await page.goto(`${env.cloud.url}/#/pages/announce/feed`);
    await settle(page);
    await screen(page).locator('.ann-card', { hasText: TITLE }).getByText('已读', { exact: false }).waitFor();
    await screenshot(page, 'announce-11-resident-feed');

    // 7. Back to the staff: 知晓率 counts the reader.
    await enterAs(page, env.cloud.url, STATION);
    await page.goto(`${env.cloud.url}/#/pages/announce/awareness?id=${encodeURIComponent(id)}`);
    await settle(page);
    await screen(page).locator('.aware__estate', { hasText: TARGET_ESTATES[0] }).waitFor();
    expect(await tile(page, '已读居民')).toBe('1');
    const pct = Math.round((1 / residents) * 1000) / 10;
    expect(await tile(page, '知晓率')).toBe(`${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`);
    await screenshot(page, 'announce-12-awareness-after');

    // 8. A resident of a 小区 outside the targets: nothing on the home strip, nothing in the feed.
    await enterAs(page, env.cloud.url, outsider._id);
    await screen(page).locator('.home__notice').waitFor();
    expect(await screen(page).getByText(TITLE).count()).toBe(0);
    await screenshot(page, 'announce-13-outsider-home');
    await page.goto(`${env.cloud.url}/#/pages/announce/feed`);
    await settle(page);
    await screen(page).getByText('本楼栋暂无公告').waitFor();
    expect(await screen(page).getByText(TITLE).count()).toBe(0);
    await screenshot(page, 'announce-14-outsider-feed');

    // 9. The insider's building head: 转发任务 lists it; 未读住户 leaves out the household that read it.
    const building = units.find((u) => u._id === insider.buildingId);
    const head = building?.kind === 'building' ? String(building.buildingHeadOpenid) : '';
    await enterAs(page, env.cloud.url, head);
    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await screen(page).getByText('转发任务', { exact: true }).click();
    await settle(page);
    const task = screen(page).locator('.ann-card', { hasText: TITLE });
    await task.getByText('转发到楼栋群').waitFor();
    await screenshot(page, 'announce-15-head-tasks');
    await task.getByText('未读住户', { exact: false }).click();
    await settle(page);
    await screen(page).getByText('未读住户（', { exact: false }).waitFor();
    expect(
      await screen(page)
        .locator('.aunread__room', { hasText: insider.room ?? '' })
        .count(),
    ).toBe(0);
    await screenshot(page, 'announce-16-head-unread');

    // 10. A card opened from a group (the browser build's ?opengid= stands in for wx.getGroupEnterInfo) counts a group open.
    // The card carries the share task's signed token (st): only with it does the group count for that building.
    const tasks = (await env.cloud.call('announce', { action: 'shareTasks' }, head)).body.result.data.items as {
      announcementId: string;
      buildingId: string;
      shareToken: string;
    }[];
    const shareToken = tasks.find((t) => t.announcementId === id && t.buildingId === insider.buildingId)?.shareToken ?? '';
    expect(shareToken).not.toBe('');
    await page.goto(
      `${env.cloud.url}/#/pages/announce/detail?id=${encodeURIComponent(id)}&buildingId=${insider.buildingId}&st=${encodeURIComponent(shareToken)}&opengid=G-e2e-new-group`,
    );
    await settle(page);
    await screen(page).getByText('已记录本群的阅读').waitFor();
    expect(env.cloud.store.find('announcement_group_reads', { announcementId: id }).length).toBe(1);

    expect(errors).toEqual([]);
  });
});
