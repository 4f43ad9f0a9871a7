/**
 * npm run deploy:weapp -- --version 1.2.3 --desc "说明" [--robot 1] [--env <环境ID>]
 *
 * Uploads the built mini-program (dist/weapp, from `npm run build:weapp`) as a development version
 * with WeChat's miniprogram-ci. The appid is project.config.json's, checked first: not the
 * placeholder, a real appid, the same in the build (dist/weapp/project.config.json) and, when
 * MINIPROGRAM_APPID is set, the same as that. The upload key (小程序后台 → 开发管理 → 开发设置 →
 * 小程序代码上传密钥) comes from the environment only: MINIPROGRAM_PRIVATE_KEY (its content) or
 * MINIPROGRAM_PRIVATE_KEY_PATH (a file outside the repository); it is never printed. With --env,
 * the build must have been made for that cloud environment (TARO_APP_CLOUD_ENV).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { redactor } from './redact';

const PLACEHOLDER = 'touristappid';

type MiniprogramCi = typeof import('miniprogram-ci');

/** The part of miniprogram-ci the upload uses (injected in tests). */
export interface CiModule {
  Project: MiniprogramCi['Project'];
  upload: MiniprogramCi['upload'];
}

export interface WeappDeps {
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  root?: string;
  ci?: CiModule;
}

class UploadError extends Error {}

const readAppid = (file: string): string | undefined =>
  fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { appid?: string }).appid : undefined;

function builtFor(dist: string, envId: string): boolean {
  const needle = JSON.stringify(envId);
  const walk = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.name.endsWith('.js') && fs.readFileSync(full, 'utf8').includes(needle);
    });
  return walk(dist);
}

function checks(argv: string[], deps: WeappDeps, root: string) {
  const { values } = parseArgs({
    args: argv,
    options: { version: { type: 'string' }, desc: { type: 'string' }, robot: { type: 'string', default: '1' }, env: { type: 'string' } },
  });
  const version = values.version ?? '';
  if (!/^\d+\.\d+\.\d+$/.test(version))
    throw new UploadError(`--version 要写成 x.y.z（当前：${version || '未给'}） (version must be x.y.z)`);
  const desc = values.desc?.trim() ?? '';
  if (!desc) throw new UploadError('--desc 要写版本说明 (a description is required)');
  const robot = Number(values.robot);
  if (!Number.isInteger(robot) || robot < 1 || robot > 30) throw new UploadError('--robot 是 1–30 的整数 (robot must be 1–30)');

  const appid = readAppid(path.join(root, 'project.config.json'));
  if (!appid || appid === PLACEHOLDER || !/^wx[0-9a-f]{16}$/.test(appid)) {
    throw new UploadError(
      `project.config.json 的 appid 是 ${appid ?? '空'}：请换成你的小程序 appid（wx 开头 18 位）再构建 (put your real appid in project.config.json)`,
    );
  }
  const expected = deps.env.MINIPROGRAM_APPID?.trim();
  if (expected && expected !== appid)
    throw new UploadError(`MINIPROGRAM_APPID=${expected} 与 project.config.json 的 appid ${appid} 不一致 (appid mismatch)`);
  const dist = path.join(root, 'dist', 'weapp');
  if (!fs.existsSync(path.join(dist, 'app.json')))
    throw new UploadError('dist/weapp 没有构建：先 TARO_APP_CLOUD_ENV=<环境ID> npm run build:weapp (build first)');
  const built = readAppid(path.join(dist, 'project.config.json'));
  if (built !== appid)
    throw new UploadError(`dist/weapp 是用 appid ${built ?? '空'} 构建的，不是 ${appid}：请重新 npm run build:weapp (stale build)`);
  if (values.env && !builtFor(dist, values.env)) {
    throw new UploadError(
      `dist/weapp 不是为云环境 ${values.env} 构建的：TARO_APP_CLOUD_ENV=${values.env} npm run build:weapp (built for another environment)`,
    );
  }

  const keyPath = deps.env.MINIPROGRAM_PRIVATE_KEY_PATH?.trim();
  const privateKey =
    deps.env.MINIPROGRAM_PRIVATE_KEY?.trim() || (keyPath && fs.existsSync(keyPath) ? fs.readFileSync(keyPath, 'utf8').trim() : '');
  if (!privateKey) {
    throw new UploadError(
      '缺少上传密钥：在环境变量 MINIPROGRAM_PRIVATE_KEY（密钥内容）或 MINIPROGRAM_PRIVATE_KEY_PATH（密钥文件，不放在仓库里）里提供 (missing upload key)',
    );
  }
  return { version, desc, robot, appid, dist, privateKey };
}

export async function uploadWeapp(argv: string[], deps: WeappDeps): Promise<number> {
  const root = deps.root ?? path.resolve(__dirname, '..', '..');
  let redact = (text: string) => text;
  try {
    const { version, desc, robot, appid, dist, privateKey } = checks(argv, deps, root);
    redact = redactor([privateKey]);
    const log = (line: string) => deps.log(redact(line));
    const ci: CiModule = deps.ci ?? (require('miniprogram-ci') as CiModule);
    const project = new ci.Project({ appid, type: 'miniProgram', projectPath: dist, privateKey, ignores: ['node_modules/**/*'] });
    log(`上传 (uploading) ${appid} ${version}：${desc}`);
    const result = await ci.upload({
      project,
      version,
      desc,
      robot,
      setting: { es6: false, es7: false, minify: true, minifyJS: true, minifyWXML: true, minifyWXSS: true, autoPrefixWXSS: true },
      onProgressUpdate: (task) => {
        if (typeof task === 'string') log(`  ${task}`);
        else if (task.status === 'done' && task.message) log(`  ${task.message}`);
      },
    });
    const sizes = (result.subPackageInfo ?? []).map((p) => `${p.name} ${(p.size / 1024).toFixed(0)} KB`).join(', ');
    log(
      `已上传为开发版 (uploaded as a development version)${sizes ? `: ${sizes}` : ''}；到小程序后台「版本管理」提交审核 (submit it for review in the admin console)`,
    );
    return 0;
  } catch (error) {
    deps.log(redact(error instanceof UploadError ? error.message : `上传失败 (upload failed): ${(error as Error).message}`));
    return error instanceof UploadError ? 2 : 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  uploadWeapp(process.argv.slice(2), { env: process.env, log: (line) => console.log(line) }).then((code) => process.exit(code));
}
