/**
 * @jest-environment jsdom
 *
 * Smoke layer: every page of the weapp build renders in miniprogram-simulate, i.e. WeChat's own
 * WXML compiler (wcc, shipped inside the npm package) accepts the templates and the Taro runtime
 * mounts each React page into them. Not a behaviour test. Run after `npm run build:weapp`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assertWeappBuilt, readAppJson, WEAPP_DIST } from './weapp-size';

jest.setTimeout(60_000);

type Options = Record<string, unknown>;
interface PageInstance {
  route: string;
  setData(data: Options, cb?: () => void): void;
  [key: string]: unknown;
}

const pageStack: PageInstance[] = [];
let appInstance: Options | undefined;
let currentRoute = '';

/** The globals Taro's weapp output expects, as far as rendering needs them. */
function installMiniProgramGlobals(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.App = (options: Options) => {
    appInstance = options;
    (options.onLaunch as ((o: Options) => void) | undefined)?.call(options, { path: currentRoute, query: {}, scene: 1001 });
    (options.onShow as ((o: Options) => void) | undefined)?.call(options, { path: currentRoute, query: {}, scene: 1001 });
  };
  g.getApp = () => appInstance;
  g.getCurrentPages = () => pageStack;
  // A Page is a Component whose methods live at the top level; map it onto j-component's Component.
  g.Page = (options: Options) => {
    const methods: Record<string, unknown> = {};
    const data = (options.data as Options | undefined) ?? {};
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'function') methods[key] = value;
    }
    const route = currentRoute;
    (g.Component as (definition: Options) => void)({
      data,
      methods,
      lifetimes: {
        attached(this: PageInstance) {
          this.route = route;
          pageStack.push(this);
          (this.onLoad as ((q: Options) => void) | undefined)?.call(this, {});
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

/** Stand-in for WeChat Cloud: answers the functions the pages call on load, per the contracts. */
const cloudCalls: Array<{ name: string; data: unknown }> = [];
function installFakeCloud(): void {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wx.cloud = {
    init: () => undefined,
    callFunction: async ({ name, data }: { name: string; data?: { action?: string } }) => {
      cloudCalls.push({ name, data });
      if (name === 'catalog' && data?.action === 'listCategories') {
        return {
          result: {
            ok: true,
            data: {
              categories: [
                { _id: 'c1', name: '助老服务', icon: '老', itemCount: 3 },
                { _id: 'c2', name: '环境整治', icon: '', itemCount: 2 },
              ],
            },
          },
        };
      }
      if (name === 'identity' && data?.action === 'whoami') {
        return {
          result: {
            ok: true,
            data: { openid: 'o-test', name: '张阿姨', roles: [{ role: 'volunteer', scopeId: 't1', scopeName: '银龄之声' }] },
          },
        };
      }
      if (name === 'identity' && data?.action === 'myBinding') {
        return { result: { ok: true, data: { buildingId: null, buildingName: '', room: '', binding: null, note: '' } } };
      }
      if (name === 'identity' && data?.action === 'listBuildings') {
        return { result: { ok: true, data: [{ _id: 'b1', name: '1栋', estateName: '天府花园', communityName: '和平社区' }] } };
      }
      return { result: { ok: false, code: 'NOT_FOUND', message: '未知的云函数' } };
    },
  };
}

/** What each known page must show once its data arrived (unknown pages only need a page root). */
const EXPECTED: Record<string, { rootClass: string; texts: string[] }> = {
  'pages/index/index': { rootClass: 'home', texts: ['服务菜单', '助老服务', '环境整治', '3 项服务'] },
  'pages/mine/index': { rootClass: 'mine', texts: ['张阿姨', '志愿者 · 银龄之声'] },
  'pages/mine/binding/index': { rootClass: 'binding', texts: ['申请绑定', '提交绑定申请'] },
};

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('weapp pages render in miniprogram-simulate', () => {
  assertWeappBuilt();
  const appJson = readAppJson();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as typeof import('miniprogram-simulate');
  installMiniProgramGlobals();
  installFakeCloud();

  beforeAll(() => {
    currentRoute = appJson.pages[0] ?? '';
    require(path.join(WEAPP_DIST, 'app.js'));
  });

  it('app.js registers the app', () => {
    expect(appInstance).toBeDefined();
  });

  it('app.json lists pages that all exist in the build', () => {
    expect(appJson.pages.length).toBeGreaterThan(0);
    for (const page of appJson.pages) {
      for (const ext of ['.js', '.json', '.wxml']) {
        expect(fs.existsSync(path.join(WEAPP_DIST, `${page}${ext}`))).toBe(true);
      }
    }
  });

  it.each(appJson.pages)('%s renders', async (page) => {
    currentRoute = page;
    const id = simulate.load(path.join(WEAPP_DIST, page), { rootPath: WEAPP_DIST });
    const comp = simulate.render(id);
    const parent = document.createElement('parent-wrapper');
    comp.attach(parent);
    const dom = comp.dom as unknown as HTMLElement;
    const expected = EXPECTED[page];
    await waitFor(() => (expected?.texts ?? []).every((t) => dom.textContent?.includes(t)));

    // The page's root: <wx-view class="main--page main--<page>"> rendered by Taro's base.wxml templates.
    const root = dom.firstElementChild;
    expect(root?.tagName.toLowerCase()).toBe('wx-view');
    expect(root?.className).toMatch(/(^|\s)main--page(\s|$)/);
    expect(dom.querySelectorAll('wx-text').length).toBeGreaterThan(0);
    if (expected) {
      expect(root?.className).toContain(`main--${expected.rootClass}`);
      for (const text of expected.texts) expect(dom.textContent).toContain(text);
    }
    comp.detach();
  });

  it('pages reached the cloud through Taro.cloud.callFunction (wx.cloud)', () => {
    expect(cloudCalls).toEqual(
      expect.arrayContaining([
        { name: 'catalog', data: { action: 'listCategories' } },
        { name: 'identity', data: { action: 'whoami' } },
      ]),
    );
  });
});
