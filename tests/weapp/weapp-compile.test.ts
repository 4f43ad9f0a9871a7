/**
 * WeChat's own compiler (miniprogram-ci, offline) accepts the weapp build, and the main package
 * stays within WeChat's 2 MB limit. Run after `npm run build:weapp`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assertWeappBuilt, formatReport, MAIN_PACKAGE_LIMIT, measureWeapp, ROOT, TOTAL_LIMIT, type WeappReport } from './weapp-size';

jest.setTimeout(180_000);

describe('weapp build through WeChat miniprogram-ci (offline)', () => {
  let report: WeappReport;

  beforeAll(async () => {
    assertWeappBuilt();
    report = await measureWeapp();
    // Record the size report next to other test artifacts (ignored by git) and print it.
    const dir = path.join(ROOT, '.test-artifacts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'weapp-size.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(formatReport(report));
  });

  it('compiles every file without touching the network', () => {
    expect(report.networkAttempts).toEqual([]);
    expect(report.fileCount).toBeGreaterThan(0);
  });

  it('WeChat code analysis finds no unresolved dependency or build error', () => {
    expect(report.analysisErrors).toEqual([]);
  });

  it('main package is under 2 MB and the whole app under 20 MB', () => {
    expect(report.mainBytes).toBeLessThan(MAIN_PACKAGE_LIMIT);
    expect(report.qualityMainBytes ?? 0).toBeLessThan(MAIN_PACKAGE_LIMIT);
    expect(report.totalBytes).toBeLessThan(TOTAL_LIMIT);
  });
});
