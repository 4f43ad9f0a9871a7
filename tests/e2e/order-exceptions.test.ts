import type { Locator, Page } from 'playwright-core';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { storedTimeline } from '../support/order-timeline';
import { turnPicker } from '../support/picker';
import { confirmedResident, enterAs, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(240_000);

/** Demo seed people: the resident's community station, the subdistrict's institute. */
const STATION = 'o-station-01';
const INSTITUTE = 'o-institute-01';
/** 助餐送餐: both teams below can serve it in the resident's community. */
const MEAL_ITEM = 'item-02';
const DOUHUA = { id: 'team-02', name: '豆花帮帮团', leader: 'o-leader-02' };
const QINGCHUN = { id: 'team-04', name: '青春志愿先锋', leader: 'o-leader-04' };
/** A volunteer of 豆花帮帮团. */
const VOLUNTEER = 'o-volunteer-0004';
const VOLUNTEER_NAME = (seed.users as { _id: string; displayName: string }[]).find((u) => u._id === VOLUNTEER)?.displayName as string;
const HOUR = 60 * 60 * 1000;
/** The phone is in China, as the functions assume when they write times into timeline notes. */
const TIMEZONE = 'Asia/Shanghai';
const BEIJING_OFFSET = 8 * HOUR;
/** `hour`:00 Beijing time on the day after `now`. */
const tomorrowAt = (now: number, hour: number) =>
  (Math.floor((now + BEIJING_OFFSET) / (24 * HOUR)) + 1) * 24 * HOUR - BEIJING_OFFSET + hour * HOUR;
/** 11-24 12:00, Beijing time, as the timeline notes write it. */
const noteTime = (ms: number) => new Date(ms + BEIJING_OFFSET).toISOString().slice(5, 16).replace('T', ' ');

/** One order per path, told apart by what the resident wrote. */
const ORDERS = {
  rejected: '想请人每天帮忙送午饭，顺便陪我家的狗散步',
  escalated: '独居老人中午不方便做饭，希望有人送一份午餐',
  reassigned: '家里老人刚出院，这一周需要有人送午饭上门',
  declined: '周末两天想请志愿者帮忙送两顿饭给楼下的老人',
  corrected: '老人腿脚不便，想请志愿者明天上午送一份午饭',
};
const REASONS = {
  reject: '遛狗不属于便民服务范围，送餐部分请重新单独点单',
  escalate: '本站两支队伍本周都排满了，请实践所协调',
  decline: '本周队员都在外地培训，无法按时上门',
  correct: '队员离开时忘记签退，按实际离开的时间更正',
};

interface StoredOrder {
  state: string;
  version: number;
  level: string;
  teamId: string | null;
  serviceHours?: number;
}
interface StoredEvent {
  seq: number;
  event: string;
  note: string;
  byOpenid: string;
}

describe('派单台 and 接单 off the happy path: 驳回, 上报, 改派, 退回, 更正签退', () => {
  const env = cloudAndPhone();
  let page: Page;
  const errors: string[] = [];
  let requests = 0;

  beforeAll(async () => {
    page = env.phone.page;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: TIMEZONE });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterEach(() => expect(errors).toEqual([]));

  // --- The cloud: seeding the steps that are not under test, reading the order back. ---

  const stored = (orderId: string) => env.cloud.store.find('orders', { _id: orderId })[0] as unknown as StoredOrder;
  const lastEvent = (orderId: string) => (storedTimeline(env.cloud.store, orderId) as unknown as StoredEvent[]).at(-1);

  async function callOrder(data: object, openid: string) {
    const { body } = await env.cloud.call('order', data, openid);
    if (!body.result?.ok) throw new Error(`order ${JSON.stringify(data)} as ${openid}: ${JSON.stringify(body)}`);
    return body.result.data;
  }
  /** The resident places a 助餐送餐 order for tomorrow (by the cloud's clock). */
  async function place(description: string): Promise<string> {
    requests += 1;
    const start = env.cloud.clock.now().getTime() + 24 * HOUR;
    const data = await callOrder(
      {
        action: 'create',
        itemId: MEAL_ITEM,
        description,
        preferredWindow: { start, end: start + 2 * HOUR },
        contactPhone: '13800138000',
        requestId: `e2e-exceptions-${requests}`,
      },
      confirmedResident._id,
    );
    return data.orderId as string;
  }
  const fire = (orderId: string, event: string, openid: string, extra: object = {}) =>
    callOrder({ action: 'transition', orderId, event, ...extra }, openid);
  /** Accepted and dispatched by the station, as the journey test does through the screens. */
  async function placeDispatched(description: string, teamId: string): Promise<string> {
    const orderId = await place(description);
    await fire(orderId, 'accept', STATION);
    await fire(orderId, 'dispatch', STATION, { teamId });
    return orderId;
  }
  /** Moves the local cloud's clock, and the phone's with it (a phone and the server share one time). */
  async function moveClock(advanceMs: number) {
    const res = await fetch(`${env.cloud.url}/_dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs }),
    });
    expect(res.ok).toBe(true);
    await page.clock.setSystemTime(env.cloud.clock.now());
  }

  // --- The screens, by their visible labels. ---

  const view = () => screen(page);
  const button = (label: string | RegExp) => view().locator('.async-button', { hasText: label });
  const timelineEntry = (title: string) => view().locator('.timeline__entry', { hasText: title });
  const row = (label: string) => view().locator('.sdetail__row', { hasText: label });
  const fieldError = (message: string) => view().locator('.form-field__error', { hasText: message });
  /** Saves the screen; unless `withToast`, once the last toast has gone so it hides nothing. */
  const shot = async (name: string, withToast = false) => {
    await settle(page);
    if (!withToast) {
      await page.waitForFunction(() => !Array.from(document.querySelectorAll('.taro__toast')).some((t) => t.checkVisibility()));
    }
    await screenshot(page, `exceptions-${name}`);
  };

  /** Plays `openid` and opens 我的 → `entry` (派单台, 接单, 服务签到). */
  async function openConsole(openid: string, entry: string) {
    await enterAs(page, env.cloud.url, openid);
    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await view().getByText(entry, { exact: true }).click();
    await settle(page);
  }
  /** The order's card in the open 派单台 queue, or its row in the open 接单 list. */
  const queueCard = (description: string) => view().locator('.queue-card', { hasText: description });
  const teamRow = (description: string) => view().locator('.order-row', { hasText: description });

  /** Opens an order from its card in a list, which shows the same state label; `listShot` saves the list first. */
  async function openCard(card: Locator, label: string, listShot?: string) {
    await card.getByText(label, { exact: true }).waitFor();
    if (listShot) await shot(listShot);
    await card.click();
    await settle(page);
    await expectState(label);
  }
  /** Opens the order from the staff queue (派单台). */
  async function openFromQueue(openid: string, description: string, label: string) {
    await openConsole(openid, '派单台');
    await openCard(queueCard(description), label);
  }
  /** Waits for the state label in the head card of the station, team or resident order page. */
  async function expectState(label: string) {
    await view().locator('.sdetail__head, .torder__head, .detail__head').getByText(label, { exact: true }).waitFor();
  }
  /** Taps a recommended team; its reason says why it may serve. */
  async function chooseTeam(name: string) {
    await view().locator('.rec__item', { hasText: name }).click();
    await view().locator('.rec__item--chosen', { hasText: name }).waitFor();
  }
  /** Taps a destructive button, reads its confirmation and confirms it. */
  async function pressAndConfirm(label: string | RegExp, question: string, confirmText: string, name: string) {
    await button(label).click();
    await page.getByText(question, { exact: false }).waitFor();
    await shot(name);
    await page.getByText(confirmText, { exact: true }).click();
  }
  /** Presses the button with the reason left empty: a message, no question asked, nothing changed. */
  async function pressWithoutReason(orderId: string, label: string | RegExp, message: string, name: string) {
    const before = stored(orderId);
    await button(label).click();
    await fieldError(message).waitFor();
    await shot(name, true);
    expect(await page.locator('.taro-modal__content:visible').count()).toBe(0);
    expect(stored(orderId)).toMatchObject({ state: before.state, version: before.version });
  }
  it('驳回: the reason is required; then the order is 已驳回 and the resident reads why', async () => {
    const orderId = await place(ORDERS.rejected);
    await openFromQueue(STATION, ORDERS.rejected, '待受理');
    await shot('1-01-station-order');

    await pressWithoutReason(orderId, /^驳回$/, '请先填写驳回的理由', '1-02-reject-without-reason');
    await expectState('待受理');
    expect(stored(orderId).state).toBe('submitted');

    await fillByPlaceholder(page, '请填写理由', REASONS.reject);
    await pressAndConfirm(/^驳回$/, '驳回后居民会收到通知和理由', '确定驳回', '1-03-reject-confirm');
    await expectState('已驳回');
    await timelineEntry('驳回 · 已驳回').getByText(REASONS.reject).waitFor();
    await view().getByText('这个订单现在不需要您处理。').waitFor();
    await shot('1-04-station-rejected');
    expect(stored(orderId).state).toBe('rejected');
    expect(lastEvent(orderId)).toMatchObject({ event: 'reject', note: REASONS.reject, byOpenid: STATION });

    // The resident: 首页 → 全部订单 → 取消/驳回, the order 已驳回, and the reason on its timeline.
    await enterAs(page, env.cloud.url, confirmedResident._id);
    await view().getByText('全部订单').click();
    await settle(page);
    await view().locator('.tabs__tab', { hasText: '取消/驳回' }).click();
    await openCard(view().locator('.order-card', { hasText: ORDERS.rejected }), '已驳回', '1-05-resident-orders');
    await timelineEntry('驳回 · 已驳回').getByText(REASONS.reject).waitFor();
    await shot('1-06-resident-order-rejected');
  });

  it('上报: the station hands the order to 实践所, which accepts and dispatches by the recommendation', async () => {
    const orderId = await place(ORDERS.escalated);
    await openFromQueue(STATION, ORDERS.escalated, '待受理');
    await fillByPlaceholder(page, '请填写理由', REASONS.escalate);
    await pressAndConfirm(/^上报$/, '上报后由街道实践所处理', '确定上报', '2-01-escalate-confirm');

    // The station may no longer act on it, and the page says who does.
    await view().getByText('已上报街道实践所，由实践所受理和派单', { exact: false }).waitFor();
    await expectState('待受理');
    expect(await button(/./).count()).toBe(0);
    await row('处理层级').getByText('街道实践所').waitFor();
    await shot('2-02-station-escalated');
    expect(stored(orderId)).toMatchObject({ state: 'submitted', level: 'institute' });
    expect(lastEvent(orderId)).toMatchObject({ event: 'escalate', note: REASONS.escalate, byOpenid: STATION });

    // The institute: the order in its queue, marked as escalated, with the station's reason.
    await openConsole(INSTITUTE, '派单台');
    await queueCard(ORDERS.escalated).getByText('已上报', { exact: true }).waitFor();
    await openCard(queueCard(ORDERS.escalated), '待受理', '2-03-institute-queue');
    await row('上报理由').getByText(REASONS.escalate).waitFor();
    await timelineEntry('上报 · 待受理').getByText(REASONS.escalate).waitFor();
    await button(/^受理$/).click();
    await expectState('待派单');
    expect(stored(orderId).state).toBe('accepted');

    // It dispatches to the second recommendation, whose reason is on screen.
    await chooseTeam(QINGCHUN.name);
    await view()
      .locator('.rec__item--chosen')
      .getByText(/技能匹配（助餐送餐） · 服务范围覆盖全街道/)
      .waitFor();
    await shot('2-04-institute-recommendations');
    await pressAndConfirm(
      `派单给「${QINGCHUN.name}」`,
      `把订单派给「${QINGCHUN.name}」吗？`,
      '确定派单',
      '2-05-institute-dispatch-confirm',
    );
    await expectState('已派单');
    await row('服务队伍').getByText(QINGCHUN.name).waitFor();
    await shot('2-06-institute-dispatched');
    expect(stored(orderId)).toMatchObject({ state: 'dispatched', level: 'institute', teamId: QINGCHUN.id });
  });

  it("改派: the order leaves the first team's 接单 and shows in the second's", async () => {
    const orderId = await placeDispatched(ORDERS.reassigned, DOUHUA.id);
    await openConsole(DOUHUA.leader, '接单');
    await teamRow(ORDERS.reassigned).getByText('已派单', { exact: true }).waitFor();
    await shot('3-01-first-leader-inbox');

    await openFromQueue(STATION, ORDERS.reassigned, '已派单');
    await view().getByText('改派给其他队伍').waitFor();
    await chooseTeam(QINGCHUN.name);
    await pressAndConfirm(`改派给「${QINGCHUN.name}」`, `改派给「${QINGCHUN.name}」吗？`, '确定改派', '3-02-reassign-confirm');
    await row('服务队伍').getByText(QINGCHUN.name).waitFor();
    await expectState('已派单');
    await timelineEntry('改派 · 已派单').waitFor();
    await shot('3-03-station-reassigned');
    expect(stored(orderId)).toMatchObject({ state: 'dispatched', teamId: QINGCHUN.id });
    expect(lastEvent(orderId)).toMatchObject({ event: 'reassign', byOpenid: STATION });

    await openConsole(DOUHUA.leader, '接单');
    await view().getByText('没有派给本队的新订单').waitFor();
    expect(await teamRow(ORDERS.reassigned).count()).toBe(0);
    await shot('3-04-first-leader-inbox-empty');

    await openConsole(QINGCHUN.leader, '接单');
    await teamRow(ORDERS.reassigned).getByText('已派单', { exact: true }).waitFor();
    await shot('3-05-second-leader-inbox');
  });

  it('退回: the leader hands the order back with a reason; the station reads it and dispatches again', async () => {
    const orderId = await placeDispatched(ORDERS.declined, DOUHUA.id);
    await openConsole(DOUHUA.leader, '接单');
    await teamRow(ORDERS.declined).locator('.async-button', { hasText: '退回' }).click();
    await settle(page);
    await expectState('已派单');

    await pressWithoutReason(orderId, /^退回$/, '请先填写退回的理由', '4-01-decline-without-reason');
    await fillByPlaceholder(page, '例如：本周队员都不在，无法按时服务', REASONS.decline);
    await pressAndConfirm(/^退回$/, '退回后订单回到实践站重新派单', '确定退回', '4-02-decline-confirm');
    // Back on 接单, which no longer lists it.
    await view().getByText('没有派给本队的新订单').waitFor();
    await shot('4-03-leader-inbox-after-decline');
    expect(stored(orderId)).toMatchObject({ state: 'accepted', teamId: null });
    expect(lastEvent(orderId)).toMatchObject({ event: 'decline', note: REASONS.decline, byOpenid: DOUHUA.leader });

    // The station reads why on top; the team that declined is not offered first again.
    await openFromQueue(STATION, ORDERS.declined, '待派单');
    await row('退回理由').getByText(`${DOUHUA.name}：${REASONS.decline}`).waitFor();
    await timelineEntry('退回 · 待派单').getByText(REASONS.decline).waitFor();
    await view().locator('.rec__item', { hasText: DOUHUA.name }).getByText('刚退回').waitFor();
    await view().locator('.rec__item--chosen', { hasText: QINGCHUN.name }).getByText('推荐').waitFor();
    await shot('4-04-station-declined');
    await pressAndConfirm(`派单给「${QINGCHUN.name}」`, `把订单派给「${QINGCHUN.name}」吗？`, '确定派单', '4-05-redispatch-confirm');
    await expectState('已派单');
    await shot('4-06-station-redispatched');
    expect(stored(orderId)).toMatchObject({ state: 'dispatched', teamId: QINGCHUN.id });
  });

  it('更正签退: the volunteer forgets to check out; the leader corrects it with a time and a reason', async () => {
    // Last in the file: it moves the cloud's and the phone's clocks for good.
    // Service starts at 10:00 tomorrow, so the times below do not depend on when the test runs.
    const now = env.cloud.clock.now().getTime();
    const leftAt = tomorrowAt(now, 12);
    await moveClock(tomorrowAt(now, 10) - now);
    const orderId = await placeDispatched(ORDERS.corrected, DOUHUA.id);
    await fire(orderId, 'take', DOUHUA.leader);

    // The resident's 确认码, from their order page.
    await enterAs(page, env.cloud.url, confirmedResident._id);
    await page.goto(`${env.cloud.url}/#/pages/order/detail/index?orderId=${orderId}`);
    await settle(page);
    await expectState('已接单');
    const code = ((await view().locator('.detail__code-value').textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);

    // The volunteer opens it from 服务任务 and checks in with the code.
    await openConsole(VOLUNTEER, '服务签到');
    await openCard(teamRow(ORDERS.corrected).locator('.order-row__main'), '已接单', '5-01-volunteer-tasks');
    await fillByPlaceholder(page, '6 位数字', code);
    await button('凭确认码签到').click();
    // The slot is a day ahead of the moved clock: 确定签到 when asked.
    await page.getByText('确定签到', { exact: true }).click();
    await expectState('服务中');
    await shot('5-02-volunteer-checked-in');
    expect(stored(orderId).state).toBe('in_service');

    // Three hours later nobody has checked out.
    await moveClock(3 * HOUR);
    await openConsole(DOUHUA.leader, '接单');
    await view().locator('.tabs__tab', { hasText: '我队订单' }).click();
    await openCard(teamRow(ORDERS.corrected).locator('.order-row__main'), '服务中');
    const session = view().locator('.sessions__item', { hasText: VOLUNTEER_NAME });
    await session.getByText('未签退').waitFor();
    await session.scrollIntoViewIfNeeded();
    await shot('5-03-leader-not-checked-out');

    // 更正签退: the volunteer left at 12:00.
    await button('更正签退…').click();
    const timeField = view().locator('.form-field', { hasText: '签退时间' }).locator('.form-field__picker');
    expect(await timeField.textContent()).toMatch(/^13:0\d/);
    await timeField.click();
    await page.locator('.weui-picker:visible').waitFor();
    await page.waitForTimeout(600); // the sheet slides up before its rows hold still
    await turnPicker(page, 0, '12');
    await turnPicker(page, 1, '00');
    await shot('5-04-leader-time-picker');
    await page.locator('.weui-picker:visible .weui-picker__action', { hasText: '确定' }).click();
    await view().locator('.form-field__picker', { hasText: '12:00' }).waitFor();
    await fillByPlaceholder(page, '例如：队员离开时忘记签退，按实际离开时间更正', REASONS.correct);
    await shot('5-05-leader-correction-form');
    await pressAndConfirm('确认更正', '更正会记录在订单进度中', '确定更正', '5-06-correction-confirm');

    const note = `更正 ${VOLUNTEER_NAME} 的签退：未签退 → ${noteTime(leftAt)}，计 2 小时。原因：${REASONS.correct}`;
    await session.getByText('2 小时', { exact: true }).waitFor();
    await session.getByText(`更正原因：${REASONS.correct}`).waitFor();
    await session.scrollIntoViewIfNeeded();
    await shot('5-07-leader-corrected-session');
    const corrected = timelineEntry('更正签退 · 服务中');
    await corrected.getByText(note).waitFor();
    await corrected.scrollIntoViewIfNeeded();
    await shot('5-08-leader-corrected-timeline');
    await expectState('服务中');
    const [stint] = env.cloud.store.find('service_sessions', { orderId });
    expect(stint).toMatchObject({
      openid: VOLUNTEER,
      hours: 2,
      checkOutBy: 'leader_correction',
      checkOutAt: leftAt,
    });
    expect(lastEvent(orderId)).toMatchObject({ event: 'correct_check_out', note, byOpenid: DOUHUA.leader });

    // Completing keeps the corrected hours (nothing is auto-checked-out at the completion time).
    await callOrder({ action: 'complete', orderId, summary: '午饭已送到' }, DOUHUA.leader);
    expect(stored(orderId)).toMatchObject({ state: 'completed', serviceHours: 2 });
  });
});
