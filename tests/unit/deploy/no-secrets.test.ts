/**
 * No secret in the repository: no Tencent Cloud key, no private key (a miniprogram-ci upload key is
 * one), no filled-in deploy.env, in any file git tracks; and the local files that hold them are
 * git-ignored. (The plan's output and the deploy's logs are checked in plan.test.ts and
 * tests/cloud/deploy-standin.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
const tracked = git('ls-files', '-z').split('\0').filter(Boolean);

const PATTERNS: [string, RegExp][] = [
  ['a Tencent Cloud SecretId', /AKID[0-9A-Za-z]{13,}/],
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['a Tencent Cloud SecretKey assignment', /TENCENTCLOUD_SECRETKEY\s*[=:]\s*['"]?[0-9A-Za-z]{20,}/],
  ['an upload key assignment', /MINIPROGRAM_PRIVATE_KEY\s*[=:]\s*['"]?[0-9A-Za-z+/]{40,}/],
  ['a PII_SECRET value', /^PII_SECRET=\S+/m],
];

describe('the repository holds no secret', () => {
  it('tracks no key file and no filled-in env file', () => {
    expect(
      tracked.filter((f) => /(^|\/)(deploy\.env|\.env(\..*)?|private\.[^/]*\.key|[^/]*\.pem)$/.test(f) && !f.endsWith('.example')),
    ).toEqual([]);
  });

  it.each(PATTERNS)('no tracked file contains %s', (_what, pattern) => {
    const hits = tracked.filter((file) => {
      const full = path.join(ROOT, file);
      if (!fs.existsSync(full) || fs.statSync(full).size > 5_000_000) return false;
      return pattern.test(fs.readFileSync(full, 'utf8'));
    });
    expect(hits).toEqual([]);
  });

  it('git ignores the local files that hold secrets', () => {
    for (const file of ['deploy.env', 'private.wx0123456789abcdef.key']) {
      expect(() => git('check-ignore', '-q', file)).not.toThrow();
    }
  });
});
