import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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

export interface H5Request {
  url: string;
  /** bytes on the wire (headers and compressed body), as Chromium's network stack counts them */
  transferred: number;
  /** body bytes after decoding */
  decoded: number;
  encoding: string;
}

export interface H5Weight {
  requests: H5Request[];
  /** static files (the build), not gateway calls */
  staticTransferred: number;
  staticDecoded: number;
  /** every request of the first visit, gateway calls included */
  totalTransferred: number;
  firstContentfulPaintMs: number;
}

/**
 * Opens the browser home (cold cache, no identity chosen) at `url` in Chromium and counts what it
 * downloads until the network is idle: transferred (compressed) bytes per request from the
 * DevTools protocol, and the first contentful paint.
 */
export async function measureH5Home(url: string): Promise<H5Weight> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'h5-weight-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const byId = new Map<string, H5Request>();
    cdp.on('Network.responseReceived', (e) => {
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      byId.set(e.requestId, { url: e.response.url, transferred: 0, decoded: 0, encoding: headers['content-encoding'] ?? '' });
    });
    cdp.on('Network.dataReceived', (e) => {
      const entry = byId.get(e.requestId);
      if (entry) entry.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const entry = byId.get(e.requestId);
      if (entry) entry.transferred = e.encodedDataLength;
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('.taro_page_stationed').first().waitFor();
    await page.waitForLoadState('networkidle');
    const fcp = await page.evaluate(
      () => performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')?.startTime ?? -1,
    );
    const requests = [...byId.values()].filter((r) => r.url.startsWith('http'));
    const statics = requests.filter((r) => !new URL(r.url).pathname.startsWith('/gateway/'));
    const sum = (list: H5Request[], key: 'transferred' | 'decoded') => list.reduce((n, r) => n + r[key], 0);
    return {
      requests,
      staticTransferred: sum(statics, 'transferred'),
      staticDecoded: sum(statics, 'decoded'),
      totalTransferred: sum(requests, 'transferred'),
      firstContentfulPaintMs: Math.round(fcp),
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export function formatH5Weight(weight: H5Weight): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const lines = weight.requests.map(
    (r) =>
      `  ${new URL(r.url).pathname.padEnd(40)} ${kb(r.transferred).padStart(10)} (${kb(r.decoded)}${r.encoding ? `, ${r.encoding}` : ''})`,
  );
  return [
    `h5 home: ${weight.requests.length} requests, ${kb(weight.totalTransferred)} transferred (build files ${kb(weight.staticTransferred)}, ${kb(weight.staticDecoded)} decoded), first contentful paint ${weight.firstContentfulPaintMs} ms`,
    ...lines,
  ].join('\n');
}
