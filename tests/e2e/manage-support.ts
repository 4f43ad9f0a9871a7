import type { Page } from 'playwright-core';
import { openPhone, type Phone, settle } from '../support/browser';
import { requireH5Build } from '../support/h5-build';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';

/** The page on screen (Taro's H5 router keeps earlier pages hidden in the DOM). */
export const screen = (page: Page) => page.locator('.taro_page_stationed:visible');

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

/** A local cloud serving the H5 build and one phone for a describe block: `env.cloud`, `env.phone`. */
export function cloudAndPhone(): { cloud: TestCloud; phone: Phone } {
  const env = {} as { cloud: TestCloud; phone: Phone };
  beforeAll(async () => {
    env.cloud = await startTestCloud({ staticDir: requireH5Build() });
    env.phone = await openPhone();
  });
  afterAll(async () => {
    await env.phone?.close();
    await env.cloud?.dispose();
  });
  return env;
}
