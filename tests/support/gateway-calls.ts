import type { Page, Request } from 'playwright-core';

/** One cloud-function call the page made through the local gateway: `<function>.<action>`. */
export interface GatewayCall {
  fn: string;
  action: string;
}

const FUNCTIONS = '/gateway/functions/';
/** Photo temp-URL requests (`/gateway/storage/temp-urls`) are not cloud-function calls (wx.cloud.getTempFileURL). */
const STORAGE = '/gateway/storage/';
/** How long the gateway must stay silent before a screen counts as settled. */
const QUIET_MS = 600;

function callOf(request: Request): GatewayCall | null {
  const url = new URL(request.url());
  if (!url.pathname.startsWith(FUNCTIONS)) return null;
  const fn = decodeURIComponent(url.pathname.slice(FUNCTIONS.length));
  let action = '';
  try {
    action = String((request.postDataJSON() as { data?: { action?: unknown } })?.data?.action ?? '');
  } catch {
    // An unreadable body still counts as a call.
  }
  return { fn, action };
}

/**
 * Counts the page's calls to cloud functions (`/gateway/functions/<name>`, the browser build's
 * callFunction) from Playwright's request events. Storage requests (photo temp URLs, uploads) are
 * counted apart in `storage`: they are not cloud-function calls.
 */
export function watchGatewayCalls(page: Page) {
  let calls: GatewayCall[] = [];
  let storage = 0;
  let inFlight = 0;
  let lastActivity = Date.now();
  const isGateway = (r: Request) => {
    const path = new URL(r.url()).pathname;
    return path.startsWith(FUNCTIONS) || path.startsWith(STORAGE);
  };
  page.on('request', (r) => {
    if (!isGateway(r)) return;
    inFlight += 1;
    lastActivity = Date.now();
    const call = callOf(r);
    if (call) calls.push(call);
    else storage += 1;
  });
  const done = (r: Request) => {
    if (!isGateway(r)) return;
    inFlight -= 1;
    lastActivity = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);

  return {
    /** Waits until no gateway request is in flight and none started for a while (the screen's reads are all in). */
    async settled(timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 || Date.now() - lastActivity < QUIET_MS) {
        if (Date.now() > deadline) throw new Error(`gateway still busy after ${timeoutMs} ms (${inFlight} in flight)`);
        await page.waitForTimeout(100);
      }
    },
    /** The calls since the last `take` (and how many storage requests), then starts counting afresh. */
    take(): { calls: GatewayCall[]; storage: number } {
      const taken = { calls, storage };
      calls = [];
      storage = 0;
      return taken;
    },
  };
}

export type GatewayWatch = ReturnType<typeof watchGatewayCalls>;

/** `fn.action` names, for readable assertions. */
export const named = (calls: GatewayCall[]) => calls.map((c) => `${c.fn}.${c.action}`);
