import type { Page } from 'playwright-core';
import { openPhone, type Phone, settle } from './browser';
import { requireH5Build } from './h5-build';
import { startTestCloud, type TestCloud } from './local-cloud-harness';

/** The page on screen (Taro's H5 router keeps earlier pages hidden in the DOM). */
export const screen = (page: Page) => page.locator('.taro_page_stationed:visible');

/**
 * A browser suite's world: a local cloud serving the H5 build and one phone, started before the
 * suite's tests and closed after them. Read `env.cloud` / `env.phone` inside tests and hooks.
 */
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

/** Plays `openid` and opens `path` directly (H5 hash routing), as a link from 工作台 would. */
export async function openAs(page: Page, baseUrl: string, openid: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.evaluate((id) => localStorage.setItem('dev.openid', id), openid);
  await page.goto(`${baseUrl}/#${path}`);
  await page.reload();
  await settle(page);
}
