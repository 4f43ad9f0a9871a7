import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit, Team } from '../../src/domain/org/org.types';
import { MEAL_ITEM, orderClient } from '../cloud/order-support';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { enterAs, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(180_000);

const users = seed.users as unknown as UserProfile[];
const buildings = (seed.org_units as unknown as BuildingUnit[]).filter((u) => u.kind === 'building');
const STATION = 'o-station-01';
const team02 = (seed.teams as unknown as Team[]).find((t) => t._id === 'team-02') as Team;
const MEMBER = team02.memberOpenids.find((o) => o !== team02.leaderOpenid) as string;
/** A building of 和平社区 with a building head and a plain resident (served by 豆花帮帮团). */
const building = buildings.find(
  (b) =>
    b.path[1] === 'org-community-01' &&
    b.buildingHeadOpenid &&
    users.some((u) => u.buildingId === b._id && u.binding === 'confirmed' && u.roles.every((g) => g.role === 'resident')),
) as BuildingUnit;
const HEAD = building.buildingHeadOpenid as string;
const resident = users.find(
  (u) => u.buildingId === building._id && u.binding === 'confirmed' && u.roles.every((g) => g.role === 'resident'),
) as UserProfile;
const HOUR = 3_600_000;
const TITLE = '楼道消防通道清理通知';

/** Issue #14 item 10: 转发到楼栋群 in the browser, the form's own phone, 服务签到 without a 16-character id, 确认码 and early check-in. */
describe('small things users hit, in the browser build', () => {
  const env = cloudAndPhone();
  const api = () => orderClient(env.cloud);

  it('楼栋长: 转发到楼栋群 says what WeChat would do and copies the link instead (home and 转发任务)', async () => {
    const { page } = env.phone;
    const created = (
      await env.cloud.call(
        'announce',
        { action: 'create', title: TITLE, body: '本周六上午清理楼道杂物，请各户配合。', category: '温馨提示', targets: [building._id] },
        STATION,
      )
    ).body.result;
    expect(created.ok).toBe(true);
    expect((await env.cloud.call('announce', { action: 'publish', id: created.data.id }, STATION)).body.result.ok).toBe(true);

    await enterAs(page, env.cloud.url, HEAD);
    const task = screen(page).locator('.rhome__task', { hasText: TITLE });
    await task.getByText('转发到楼栋群 ›').click();
    await page.getByText('在微信里，这里会打开转发面板，选择本楼栋的微信群发送；浏览器里无法转发', { exact: false }).waitFor();
    await screenshot(page, 'small-fixes-01-head-home-share');
    await page.getByText('复制链接', { exact: true }).click();
    await page.getByText('链接已复制，可粘贴到楼栋群').waitFor();
    const copied = await page.evaluate(() => localStorage.getItem('taro_clipboard') ?? '');
    expect(copied).toContain(`#/pages/announce/detail?id=${created.data.id}`);
    expect(copied).toContain(`${building._id}`);

    await page.goto(`${env.cloud.url}/#/pages/announce/tasks`);
    await settle(page);
    await screen(page).locator('.ann-card', { hasText: TITLE }).getByText('转发到楼栋群').click();
    await page.getByText('浏览器里无法转发', { exact: false }).waitFor();
    await screenshot(page, 'small-fixes-02-head-tasks-share');
    await page.getByText('知道了', { exact: true }).click();
  });

  it('the order form fills 联系电话 with the resident’s own last-used number', async () => {
    const { page } = env.phone;
    await api().place(resident._id, { itemId: MEAL_ITEM, contactPhone: '13766554433' });
    await enterAs(page, env.cloud.url, resident._id);
    await page.goto(`${env.cloud.url}/#/pages/order/create/index?itemId=${MEAL_ITEM}&categoryId=cat-01`);
    await settle(page);
    const phone = screen(page).locator('input[placeholder="11 位手机号"]');
    await phone.waitFor();
    expect(await phone.inputValue()).toBe('13766554433');
    await screen(page).getByText('已填入您的手机号，可修改').waitFor();
    await screenshot(page, 'small-fixes-03-form-phone');
  });

  it('志愿者: 服务签到 by the last 6 characters; an early check-in asks first; a wrong 确认码 stays red at the field', async () => {
    const { page } = env.phone;
    const start = Date.now() + 2 * 24 * HOUR + HOUR;
    const orderId = await api().place(resident._id, { itemId: MEAL_ITEM, preferredWindow: { start, end: start + HOUR } });
    await api().must(orderId, 'accept', STATION);
    await api().must(orderId, 'dispatch', STATION, { teamId: team02._id });
    await api().must(orderId, 'take', team02.leaderOpenid);

    await enterAs(page, env.cloud.url, MEMBER);
    await page.goto(`${env.cloud.url}/#/pages/team/index/index`);
    await settle(page);
    const entry = screen(page).locator('.card', { hasText: '订单号后 6 位' });
    await entry.getByText('选择要签到的订单', { exact: false }).waitFor();
    expect(await entry.locator('input[placeholder*="ord-"]').count()).toBe(0);
    await fillByPlaceholder(page, '例如 3fa9c2', 'zzzzzz');
    await entry.locator('.async-button', { hasText: '打开订单' }).click();
    await entry.getByText('没有尾号为 zzzzzz 的订单', { exact: false }).waitFor();
    await screenshot(page, 'small-fixes-04-sign-in-entry');
    await fillByPlaceholder(page, '例如 3fa9c2', orderId.slice(-6).toUpperCase());
    await entry.locator('.async-button', { hasText: '打开订单' }).click();
    await settle(page);
    await screen(page).locator('.torder__head', { hasText: '已接单' }).waitFor();
    expect(page.url()).toContain(orderId);

    const code = String((env.cloud.store.findById('orders', orderId) as { serviceCode?: string } | null)?.serviceCode);
    await fillByPlaceholder(page, '6 位数字', code === '000000' ? '111111' : '000000');
    const checkIn = screen(page).locator('.async-button', { hasText: '凭确认码签到' });
    await checkIn.click();
    await page.getByText('离预约时间还有 2 天，确定现在签到吗？').waitFor();
    await screenshot(page, 'small-fixes-05-early-check-in');
    await page.getByText('再想想', { exact: true }).click();
    await page.waitForTimeout(500);
    expect((env.cloud.store.findById('orders', orderId) as { state?: string } | null)?.state).toBe('taken');
    // Nothing was sent: no wrong guess counted.
    expect(env.cloud.store.find('attempt_counters', { key: `${MEMBER}:${orderId}` }).length).toBe(0);

    await checkIn.click();
    await page.getByText('确定签到', { exact: true }).click();
    const field = screen(page).locator('.form-field--error', { hasText: '居民确认码' });
    const error = field.locator('.form-field__error');
    await error.getByText('确认码不正确，请向居民核对').waitFor();
    // Red, and still there after a toast would have gone.
    await page.waitForTimeout(3500);
    expect(await error.isVisible()).toBe(true);
    const color = await error.evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number) as [number, number, number];
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(100);
    expect(b).toBeLessThan(100);
    await screenshot(page, 'small-fixes-06-wrong-code');
    await fillByPlaceholder(page, '6 位数字', code);
    expect(await screen(page).locator('.form-field--error').count()).toBe(0);
    await checkIn.click();
    await screen(page).locator('.torder__head', { hasText: '服务中' }).waitFor();
    await screenshot(page, 'small-fixes-07-checked-in');
  });
});
