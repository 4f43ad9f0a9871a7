import type { Page } from 'playwright-core';
import { settle } from '../support/browser';
import { screen } from '../support/browser-cloud';

export { cloudAndPhone, screen } from '../support/browser-cloud';

/** 我的 tab. */
export async function openMine(page: Page): Promise<void> {
  await page.getByText('我的', { exact: true }).last().click();
  await settle(page);
  await screen(page).getByText('工作台', { exact: true }).waitFor();
}

/** 我的 → 工作台 → 管理 → the tile titled `title`. */
export async function openManage(page: Page, title?: string): Promise<void> {
  await openMine(page);
  await screen(page).getByText('管理', { exact: true }).click();
  await settle(page);
  if (!title) return;
  await screen(page).locator('.mhub__tile', { hasText: title }).click();
  await settle(page);
}

/** The row (toggle, name, actions) of the org outline node named `name` (组织架构, pickers). */
export const outlineRow = (page: Page, name: string) =>
  screen(page)
    .locator('.outline__row')
    .filter({ has: page.getByText(name, { exact: true }) })
    .first();

/** What lies under an open outline node (a 楼栋's groups, the child nodes). */
export const outlineChildren = (page: Page, name: string) =>
  outlineRow(page, name).locator('xpath=following-sibling::*[contains(@class,"outline__children")]');

/** Opens a collapsed outline node (its ▸). */
export async function expand(page: Page, name: string): Promise<void> {
  const toggle = outlineRow(page, name).locator('.outline__toggle');
  if ((await toggle.textContent())?.includes('▸')) await toggle.click();
  await outlineChildren(page, name).waitFor();
}

/** The row of 楼栋 `building` under the open 小区 `estate`. */
export const buildingUnder = (page: Page, estate: string, building: string) =>
  outlineChildren(page, estate)
    .locator('.outline__row')
    .filter({ has: page.getByText(building, { exact: true }) })
    .first();
