import type { Page } from 'playwright-core';
import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { UserProfile } from '../../src/domain/identity/role';
import { settle } from '../support/browser';

export const seed = buildDemoSeed();
const users = seed.users as unknown as UserProfile[];

/** A confirmed resident who holds no other role. */
export const confirmedResident = users.find((u) => u.binding === 'confirmed' && u.roles.every((g) => g.role === 'resident')) as UserProfile;
/** A resident whose binding still waits for the building head. */
export const pendingResident = users.find((u) => u.binding === 'pending') as UserProfile;

/** Plays `openid` in the browser (what 以…身份进入 stores) and opens the home page. */
export async function enterAs(page: Page, baseUrl: string, openid: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.evaluate((id) => localStorage.setItem('dev.openid', id), openid);
  await page.goto(`${baseUrl}/#/pages/index/index`);
  await page.reload();
  await settle(page);
}

/** Types into the visible form control (Taro's H5 input / textarea) that shows `placeholder`. */
export async function fillByPlaceholder(page: Page, placeholder: string, value: string): Promise<void> {
  const control = page
    .locator('.taro_page_stationed:visible')
    .locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`)
    .first();
  await control.fill(value);
}
