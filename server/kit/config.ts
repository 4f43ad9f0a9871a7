/**
 * The one place a cloud function reads its environment. Read and checked once, at the first
 * invocation of a cold instance; a function whose production variables are missing refuses every
 * call with `SYS.CONFIG_MISSING` and names what to set, instead of running half-configured.
 *
 * Production is the default: only the local cloud says `CLOUD_STAGE=local`, and only there may
 * subscribe templates fall back to their variable names. WeCom robots are never called unless
 * `ROBOT_WEBHOOK_BASE` is set explicitly (the local cloud points it at its own receiver).
 *
 * Subscribe templates, production: in 公众平台 (mp.weixin.qq.com) → 功能 → 订阅消息 → 公共模板库,
 * pick for each key a template with the fields of src/domain/notify/notify.templates.ts (same
 * keys, e.g. thing1 / phrase2 / thing3 / time4 — edit the keyword list when picking) and, for
 * 公告提醒, thing1 (title), thing2 (category), time3 (published at); set each id as the
 * variable below on the functions listed. The mini-program asks for grants with the ids the
 * functions answer (notify `templates`, announce `subscribeTemplate`).
 */
import { TEMPLATE_KEYS, type TemplateKey } from '../../src/domain/notify/notify.templates';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';

export type Stage = 'local' | 'production';
export type MiniprogramState = 'developer' | 'trial' | 'formal';

export interface EnvVariable {
  name: string;
  /** The functions that read it. */
  functions: readonly string[];
  /** Must be set in production, or the function refuses to work. */
  required: boolean;
  /** What it is, for the deploy plan and the README. */
  description: string;
}

const ALL_FUNCTIONS = [
  'activity',
  'announce',
  'catalog',
  'grid',
  'identity',
  'notify',
  'order',
  'org',
  'problem',
  'stats',
  'team',
] as const;

const templateEnvName = (key: TemplateKey | 'ANNOUNCEMENT') => `TEMPLATE_${key}`;

/** Every variable any function reads, declared once (the deploy plan and the tests read this too). */
export const ENV_VARIABLES: readonly EnvVariable[] = [
  {
    name: 'PII_SECRET',
    functions: ALL_FUNCTIONS,
    required: true,
    description: '手机号、真实姓名的加密密钥（AES-256-GCM），也用于从请求号推出邀请码',
  },
  ...TEMPLATE_KEYS.map((key) => ({
    name: templateEnvName(key),
    // The activity function also answers the reminder's id to the sign-up page (wx.requestSubscribeMessage).
    functions: key === 'ACTIVITY_REMINDER' ? ['notify', 'activity'] : ['notify'],
    required: true,
    description: key === 'ACTIVITY_REMINDER' ? '志愿活动开始提醒订阅消息模板 ID' : `订单订阅消息模板 ID（${key}）`,
  })),
  { name: 'TEMPLATE_ANNOUNCEMENT', functions: ['announce'], required: true, description: '公告提醒订阅消息模板 ID' },
  { name: 'MINIPROGRAM_STATE', functions: ['notify', 'announce'], required: false, description: 'formal / trial / developer，默认 formal' },
  {
    name: 'ROBOT_WEBHOOK_BASE',
    functions: ['announce'],
    required: false,
    description: '企业微信群机器人地址前缀；不设置则不向群机器人发送',
  },
  {
    name: 'CERTIFICATE_VERIFY_URL',
    functions: ['activity'],
    required: false,
    description:
      '志愿服务记录证明 PDF 上二维码指向的查验页网址（H5 的 …/#/pages/activity/verify/index，或小程序后台「扫普通链接二维码打开小程序」登记的网址），会带上 number 和 code；不设置则二维码只含证明编号和核验码',
  },
];

export interface FunctionConfig {
  stage: Stage;
  piiSecret: string;
  /**
   * Subscribe template ids by key (`ORDER_STATUS` …, `ANNOUNCEMENT`). The local stage answers the
   * variable's name when unset (the local cloud accepts any id); production never falls back and
   * throws a `SYS.CONFIG_MISSING` DomainError instead.
   */
  templateId(key: TemplateKey | 'ANNOUNCEMENT'): string;
  miniprogramState: MiniprogramState;
  /** Where robot messages go (`${base}${key}`); undefined = robots are off. */
  robotWebhookBase: string | undefined;
  /** The public verification page a certificate's QR code opens; undefined = the QR holds the number and code only. */
  certificateVerifyUrl: string | undefined;
}

export class ConfigMissingError extends Error {
  constructor(
    readonly functionName: string,
    readonly missing: readonly string[],
  ) {
    super(`云函数 ${functionName} 缺少环境变量 ${missing.join('、')}，请在云开发控制台「云函数 → 配置 → 环境变量」中设置`);
    this.name = 'ConfigMissingError';
  }
}

type Env = Record<string, string | undefined>;

const read = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

/** The variables `functionName` must have in production and lacks in `env`. */
export function missingVariables(functionName: string, env: Env): string[] {
  return ENV_VARIABLES.filter((v) => v.required && v.functions.includes(functionName) && !read(env, v.name)).map((v) => v.name);
}

/** Reads and checks `functionName`'s configuration; throws ConfigMissingError in production when something required is missing. */
export function loadConfig(functionName: string, env: Env = process.env): FunctionConfig {
  const stage: Stage = read(env, 'CLOUD_STAGE') === 'local' ? 'local' : 'production';
  if (stage === 'production') {
    const missing = missingVariables(functionName, env);
    if (missing.length > 0) throw new ConfigMissingError(functionName, missing);
  }
  const state = read(env, 'MINIPROGRAM_STATE');
  return {
    stage,
    // Locally the local cloud always passes one; production checked it above (pii-cipher refuses an empty one).
    piiSecret: read(env, 'PII_SECRET') ?? '',
    templateId: (key) => {
      const name = templateEnvName(key);
      const id = read(env, name);
      if (id) return id;
      // Only the local cloud may use placeholders (it accepts any template id); in production a
      // function that needs a template it was not given refuses instead of sending a wrong id.
      if (stage === 'local') return name;
      throw new DomainError(ErrorCode.ConfigMissing, new ConfigMissingError(functionName, [name]).message);
    },
    miniprogramState: state === 'developer' || state === 'trial' ? state : 'formal',
    robotWebhookBase: read(env, 'ROBOT_WEBHOOK_BASE'),
    certificateVerifyUrl: read(env, 'CERTIFICATE_VERIFY_URL'),
  };
}

let loaded: { name: string; config: FunctionConfig } | undefined;

/** This instance's configuration, read at its first invocation (see `defineFunction`). */
export function config(functionName = loaded?.name ?? ''): FunctionConfig {
  if (!loaded || loaded.name !== functionName) loaded = { name: functionName, config: loadConfig(functionName) };
  return loaded.config;
}
