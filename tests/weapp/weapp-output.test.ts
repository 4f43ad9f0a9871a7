/**
 * The weapp build ships only what belongs in WeChat: no local gateway, no dev identity switcher,
 * and exactly the expected pages. Run after `npm run build:weapp`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assertWeappBuilt, listWeappFiles, readAppJson, WEAPP_DIST } from './weapp-size';

const EXPECTED_PAGES = ['pages/index/index', 'pages/mine/index', 'pages/mine/binding/index'];
const TAB_PAGES = ['pages/index/index', 'pages/mine/index'];
/** The resident ordering subpackage; other subpackages (station, team consoles) may sit beside it. */
const ORDER_SUBPACKAGE = {
  root: 'pages/order',
  name: 'order',
  pages: ['items/index', 'create/index', 'list/index', 'detail/index', 'proxy/index'],
};
/** The consoles: 派单台 for station / institute staff, 接单 for team leaders and volunteers. */
const CONSOLE_SUBPACKAGES = [
  { root: 'pages/station', name: 'station', pages: ['queue/index', 'detail/index', 'stats/index'] },
  { root: 'pages/team', name: 'team', pages: ['index/index', 'order/index', 'points/index'] },
];
/** 公告: resident feed and detail (the share card's page), staff compose / progress / 知晓率, building heads' tasks. */
const ANNOUNCE_SUBPACKAGE = {
  root: 'pages/announce',
  name: 'announce',
  pages: ['feed', 'detail', 'manage', 'compose', 'preview', 'progress', 'awareness', 'tasks', 'unread'],
};
/** Strings that only local (H5) code carries. */
const LOCAL_ONLY = ['/gateway/', 'gateway/identities', 'dev/identity', 'dev.openid', 'x-wx-openid'];

describe('weapp output', () => {
  assertWeappBuilt();
  const files = listWeappFiles();
  const appJson = readAppJson();

  it('app.json lists exactly the expected main-package pages, two of them in the tab bar', () => {
    expect(appJson.pages).toEqual(EXPECTED_PAGES);
    expect(appJson.tabBar?.list.map((item) => item.pagePath)).toEqual(TAB_PAGES);
    expect(appJson.tabBar?.list.map((item) => item.text)).toEqual(['首页', '我的']);
    expect(appJson.window?.navigationBarTitleText).toBe('文明实践志愿服务');
    expect(appJson.subPackages ?? appJson.subpackages ?? []).toEqual(
      expect.arrayContaining([ORDER_SUBPACKAGE, ...CONSOLE_SUBPACKAGES, ANNOUNCE_SUBPACKAGE]),
    );
  });

  it('contains no dev identity page', () => {
    expect(files.filter((f) => f.includes('pages/dev'))).toEqual([]);
  });

  it.each(LOCAL_ONLY)('no file mentions %s', (needle) => {
    const hits = files.filter((f) => {
      const content = fs.readFileSync(path.join(WEAPP_DIST, f));
      return content.includes(needle);
    });
    expect(hits).toEqual([]);
  });

  it('carries no input schemas: pages hold contracts as types only, so zod stays on the server', () => {
    const hits = files
      .filter((f) => f.endsWith('.js'))
      .filter((f) => /ZodError|invalid_type_error/.test(fs.readFileSync(path.join(WEAPP_DIST, f), 'utf8')));
    expect(hits).toEqual([]);
  });

  it('calls the cloud through wx.cloud (Taro.cloud.callFunction)', () => {
    const js = files.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(WEAPP_DIST, f), 'utf8'));
    expect(js.some((code) => code.includes('callFunction'))).toBe(true);
  });
});
