/**
 * npm run deploy:weapp at its boundary with miniprogram-ci (an injected module: uploading needs
 * WeChat's servers and a real key): the appid checks, the key from the environment only, the
 * calls it makes, and the key never printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CiModule, uploadWeapp } from '../../../scripts/deploy/weapp';

const APPID = 'wx0123456789abcdef';
const KEY = '-----BEGIN RSA PRIVATE' + ' KEY-----\nMIIEfakeKeyForTheTestOnly0123456789abcdef\n-----END RSA PRIVATE' + ' KEY-----';

let root: string;
const write = (file: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
};

function fakeCi() {
  const projects: unknown[] = [];
  const uploads: Record<string, unknown>[] = [];
  const ci: CiModule = {
    Project: class {
      constructor(options: unknown) {
        projects.push(options);
      }
    } as unknown as CiModule['Project'],
    upload: async (options) => {
      uploads.push(options as unknown as Record<string, unknown>);
      options.onProgressUpdate?.({ id: 'upload', status: 'done', message: 'upload' });
      return { subPackageInfo: [{ name: '__FULL__', size: 512 * 1024 }] };
    },
  };
  return { ci, projects, uploads };
}

async function run(argv: string[], env: Record<string, string | undefined> = { MINIPROGRAM_PRIVATE_KEY: KEY }) {
  const fake = fakeCi();
  const lines: string[] = [];
  const code = await uploadWeapp(argv, { env, log: (l) => lines.push(l), root, ci: fake.ci });
  return { code, text: lines.join('\n'), ...fake };
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-weapp-'));
  write('project.config.json', JSON.stringify({ appid: APPID, miniprogramRoot: 'dist/weapp/' }));
  write('dist/weapp/project.config.json', JSON.stringify({ appid: APPID, miniprogramRoot: './' }));
  write('dist/weapp/app.json', JSON.stringify({ pages: ['pages/index/index'] }));
  write('dist/weapp/app.js', 'wx.cloud.init({env:"prod-7g2k",traceUser:!0});');
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('npm run deploy:weapp', () => {
  it('uploads dist/weapp with the appid of project.config.json, the key from the environment, the version and description', async () => {
    const { code, text, projects, uploads } = await run(['--version', '1.2.3', '--desc', '首个版本', '--env', 'prod-7g2k']);
    expect(code).toBe(0);
    expect(projects).toEqual([
      { appid: APPID, type: 'miniProgram', projectPath: path.join(root, 'dist', 'weapp'), privateKey: KEY, ignores: ['node_modules/**/*'] },
    ]);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({
      version: '1.2.3',
      desc: '首个版本',
      robot: 1,
      setting: expect.objectContaining({ es6: false, minify: true }),
    });
    expect(text).toContain('512 KB');
    expect(text).not.toContain('fakeKeyForTheTestOnly');
  });

  it('reads the key from MINIPROGRAM_PRIVATE_KEY_PATH too', async () => {
    const keyFile = path.join(os.tmpdir(), `private.${APPID}.key`);
    fs.writeFileSync(keyFile, KEY);
    const { code, projects } = await run(['--version', '1.2.3', '--desc', 'x'], { MINIPROGRAM_PRIVATE_KEY_PATH: keyFile });
    fs.rmSync(keyFile);
    expect(code).toBe(0);
    expect(projects).toEqual([expect.objectContaining({ privateKey: KEY })]);
  });

  it.each([
    [
      'the placeholder appid',
      () => write('project.config.json', JSON.stringify({ appid: 'touristappid' })),
      [],
      /project.config.json 的 appid 是 touristappid/,
    ],
    [
      'another MINIPROGRAM_APPID',
      () => undefined,
      [],
      /MINIPROGRAM_APPID=wx1111111111111111 与 project.config.json 的 appid wx0123456789abcdef 不一致/,
    ],
    [
      'a build made with another appid',
      () => write('dist/weapp/project.config.json', JSON.stringify({ appid: 'touristappid' })),
      [],
      /重新 npm run build:weapp/,
    ],
    ['no build', () => fs.rmSync(path.join(root, 'dist'), { recursive: true }), [], /先 TARO_APP_CLOUD_ENV=<环境ID> npm run build:weapp/],
    ['a build for another cloud environment', () => undefined, ['--env', 'other-env'], /不是为云环境 other-env 构建的/],
    ['a version that is not x.y.z', () => undefined, ['--version', 'v1'], /x\.y\.z/],
  ])('refuses %s before calling miniprogram-ci', async (_what, arrange, extra, message) => {
    arrange();
    const env = {
      MINIPROGRAM_PRIVATE_KEY: KEY,
      ...(/MINIPROGRAM_APPID/.test(String(message)) ? { MINIPROGRAM_APPID: 'wx1111111111111111' } : {}),
    };
    const argv = ['--version', '1.0.0', '--desc', 'd', ...(extra as string[])];
    const { code, text, projects, uploads } = await run(argv, env);
    expect(code).toBe(2);
    expect(text).toMatch(message as RegExp);
    expect([projects, uploads]).toEqual([[], []]);
  });

  it('refuses without a key and names the variables to set', async () => {
    const { code, text, uploads } = await run(['--version', '1.0.0', '--desc', 'd'], {});
    expect(code).toBe(2);
    expect(text).toMatch(/MINIPROGRAM_PRIVATE_KEY[\s\S]*MINIPROGRAM_PRIVATE_KEY_PATH/);
    expect(uploads).toEqual([]);
  });

  it('never prints the key, even in an error from miniprogram-ci', async () => {
    const fake = fakeCi();
    fake.ci.upload = async () => {
      throw new Error(`invalid key ${KEY}`);
    };
    const lines: string[] = [];
    const code = await uploadWeapp(['--version', '1.0.0', '--desc', 'd'], {
      env: { MINIPROGRAM_PRIVATE_KEY: KEY },
      log: (l) => lines.push(l),
      root,
      ci: fake.ci,
    });
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('invalid key ***');
    expect(lines.join('\n')).not.toContain('fakeKeyForTheTestOnly');
  });
});
