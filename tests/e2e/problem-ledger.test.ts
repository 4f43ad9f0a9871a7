import { readFileSync } from 'node:fs';
import { LEDGER_EXPORT_HEADERS } from '../../src/domain/problem/ledger.views';
import type { ProblemDoc } from '../../src/domain/problem/problem.types';
import { openDesk, screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { pickerSheet, turnPicker } from '../support/picker';
import { readWorkbook } from '../support/xlsx';
import { enterAs } from './resident-support';

jest.setTimeout(180_000);

const STATION = 'o-station-01';

describe('问题台账 in the browser build: the station filters its 台账, downloads the Excel file and prints a 整改通知单', () => {
  const env = cloudAndPhone();

  it('全部 + 类别 楼道堆物 → the list and counts follow; 导出 Excel downloads those rows', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const stored = (env.cloud.store.find('problems', { communityId: 'org-community-01' }, { limit: 1000 }) as unknown as ProblemDoc[]).sort(
      (a, b) => b.sortKey.localeCompare(a.sortKey),
    );
    const clutter = stored.filter((p) => p.categoryId === 'pc-clutter');
    expect(clutter.length).toBeGreaterThanOrEqual(1);

    await enterAs(page, env.cloud.url, STATION);
    await page.goto(`${env.cloud.url}/#/pages/problem/ledger/index`);
    await settle(page);
    await screen(page).locator('.ledger__scope-name', { hasText: '和平社区' }).waitFor();
    await screen(page).locator('.ledger__state', { hasText: '全部' }).click();
    await screen(page)
      .locator('.ledger__state--on', { hasText: '全部' })
      .locator('.ledger__state-count', { hasText: String(stored.length) })
      .waitFor();

    // 类别：楼道堆物 through the picker sheet.
    await screen(page).locator('.ledger__filter', { hasText: '类别' }).click();
    await pickerSheet(page).waitFor();
    // The sheet slides up first (slowly on a busy machine): turn the column once it stands still.
    await page.waitForTimeout(1000);
    await turnPicker(page, 0, '楼道堆物').catch(async (err) => {
      await screenshot(page, 'problem-ledger-00-picker-failed');
      throw err;
    });
    await pickerSheet(page).locator('.weui-picker__action', { hasText: '确定' }).click();
    await screen(page).locator('.ledger__filter--on', { hasText: '类别：楼道堆物' }).waitFor();
    await screen(page)
      .locator('.ledger__state--on', { hasText: '全部' })
      .locator('.ledger__state-count', { hasText: String(clutter.length) })
      .waitFor();
    for (const p of clutter) await screen(page).locator('.problem-card', { hasText: p.description }).waitFor();
    expect(await screen(page).locator('.problem-card').count()).toBe(clutter.length);
    await settle(page);
    await screenshot(page, 'problem-ledger-01-filtered');

    // 导出 Excel: the browser downloads the file of the same filter.
    const [download] = await Promise.all([page.waitForEvent('download'), screen(page).getByText('导出 Excel').click()]);
    expect(download.suggestedFilename()).toMatch(/^问题台账_和平社区_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    const [sheet] = await readWorkbook(readFileSync(file));
    expect(sheet?.rows[0]?.[0]).toBe('问题台账 · 和平社区 · 上报时间 全部上报时间 · 楼道堆物');
    expect(sheet?.rows[1]).toEqual([...LEDGER_EXPORT_HEADERS]);
    expect((sheet?.rows ?? []).slice(2).map((r) => [r[0], r[4], r[5]])).toEqual(clutter.map((p) => [p.no, p.categoryName, p.description]));
    await page.getByText(`已导出 ${clutter.length} 条`).waitFor();
    await screenshot(page, 'problem-ledger-02-exported');
    expect(errors).toEqual([]);
  });

  it('整改通知单 of a dispatched problem, laid out on a desk for printing', async () => {
    const dispatched = (
      env.cloud.store.find('problems', { communityId: 'org-community-01', state: 'dispatched' }) as unknown as ProblemDoc[]
    )[0];
    if (!dispatched) throw new Error('the seed has a dispatched problem');
    const desk = await openDesk();
    try {
      const { page } = desk;
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await enterAs(page, env.cloud.url, STATION);
      await page.goto(`${env.cloud.url}/#/pages/problem/rectification/index?problemId=${dispatched._id}`);
      await settle(page);
      await screen(page).locator('.notice__title', { hasText: '整改通知单' }).waitFor();
      await screen(page).getByText(`编号：${dispatched.no}`).waitFor();
      await screen(page).getByText(`${dispatched.unitNames[0]}：`).waitFor();
      await screen(page).getByText(dispatched.description).first().waitFor();
      await screen(page).getByText('发出单位：和平社区新时代文明实践站').waitFor();
      await screen(page).getByText('打印通知单').waitFor();
      await screenshot(page, 'problem-ledger-03-notice-desk');
      expect(errors).toEqual([]);
    } finally {
      await desk.close();
    }
  });
});
