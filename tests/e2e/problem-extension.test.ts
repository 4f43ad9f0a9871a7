import type { Page } from 'playwright-core';
import { chinaDay, DAY_MS } from '../../src/domain/problem/problem.rules';
import { INSTITUTE, PROPERTY_C1, photo, problemClient, STATION_C1, tianfuResidents, UNIT_STAFF_C1 } from '../cloud/problem-support';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { pickerSheet } from '../support/picker';
import { enterAs } from './resident-support';

jest.setTimeout(240_000);

const [resident] = tianfuResidents;
if (!resident) throw new Error('no resident in 天府花园');
const DESCRIPTION = '小区北门的路灯坏了三盏，晚上很黑';
const REASON = '灯杆需要整根更换，配件要从厂家调货';

/** Answers the confirmation modal AsyncButton asks. */
async function confirm(page: Page, question: string): Promise<void> {
  await page.getByText(question).waitFor();
  await page.waitForTimeout(400); // the modal fades in
  await page.locator('.taro-modal__content:visible').getByText('确定', { exact: true }).click();
}

describe('延期申请 in the browser build: the unit asks for more days, the station approves', () => {
  const env = cloudAndPhone();

  it('unit: 申请延期 with a day and a reason → station: 同意延期 → the deadline moved', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // A problem dispatched to 天府物业 (set up through the functions, with a real photo).
    const api = problemClient(env.cloud);
    const problemId = await api.report(resident._id, { categoryId: 'pc-facility', description: DESCRIPTION });
    await api.transition(problemId, 'register', STATION_C1);
    await api.transition(problemId, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1] });
    const deadline = (env.cloud.store.findById('problems', problemId) as unknown as { deadlineAt: number }).deadlineAt;
    const firstDay = chinaDay(deadline + DAY_MS);
    const dayLabel = `${Number(firstDay.slice(5, 7))}月${Number(firstDay.slice(8, 10))}日`;

    // The unit's staff open it from 待处置问题.
    await enterAs(page, env.cloud.url, UNIT_STAFF_C1);
    await page.goto(`${env.cloud.url}/#/pages/problem/unit/index`);
    await settle(page);
    await screen(page).locator('.problem-card', { hasText: DESCRIPTION }).click();
    await settle(page);
    await screen(page).getByText('申请延期到').waitFor();
    // Asking without a day says what is missing first.
    await screen(page).locator('.async-button', { hasText: '申请延期' }).click();
    await page.getByText('请先选择延期到哪一天').waitFor();
    await screen(page).locator('.pdetail__extension-day').click();
    await pickerSheet(page).waitFor();
    await page.waitForTimeout(600); // the sheet slides up
    await screenshot(page, 'problem-extension-01-pick-day');
    await pickerSheet(page).locator('.weui-picker__action', { hasText: '确定' }).click();
    await pickerSheet(page).waitFor({ state: 'hidden' });
    await screen(page).locator('.pdetail__extension-day', { hasText: dayLabel }).waitFor();
    await screen(page).locator('.pdetail__actions textarea').fill(REASON);
    await settle(page);
    await screenshot(page, 'problem-extension-02-unit-form');
    await screen(page).locator('.async-button', { hasText: '申请延期' }).click();
    await confirm(page, '每个问题只能申请一次延期，确定提交吗？');
    await screen(page).locator('.pdetail__extension', { hasText: '待审批' }).waitFor();
    await settle(page);
    await screenshot(page, 'problem-extension-03-asked');
    expect(env.cloud.store.findById('problems', problemId)).toMatchObject({
      extension: { state: 'pending', reason: REASON },
    });
    // Asked once: the button is gone.
    expect(await screen(page).locator('.async-button', { hasText: '申请延期' }).count()).toBe(0);

    // The station opens the same problem and approves.
    await enterAs(page, env.cloud.url, STATION_C1);
    await page.goto(`${env.cloud.url}/#/pages/problem/detail/index?problemId=${problemId}`);
    await settle(page);
    await screen(page).locator('.pdetail__extension', { hasText: REASON }).waitFor();
    await screen(page).getByText('请在下方同意或不同意', { exact: false }).waitFor();
    await settle(page);
    await screenshot(page, 'problem-extension-04-station-sees');
    await screen(page).locator('.async-button').getByText('同意延期', { exact: true }).click();
    await confirm(page, '同意延期后，处置期限改为申请的日期，确定吗？');
    await screen(page).locator('.pdetail__extension', { hasText: '已同意' }).waitFor();
    await screen(page).getByText(`处置期限延至 ${firstDay}`).waitFor();
    await settle(page);
    await screenshot(page, 'problem-extension-05-approved');
    const stored = env.cloud.store.findById('problems', problemId) as unknown as { deadlineAt: number; extension: { state: string } };
    expect(stored.extension.state).toBe('approved');
    expect(chinaDay(stored.deadlineAt)).toBe(firstDay);

    // Fixed and closed (through the functions); the reporter rates the result on the detail screen.
    await api.must('fix', UNIT_STAFF_C1, { problemId, photos: [photo('lamp-after')], note: '三盏路灯已更换' });
    await api.must('verify', STATION_C1, { problemId, pass: true });
    await enterAs(page, env.cloud.url, resident._id);
    await page.goto(`${env.cloud.url}/#/pages/problem/detail/index?problemId=${problemId}`);
    await settle(page);
    await screen(page).getByText('对处置结果满意吗').waitFor();
    await screen(page).locator('.pdetail__score', { hasText: '基本满意' }).click();
    await screen(page).locator('.pdetail__actions textarea').fill('灯修好了，就是等得有点久');
    await settle(page);
    await screenshot(page, 'problem-extension-06-rate');
    await screen(page).locator('.async-button', { hasText: '评价处置结果' }).click();
    await screen(page).getByText('基本满意：灯修好了，就是等得有点久').first().waitFor();
    await settle(page);
    await screenshot(page, 'problem-extension-07-rated');
    expect(env.cloud.store.findById('problems', problemId)).toMatchObject({ rating: { score: 'fair' } });
    expect(errors).toEqual([]);
  });

  it('问题统计 opens with the period and bar charts; 问题类别 edits a deadline', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await enterAs(page, env.cloud.url, STATION_C1);
    await screen(page).getByText('问题统计').first().click();
    await settle(page);
    await screen(page).getByText('按处置单位 · 按期处置率').waitFor();
    await screen(page).locator('.pstats__bar-row', { hasText: '天府物业服务有限公司' }).first().waitFor();
    await screenshot(page, 'problem-stats-01-station');
    await screen(page).locator('.pstats__chip', { hasText: '超期数' }).click();
    await screen(page).getByText('按社区 · 超期数').waitFor();
    await screen(page).locator('.pstats__chip', { hasText: '近 90 天' }).click();
    await screen(page).locator('.pstats__chip--on', { hasText: '近 90 天' }).waitFor();
    await settle(page);
    await screenshot(page, 'problem-stats-02-overdue-90d');

    await enterAs(page, env.cloud.url, INSTITUTE);
    await screen(page).getByText('问题类别').first().click();
    await settle(page);
    const ads = screen(page).locator('.pcats__row', { hasText: '小广告' });
    await ads.waitFor();
    await screenshot(page, 'problem-categories-01-list');
    await ads.locator('.pcats__edit').click();
    await screen(page).getByText('修改「小广告」').waitFor();
    await screen(page).locator('.pcats__chip', { hasText: '职能部门' }).click();
    await settle(page);
    await screenshot(page, 'problem-categories-02-edit');
    await screen(page).locator('.async-button', { hasText: '保存' }).click();
    await screen(page).locator('.pcats__row', { hasText: '小广告' }).getByText('职能部门', { exact: false }).waitFor();
    await settle(page);
    await screenshot(page, 'problem-categories-03-saved');
    expect(env.cloud.store.findById('problem_categories', 'pc-ads')).toMatchObject({ handlerKind: 'department' });
    expect(errors).toEqual([]);
  });
});
