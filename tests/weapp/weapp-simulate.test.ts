/**
 * @jest-environment jsdom
 *
 * Every page of the weapp build — main package and every subpackage — renders in
 * miniprogram-simulate: WeChat's own WXML compiler (wcc, shipped inside the npm package) accepts
 * the templates, the Taro runtime mounts each React page into them, and the page shows what it
 * loaded from a fake WeChat Cloud (simulate/fake-cloud.ts). Run after `npm run build:weapp`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { installFakeCloud } from './simulate/fake-cloud';
import { app, installMiniProgramGlobals, openRoute, renderPage } from './simulate/mini-program';
import { PAGES } from './simulate/pages';
import { assertWeappBuilt, readAppJson, WEAPP_DIST } from './weapp-size';

jest.setTimeout(60_000);

describe('weapp pages render in miniprogram-simulate', () => {
  assertWeappBuilt();
  const appJson = readAppJson();
  const subPackages = appJson.subPackages ?? appJson.subpackages ?? [];
  const routes = [...appJson.pages, ...subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  installMiniProgramGlobals();
  const cloud = installFakeCloud();

  beforeAll(() => {
    openRoute(appJson.pages[0] ?? '');
    require(path.join(WEAPP_DIST, 'app.js'));
  });

  it('app.js registers the app', () => {
    expect(app()).toBeDefined();
  });

  it('app.json lists pages and subpackage pages that all exist in the build', () => {
    expect(appJson.pages.length).toBeGreaterThan(0);
    expect(subPackages.length).toBeGreaterThan(0);
    for (const route of routes) {
      for (const ext of ['.js', '.json', '.wxml']) expect(fs.existsSync(path.join(WEAPP_DIST, `${route}${ext}`))).toBe(true);
    }
  });

  it('every page has an expectation', () => {
    expect(routes.filter((r) => !PAGES[r])).toEqual([]);
    expect(Object.keys(PAGES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(routes)('%s renders', async (route) => {
    const expected = PAGES[route];
    if (!expected) throw new Error(`no expectation for ${route} in simulate/pages.ts`);
    cloud.use(expected.answers ?? {});
    cloud.unanswered.length = 0;
    const page = await renderPage(WEAPP_DIST, route, expected.query ?? {}, (dom) =>
      expected.texts.every((t) => dom.textContent?.includes(t)),
    );
    const { dom } = page;

    // The page's root: <wx-view class="main--page main--<page>"> rendered by Taro's base.wxml templates.
    const root = dom.firstElementChild;
    expect(root?.tagName.toLowerCase()).toBe('wx-view');
    expect(root?.className).toMatch(/(^|\s)main--page(\s|$)/);
    expect(root?.className.split(/\s+/)).toContain(`main--${expected.rootClass}`);
    for (const text of expected.texts) expect(dom.textContent).toContain(text);
    expect(cloud.unanswered).toEqual([]);
    expect(dom.querySelectorAll('.main--state-view--error')).toHaveLength(0);
    // CloudImage: one <image> per photo, its src the cloud:// fileID (weapp's <Image> loads fileIDs).
    const photos = expected.photos ?? [];
    expect(dom.querySelectorAll('wx-image.main--cloud-image')).toHaveLength(photos.length);
    const data = JSON.stringify(page.data());
    for (const fileID of photos) expect(data).toContain(JSON.stringify(fileID));
    page.detach();
  });

  it('pages reached the cloud through Taro.cloud.callFunction (wx.cloud)', () => {
    expect(cloud.calls).toEqual(
      expect.arrayContaining([
        { name: 'catalog', data: { action: 'category', categoryId: 'c-repair' } },
        { name: 'identity', data: { action: 'home' } },
        { name: 'order', data: { action: 'detail', orderId: 'ord-sim-1' } },
        { name: 'order', data: { action: 'teamOrder', orderId: 'ord-sim-1' } },
        { name: 'announce', data: { action: 'unread', id: 'a1', buildingId: 'b1' } },
        { name: 'team', data: { action: 'teamPage', teamId: 't1' } },
      ]),
    );
  });
});
