import type { SignUpDoc } from '../../src/domain/activity/activity.types';
import { activityInput, HOUR, MIN, STATION_C1, volunteers } from '../cloud/activity-support';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, openAs, screen } from '../support/browser-cloud';
import { fillByPlaceholder } from './resident-support';

jest.setTimeout(180_000);

const VOLUNTEER = volunteers[0] as string;

describe('志愿活动 in the browser: a volunteer signs up and signs in with the code on the organiser’s screen', () => {
  const env = cloudAndPhone();
  const errors: string[] = [];
  beforeAll(() => {
    env.phone.page.on('pageerror', (e) => errors.push(e.message));
  });

  it('报名 → the organiser shows the 签到码 → the volunteer enters it → 签到成功', async () => {
    const { page } = env.phone;
    const now = env.cloud.clock.now().getTime();
    // A session starting in 30 minutes: sign-in is open (from 1 h before the start).
    const input = activityInput(now, { sessions: [{ startAt: now + 30 * MIN, endAt: now + 2 * HOUR + 30 * MIN, quota: 5 }] });
    const created = (await env.cloud.call('activity', { action: 'create', ...input }, STATION_C1)).body.result;
    expect(created.ok).toBe(true);
    const activityId = created.data.activityId as string;
    const sessionId = `${activityId}-s0`;

    // The volunteer finds it on the square and signs up.
    await openAs(page, env.cloud.url, VOLUNTEER, '/pages/activity/square/index');
    await screen(page).getByText(input.title).first().waitFor();
    await screenshot(page, 'activity-01-square');
    await openAs(page, env.cloud.url, VOLUNTEER, `/pages/activity/detail/index?id=${activityId}`);
    await screen(page).getByText('报名', { exact: true }).click();
    // Signed up; the start is within the 2 h cancel deadline, so the session offers 签到 instead of 取消.
    await screen(page).locator('.activity__warn', { hasText: '已报名' }).waitFor();
    await screen(page).getByText('已报名 1/5 人', { exact: false }).waitFor();
    await screen(page).getByText('签到', { exact: true }).waitFor();
    await page.waitForTimeout(1600); // the 报名成功 toast fades
    await screenshot(page, 'activity-02-signed-up');
    expect(env.cloud.store.findById('activity_signups', `${sessionId}-${VOLUNTEER}`)).toMatchObject({ status: 'signed_up' });

    // The organiser opens the code screen.
    await openAs(page, env.cloud.url, STATION_C1, `/pages/activity/code/index?sessionId=${sessionId}`);
    const codeText = screen(page).locator('.activity__code');
    await page.waitForFunction(() => /^\d{6}$/.test(document.querySelector('.taro_page_stationed .activity__code')?.textContent ?? ''));
    const code = (await codeText.textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    // The same code as a QR for 扫码签到 (session, step and code), drawn as a grid.
    const qr = screen(page).locator('.qr-grid');
    await qr.waitFor();
    expect(await qr.getAttribute('data-qr')).toBe(`WMSJ-ACT1|${sessionId}|in|${code}`);
    await screenshot(page, 'activity-03-organiser-code');

    // The volunteer types it in.
    await openAs(page, env.cloud.url, VOLUNTEER, `/pages/activity/checkin/index?sessionId=${sessionId}`);
    // The browser cannot scan: it asks for the 6 digits.
    await screen(page).getByText('请输入6位签到码', { exact: false }).waitFor();
    await fillByPlaceholder(page, '签到码', code);
    await screen(page).getByText('签到', { exact: true }).click();
    await screen(page).getByText('签到成功', { exact: true }).first().waitFor();
    await page.waitForTimeout(1600);
    await screenshot(page, 'activity-04-checked-in');
    const row = env.cloud.store.findById('activity_signups', `${sessionId}-${VOLUNTEER}`) as unknown as SignUpDoc;
    expect(row).toMatchObject({ attendance: 'in', checkInBy: 'code' });

    // The organiser's roster shows it.
    await openAs(page, env.cloud.url, STATION_C1, `/pages/activity/roster/index?sessionId=${sessionId}`);
    await screen(page).getByText('已签到', { exact: false }).first().waitFor();
    await screenshot(page, 'activity-05-roster');

    // 90 minutes later (an hour into the session) the organiser signs everyone out and confirms the hours.
    env.cloud.clock.advance(90 * MIN);
    await page.reload();
    await settle(page);
    await screen(page).getByText('全部签退', { exact: true }).click();
    await page.locator('.taro-model__confirm:visible').click();
    await screen(page).getByText('已签退', { exact: false }).first().waitFor();
    await screen(page).getByText('确认时长', { exact: true }).click();
    await page.locator('.taro-model__confirm:visible').click();
    await screen(page).getByText('计入志愿者的服务记录', { exact: false }).first().waitFor();
    await page.waitForTimeout(1600);
    await screenshot(page, 'activity-06-confirmed');
    expect(env.cloud.store.find('hours_ledger', { openid: VOLUNTEER })).toEqual([
      expect.objectContaining({ hours: 1, status: 'confirmed' }),
    ]);

    // The volunteer's record: the hour, its points, the star level still to reach.
    await openAs(page, env.cloud.url, VOLUNTEER, '/pages/activity/record/index');
    await screen(page).getByText('再服务 99 小时可达一星', { exact: false }).waitFor();
    await screenshot(page, 'activity-07-record');

    // The organiser's own screens open: their activities (and whom they may publish as), the publishing form.
    await openAs(page, env.cloud.url, STATION_C1, '/pages/activity/organise/index');
    await screen(page).getByText('以「和平社区新时代文明实践站」发布', { exact: true }).waitFor();
    await screenshot(page, 'activity-08-organise');
    await screen(page).getByText('以「和平社区新时代文明实践站」发布', { exact: true }).click();
    await screen(page).getByText('发布单位：和平社区新时代文明实践站', { exact: false }).waitFor();
    await settle(page);
    await screenshot(page, 'activity-09-create');
    expect(errors).toEqual([]);
  });
});
