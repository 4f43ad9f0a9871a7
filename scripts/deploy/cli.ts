/**
 * npm run deploy -- --plan                 the plan, offline: no credentials, no network
 * npm run deploy -- --env <环境ID>          builds the functions, reads the environment, applies the plan
 * npm run deploy -- --env <环境ID> --dry-run reads the environment and prints the plan without changing anything
 * Options: --env-file <file> (default deploy.env, git-ignored), --no-build.
 * Credentials: TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for
 * temporary keys) from the environment only; never written, never printed (every line is redacted).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ENV_VARIABLES } from '../../server/kit/config';
import { buildFunctions } from '../build-functions';
import { apply } from './apply';
import { type Credentials, cloudbaseClient, type DeployClient } from './client';
import { loadDesired } from './desired';
import { readEnvFile } from './env-file';
import { observe } from './observe';
import { plan } from './plan';
import { redactor } from './redact';
import { formatPlan, summary } from './report';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface CliDeps {
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  root?: string;
  client?: (envId: string, credentials: Credentials) => DeployClient;
  build?: () => Promise<unknown>;
}

/** Env-file variables whose values are plain settings (`formal` …), not secrets to mask in the output. */
const NOT_SECRET = new Set(['MINIPROGRAM_STATE']);

const USAGE = 'usage: npm run deploy -- --plan | --env <环境ID> [--dry-run] [--env-file deploy.env] [--no-build]';

export async function main(argv: string[], deps: CliDeps): Promise<number> {
  const root = deps.root ?? ROOT;
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      options: {
        plan: { type: 'boolean', default: false },
        env: { type: 'string' },
        'env-file': { type: 'string', default: 'deploy.env' },
        'dry-run': { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
      },
    });
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    deps.log(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values } = args;
  const envId = values.env;
  if (!values.plan && !envId) {
    deps.log(`缺少 --env <环境ID>（或用 --plan 只看计划） missing --env\n${USAGE}`);
    return 2;
  }
  if (envId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/.test(envId)) {
    deps.log(`环境 ID 格式不对 (invalid env id): ${envId}`);
    return 2;
  }
  const envFile = path.resolve(root, values['env-file']);
  let envFileValues: Record<string, string>;
  try {
    envFileValues = readEnvFile(envFile).values;
  } catch (error) {
    deps.log((error as Error).message);
    return 2;
  }
  const credentials = {
    secretId: deps.env.TENCENTCLOUD_SECRETID ?? '',
    secretKey: deps.env.TENCENTCLOUD_SECRETKEY ?? '',
    token: deps.env.TENCENTCLOUD_SESSIONTOKEN,
  };
  // Every value of the env file is treated as a secret, except the one that is a plain setting.
  const fileSecrets = Object.entries(envFileValues).filter(([name]) => !NOT_SECRET.has(name));
  const redact = redactor([credentials.secretId, credentials.secretKey, credentials.token, ...fileSecrets.map(([, value]) => value)]);
  const log = (line: string) => deps.log(redact(line));

  try {
    if (!values.plan && !values['no-build']) {
      log('构建云函数 (building the functions)…');
      await (deps.build ?? buildFunctions)();
    }
    const unknown = Object.keys(envFileValues).filter((name) => !ENV_VARIABLES.some((v) => v.name === name));
    if (unknown.length) {
      log(
        `注意：${path.relative(root, envFile)} 里的 ${unknown.join(', ')} 没有在 server/kit/config.ts 声明，不会设置 (not declared, ignored)`,
      );
    }
    const desired = loadDesired({
      functionsRoot: path.join(root, 'cloudfunctions'),
      env: envFileValues,
      envFile: path.relative(root, envFile),
    });
    if (values.plan) {
      log(formatPlan(plan(desired), `部署计划（离线）Deploy plan, offline${envId ? ` — ${envId}` : ''}: ${path.relative(root, envFile)}`));
      return 0;
    }
    if (!credentials.secretId || !credentials.secretKey) {
      log('缺少腾讯云 API 密钥：请在环境变量里设置 TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY（不要写进文件） (missing credentials)');
      return 2;
    }
    const client = (deps.client ?? cloudbaseClient)(envId as string, {
      secretId: credentials.secretId,
      secretKey: credentials.secretKey,
      ...(credentials.token ? { token: credentials.token } : {}),
    });
    const observed = await observe(client, desired);
    const changes = plan(desired, observed);
    log(formatPlan(changes, `部署计划 Deploy plan — ${envId}`));
    if (values['dry-run']) return 0;
    log('\n执行 Applying…');
    const failures = await apply(client, desired, observed, changes, log);
    const n = summary(changes);
    const totals = `新建 created ${n.create} · 更新 changed ${n.update} · 不变 left alone ${n.keep + n.differs}`;
    log(
      failures.length
        ? `失败 ${failures.length} 步 (failed steps)；计划是 ${totals}。修正后重跑即可，已完成的会保持不变 (re-run: what is done is left alone)`
        : `部署完成 (deployed): ${totals}`,
    );
    return failures.length ? 1 : 0;
  } catch (error) {
    log(`${(error as Error).name === 'Error' ? '' : `${(error as Error).name}: `}${(error as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main(process.argv.slice(2), { env: process.env, log: (line) => console.log(line) }).then((code) => process.exit(code));
}
