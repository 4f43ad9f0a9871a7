import type { Page } from 'playwright-core';
import { buildDemoPii } from '../../local-cloud/seed/demo-pii';
import type { UserProfile } from '../../src/domain/identity/role';
import { PAGE_SIZE_DEFAULT } from '../../src/domain/order/order.rules';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { SAMPLE_PHOTO } from '../support/sample-photo';
import { confirmedResident, enterAs, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(180_000);

/** Demo seed people: the resident's community station, the only team with 水电维修, one of its volunteers. */
const STATION = 'o-station-01';
const LEADER = 'o-leader-05';
const TEAM = '邻里修缮队';
const VOLUNTEER = 'o-volunteer-0010';
const DESCRIPTION = '卫生间水管接头漏水，地上总是湿的，麻烦帮忙修一下';
/** A second order of the resident, already 受理 (待派单) when the station opens the queue. */
const OTHER = '另一张订单：已受理，等待派单的送餐';
/** Orders on the 派单台's first page (PAGE_SIZE_DEFAULT). */
const QUEUE_PAGE = PAGE_SIZE_DEFAULT;

/** Waits for the state label in the page's head card. */
async function expectState(page: Page, headClass: string, label: string) {
  await screen(page).locator(headClass).getByText(label, { exact: true }).waitFor();
}

describe('one order, end to end in the browser: 点单 → 受理 → 派单 → 接单 → 指派 → 签到 / 签退 → 完成 → 评价', () => {
  const env = cloudAndPhone();

  it('every role sees and moves the order through its screen', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const as = async (openid: string) => {
      await enterAs(page, env.cloud.url, openid);
    };

    // 1. The resident orders 水电维修 through the resident screens.
    await as(confirmedResident._id);
    await page.getByText('便民维修').first().click();
    await settle(page);
    await page.locator('.items__item', { hasText: '水电维修' }).getByText('我要点单').click();
    await settle(page);
    await fillByPlaceholder(page, '请说明需要什么帮助，例如：厨房水龙头漏水', DESCRIPTION);
    await fillByPlaceholder(page, '11 位手机号', '13800138000');
    await page.getByText('提交点单').click();
    const myRow = page.locator('.order-card', { hasText: DESCRIPTION });
    await myRow.waitFor();
    await settle(page);
    await myRow.getByText('待受理').waitFor();
    await screenshot(page, 'journey-01-resident-ordered');
    const [doc] = env.cloud.store.find('orders', { requesterOpenid: confirmedResident._id, description: DESCRIPTION });
    const orderId = String(doc?._id);
    expect(doc?.state).toBe('submitted');

    // Another order of the resident the station has already accepted: the queue shows it 待派单 until filtered out.
    const start = Date.now() + 24 * 3600 * 1000;
    const placed = await env.cloud.call(
      'order',
      {
        action: 'create',
        itemId: 'item-02',
        description: OTHER,
        preferredWindow: { start, end: start + 3600 * 1000 },
        contactPhone: '13800138000',
        requestId: `journey-other-${Date.now()}`,
      },
      confirmedResident._id,
    );
    const otherId = String(placed.body.result.data?.orderId);
    expect((await env.cloud.call('order', { action: 'transition', orderId: otherId, event: 'accept' }, STATION)).body.result.ok).toBe(true);

    // 2. Station staff: 我的 → 工作台 → 派单台, the order in the queue, 受理, then 派单 by the recommendation.
    await as(STATION);
    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await screen(page).getByText('工作台').waitFor();
    await screenshot(page, 'journey-02-station-mine-workbench');
    await screen(page).getByText('派单台', { exact: true }).click();
    await settle(page);
    const queued = screen(page).locator('.queue-card', { hasText: DESCRIPTION });
    await queued.getByText('待受理').waitFor();
    const acceptedCard = screen(page).locator('.queue-card', { hasText: OTHER });
    await acceptedCard.getByText('待派单', { exact: true }).waitFor();
    // The work counts above the list: 待受理 / 待派单 count what waits on this station, ours among them.
    const stationOrders = (state: string) =>
      env.cloud.store.find('orders', { communityId: doc?.communityId, level: 'station', state }).length;
    const waiting = stationOrders('submitted');
    expect(waiting).toBeGreaterThanOrEqual(1);
    expect(stationOrders('accepted')).toBeGreaterThanOrEqual(1);
    const waitingChip = screen(page).locator('.queue__chip', { hasText: /^待受理 \d+$/ });
    expect(((await waitingChip.textContent()) ?? '').trim()).toBe(`待受理 ${waiting}`);
    const toDispatchChip = screen(page).locator('.queue__chip', { hasText: /^待派单 \d+$/ });
    expect(((await toDispatchChip.textContent()) ?? '').trim()).toBe(`待派单 ${stationOrders('accepted')}`);
    await screenshot(page, 'journey-03-station-queue');
    // The chip is also the quickest filter: tapped, the list shows only orders waiting for 受理 (ours, not the accepted one).
    await waitingChip.click();
    await screen(page).locator('.queue__chip--on', { hasText: '待受理' }).waitFor();
    await acceptedCard.waitFor({ state: 'detached' });
    const cards = screen(page).locator('.queue-card');
    await page.waitForFunction(
      (n) => {
        const shown = Array.from(document.querySelectorAll('.taro_page_stationed .queue-card')).filter(
          (c) => (c as HTMLElement).offsetParent,
        );
        return shown.length === n && shown.every((c) => c.querySelector('.queue-card__tags')?.textContent?.includes('待受理'));
      },
      Math.min(waiting, QUEUE_PAGE),
    );
    await queued.waitFor();
    expect(await cards.count()).toBe(Math.min(waiting, QUEUE_PAGE));
    await settle(page);
    await screenshot(page, 'journey-03b-station-queue-waiting');
    await queued.click();
    await settle(page);
    await expectState(page, '.sdetail__head', '待受理');
    await screenshot(page, 'journey-04-station-order-submitted');
    await screen(page).locator('.async-button', { hasText: '受理' }).click();
    await expectState(page, '.sdetail__head', '待派单');
    // The recommendation names the team and says why.
    const rec = screen(page).locator('.rec__item', { hasText: TEAM });
    await rec.getByText('推荐').waitFor();
    await rec.getByText(/技能匹配（水电维修）/).waitFor();
    await settle(page);
    await screenshot(page, 'journey-05-station-recommendations');
    await screen(page)
      .locator('.async-button', { hasText: `派单给「${TEAM}」` })
      .click();
    await page.getByText(`把订单派给「${TEAM}」吗？`).waitFor();
    await screenshot(page, 'journey-06-station-dispatch-confirm');
    await page.getByText('确定派单', { exact: true }).click();
    await expectState(page, '.sdetail__head', '已派单');
    await screen(page).getByText(`派单 · 已派单`).waitFor();
    await settle(page);
    await screenshot(page, 'journey-07-station-dispatched');

    // 3. The leader: 我的 → 接单, the order under 待接单, opened, 接单.
    await as(LEADER);
    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await screen(page).getByText('接单', { exact: true }).click();
    await settle(page);
    const inboxRow = screen(page).locator('.order-row', { hasText: DESCRIPTION });
    await inboxRow.getByText('已派单').waitFor();
    await screenshot(page, 'journey-08-leader-inbox');
    await inboxRow.locator('.order-row__main').click();
    await settle(page);
    await expectState(page, '.torder__head', '已派单');
    await screen(page)
      .locator('.async-button', { hasText: /^接单$/ })
      .click();
    await expectState(page, '.torder__head', '已接单');
    await settle(page);
    await screenshot(page, 'journey-09-leader-taken');
    // 指派队员: the leader picks the volunteer by full name (two 余* in one team are two people) and saves.
    const volunteerName = buildDemoPii(seed.users as UserProfile[]).get(VOLUNTEER)?.realName as string;
    const masked = env.cloud.store.find('users', { _id: VOLUNTEER })[0]?.displayName as string;
    await screen(page).getByText('尚未指派，本队队员都可以签到').waitFor();
    expect(await screen(page).locator('.assign__chip', { hasText: masked }).count()).toBe(0);
    await screen(page).locator('.assign__chip', { hasText: volunteerName }).click();
    await screen(page).locator('.async-button', { hasText: '保存指派（1 人）' }).click();
    await screen(page).getByText(`已指派：${volunteerName}`).waitFor();
    await settle(page);
    await screenshot(page, 'journey-09b-leader-assigned');
    expect(env.cloud.store.find('orders', { _id: orderId })[0]?.assigneeOpenids).toEqual([VOLUNTEER]);

    // 4. The resident now sees the 确认码 on the order detail.
    await as(confirmedResident._id);
    await page.goto(`${env.cloud.url}/#/pages/order/detail/index?orderId=${orderId}`);
    await settle(page);
    await expectState(page, '.detail__head', '已接单');
    const code = ((await screen(page).locator('.detail__code-value').textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    await screenshot(page, 'journey-10-resident-code');

    // 5. A volunteer of the team: 我的 → 服务签到, opens the order by its number, checks in and out with the code.
    await as(VOLUNTEER);
    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await screen(page).getByText('服务签到', { exact: true }).click();
    await settle(page);
    await screen(page).getByText(TEAM, { exact: true }).waitFor();
    // The last 6 characters of the order number are enough (never the 16-character id).
    await fillByPlaceholder(page, '例如 3fa9c2', orderId.slice(-6));
    await screenshot(page, 'journey-11-volunteer-console');
    await screen(page).locator('.async-button', { hasText: '打开订单' }).click();
    await settle(page);
    await expectState(page, '.torder__head', '已接单');
    await fillByPlaceholder(page, '6 位数字', '000000' === code ? '111111' : '000000');
    await screen(page).locator('.async-button', { hasText: '凭确认码签到' }).click();
    // The slot is tomorrow: asked once whether to check in this early.
    await page.getByText(/离预约时间还有 \d+ (小时|天)，确定现在签到吗？/).waitFor();
    await page.getByText('确定签到', { exact: true }).click();
    // A wrong code stays in red beside the field (not a passing toast) until it is edited.
    await screen(page).locator('.form-field--error', { hasText: '居民确认码' }).getByText('确认码不正确，请向居民核对').waitFor();
    await screenshot(page, 'journey-12-volunteer-wrong-code');
    await page.waitForTimeout(3200);
    await fillByPlaceholder(page, '6 位数字', code);
    expect(await screen(page).locator('.form-field--error').count()).toBe(0);
    await screen(page).locator('.async-button', { hasText: '凭确认码签到' }).click();
    await expectState(page, '.torder__head', '服务中');
    await screen(page).locator('.sessions__item', { hasText: '居民确认码' }).waitFor();
    await settle(page);
    await screenshot(page, 'journey-13-volunteer-checked-in');
    // Two hours of service pass on the local cloud's clock.
    await fetch(`${env.cloud.url}/_dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 2 * 60 * 60 * 1000 }),
    });
    await fillByPlaceholder(page, '6 位数字', code);
    await screen(page).locator('.async-button', { hasText: '凭确认码签退' }).click();
    await screen(page).getByText('本次服务已签退').waitFor();
    await expectState(page, '.torder__head', '服务中');
    await settle(page);
    await screenshot(page, 'journey-14-volunteer-checked-out');

    // 6. The leader completes with a summary and a photo of the repair.
    await as(LEADER);
    await page.goto(`${env.cloud.url}/#/pages/team/order/index?orderId=${orderId}`);
    await settle(page);
    await expectState(page, '.torder__head', '服务中');
    await fillByPlaceholder(page, '做了什么、结果如何、需要居民注意什么', '更换了卫生间水管接头和密封圈，已试水不再漏水。');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), screen(page).locator('.photo-picker__add').click()]);
    await chooser.setFiles(SAMPLE_PHOTO);
    await screen(page).locator('.photo-picker img').first().waitFor();
    await settle(page);
    await screenshot(page, 'journey-15-leader-report');
    await screen(page).locator('.async-button', { hasText: '完成服务' }).click();
    await page.getByText('确定完成', { exact: true }).click();
    await expectState(page, '.torder__head', '待评价');
    await settle(page);
    await screenshot(page, 'journey-16-leader-completed');
    const report = env.cloud.store.find('orders', { _id: orderId })[0]?.report as { photos: string[] };
    expect(report.photos).toHaveLength(1);
    expect(report.photos[0]).toMatch(/^cloud:\/\/.+\/reports\/.+\.png$/);

    // 7. The resident rates: 已完成.
    await as(confirmedResident._id);
    await page.goto(`${env.cloud.url}/#/pages/order/detail/index?orderId=${orderId}`);
    await settle(page);
    await expectState(page, '.detail__head', '待评价');
    await screen(page).locator('.detail__desc', { hasText: '更换了卫生间水管接头和密封圈' }).waitFor();
    // The leader's photo, loaded from the local cloud's storage (a broken image has no natural width).
    const reportPhoto = screen(page).locator('.detail__photos img').first();
    await reportPhoto.waitFor();
    await page.waitForFunction(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      await reportPhoto.elementHandle(),
    );
    await screen(page).getByText('问题已解决', { exact: true }).click();
    await screen(page).locator('.async-button', { hasText: '提交评价' }).click();
    await expectState(page, '.detail__head', '已完成');
    await settle(page);
    // After the rating one plain question, not a red 回头看：问题未解决 button.
    const solved = screen(page).locator('.detail__solved');
    await solved.getByText('问题解决了吗？').waitFor();
    expect(await screen(page).getByText('回头看：问题未解决').count()).toBe(0);
    await screenshot(page, 'journey-17-resident-rated');
    await solved.locator('.async-button', { hasText: /^是$/ }).click();
    await solved.waitFor({ state: 'detached' });

    const final = env.cloud.store.find('orders', { _id: orderId })[0];
    expect(final?.state).toBe('closed');

    // 8. Station statistics: the closed order and its hours, per station and per team, as bar charts.
    await as(STATION);
    await page.goto(`${env.cloud.url}/#/pages/station/stats/index`);
    await settle(page);
    await screen(page).getByText('各状态订单数').waitFor();
    await screen(page).locator('.bar-chart__row', { hasText: '已完成' }).waitFor();
    await screenshot(page, 'journey-19-station-stats');
    await screen(page).getByText('按队伍', { exact: true }).click();
    await screen(page).locator('.bar-chart__row', { hasText: TEAM }).first().waitFor();
    await settle(page);
    await screenshot(page, 'journey-20-station-stats-by-team');

    // 9. The volunteer's hours and points.
    await as(VOLUNTEER);
    await page.goto(`${env.cloud.url}/#/pages/team/points/index`);
    await settle(page);
    await screen(page).getByText('水电维修').waitFor();
    await screen(page)
      .getByText(/积分规则/)
      .waitFor();
    await screenshot(page, 'journey-18-volunteer-points');

    expect(errors).toEqual([]);
  });
});
