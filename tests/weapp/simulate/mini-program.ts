/**
 * Just enough of WeChat's App / Page / getCurrentPages for Taro's weapp output to run inside
 * miniprogram-simulate (j-component + WeChat's own WXML compiler, wcc).
 *
 * Why a subpackage page "rendered empty" here before: nothing about subpackages. Their page.js
 * `require`s its `../sub-common/*.js` / `../sub-vendors.js` chunks relatively (plain Node require
 * resolves those), the page WXML imports `../../../base.wxml`, and `usingComponents.comp` points
 * at the main package's `comp` — all of which miniprogram-simulate resolves against `rootPath`.
 * But Taro renders asynchronously: onLoad → `app.mount` → React commits on a later tick → the
 * page's first `setData({ root })`. A page read before that has an empty `root`. So `renderPage`
 * waits for the page's own content, never a fixed delay, and the old smoke test never looked at
 * subpackage pages at all.
 */
import path from 'node:path';

type Options = Record<string, unknown>;
interface PageInstance {
  route: string;
  setData(data: Options, cb?: () => void): void;
  [key: string]: unknown;
}

const pageStack: PageInstance[] = [];
let appInstance: Options | undefined;
let current: { route: string; query: Record<string, string> } = { route: '', query: {} };

/** The route and query the next `Page()` registration belongs to (WeChat knows it from app.json). */
export function openRoute(route: string, query: Record<string, string> = {}): void {
  current = { route, query };
}

export const app = () => appInstance;

/** Installs App / getApp / getCurrentPages / Page; a Page is a Component whose methods sit at the top level. */
export function installMiniProgramGlobals(): void {
  // miniprogram-simulate defines `wx` and `Component` (j-component) on load.
  require('miniprogram-simulate');
  const g = globalThis as unknown as Record<string, unknown>;
  g.App = (options: Options) => {
    appInstance = options;
    const launch = { path: current.route, query: current.query, scene: 1001 };
    (options.onLaunch as ((o: Options) => void) | undefined)?.call(options, launch);
    (options.onShow as ((o: Options) => void) | undefined)?.call(options, launch);
  };
  g.getApp = () => appInstance;
  g.getCurrentPages = () => pageStack;
  g.Page = (options: Options) => {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'function') methods[key] = value;
    }
    const { route, query } = current;
    (g.Component as (definition: Options) => void)({
      data: (options.data as Options | undefined) ?? {},
      methods,
      lifetimes: {
        attached(this: PageInstance) {
          this.route = route;
          pageStack.push(this);
          (this.onLoad as ((q: Options) => void) | undefined)?.call(this, { ...query });
        },
        ready(this: PageInstance) {
          (this.onShow as (() => void) | undefined)?.call(this);
          (this.onReady as (() => void) | undefined)?.call(this);
        },
        detached(this: PageInstance) {
          (this.onUnload as (() => void) | undefined)?.call(this);
          pageStack.splice(pageStack.indexOf(this), 1);
        },
      },
    });
  };
}

/** Polls until `check` holds or the time is up (the caller then asserts and reports what is missing). */
export async function waitFor(check: () => boolean, timeoutMs = 4000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface RenderedPage {
  dom: HTMLElement;
  /** The page's data as Taro set it (what WeChat renders: every node with its props, e.g. an image's src). */
  data(): unknown;
  detach(): void;
}

/**
 * Loads a page of the build as WeChat would open it (route + query), attaches it and waits until
 * `ready(dom)` — its expected content — or a few seconds passed.
 */
export async function renderPage(
  distDir: string,
  route: string,
  query: Record<string, string>,
  ready: (dom: HTMLElement) => boolean,
): Promise<RenderedPage> {
  const simulate = require('miniprogram-simulate') as typeof import('miniprogram-simulate');
  openRoute(route, query);
  const id = simulate.load(path.join(distDir, route), { rootPath: distDir });
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  const dom = comp.dom as unknown as HTMLElement;
  await waitFor(() => dom.firstElementChild !== null && ready(dom));
  const instance = pageStack[pageStack.length - 1];
  return { dom, data: () => instance?.data, detach: () => comp.detach() };
}
