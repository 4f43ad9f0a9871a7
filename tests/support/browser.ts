import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '.test-artifacts', 'screenshots');

/** Flags that keep Debian's Chromium quiet and offline on a closed, root-run CI machine. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Phone {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface Screen {
  width: number;
  height: number;
}

/** A phone as the screenshots were taken (iPhone 12–15: 390×844). */
export const PHONE_390: Screen = { width: 390, height: 844 };
/** A desk: a laptop or office monitor window, where PC WeChat (`resizable`) or a browser runs the app. */
export const DESK: Screen = { width: 1440, height: 900 };

/** A fresh browser profile with a phone-sized viewport (WeChat's usual 375 pt width unless `screen` says otherwise). */
export async function openPhone(screen: Screen = { width: 375, height: 740 }): Promise<Phone> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: screen,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Taro's H5 router slides pages in: wait until the new page has settled. */
export async function settle(page: Page): Promise<void> {
  await page.locator('.taro_page_stationed:visible').first().waitFor();
  await page.waitForTimeout(350);
}

/** A desktop browser window (mouse, no touch, 1× pixels), e.g. `DESK`. */
export async function openDesk(screen: Screen = DESK): Promise<Phone> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: screen,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
