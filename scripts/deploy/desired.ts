/**
 * What the environment should hold, read from the repository alone (no network): every collection
 * of database/indexes.ts with its indexes and its security rule, every folder under cloudfunctions/
 * with its config.json, its bundle and the environment variables server/kit/config.ts declares for
 * it, valued from the local env file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { COLLECTION_INDEXES, type IndexSpec } from '../../database/indexes';
import { ENV_VARIABLES, type EnvVariable } from '../../server/kit/config';

/** Client access denied: only the cloud functions (admin SDK) read and write (安全规则「仅管理端可读写」). */
export const COLLECTION_ACL = 'ADMINONLY';
/** The Node.js runtime of a new function when config.json names none; the bundles target Node 16 (scripts/build-functions.ts). */
export const DEFAULT_RUNTIME = 'Nodejs16.13';
export const DEFAULT_MEMORY_MB = 256;

export interface DesiredCollection {
  name: string;
  indexes: readonly IndexSpec[];
  acl: string;
}

export interface Trigger {
  name: string;
  type: string;
  config: string;
}

export interface DesiredVariable {
  name: string;
  required: boolean;
  description: string;
  /** From the env file; undefined when the file has none (only allowed for optional ones). */
  value: string | undefined;
}

export interface DesiredFunction {
  name: string;
  /** The function's folder (uploaded as the code package, without src/). */
  dir: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  triggers: Trigger[];
  openapi: string[];
  variables: DesiredVariable[];
  /** sha256 (12 hex) of index.js, package.json and config.json; undefined when index.js is not built. */
  codeHash: string | undefined;
}

export interface Desired {
  collections: DesiredCollection[];
  functions: DesiredFunction[];
}

export class DeployConfigError extends Error {
  override name = 'DeployConfigError';
}

const FunctionConfigJson = z
  .object({
    timeout: z.number().int().min(1).max(900).optional(),
    memorySize: z.number().int().min(64).max(3072).optional(),
    runtime: z.string().optional(),
    permissions: z
      .object({ openapi: z.array(z.string()).default([]) })
      .partial()
      .optional(),
    triggers: z.array(z.object({ name: z.string().min(1), type: z.literal('timer'), config: z.string().min(1) })).optional(),
  })
  .passthrough();

/** The deployable folders: every directory under cloudfunctions/ with a package.json. */
export function functionFolders(functionsRoot: string): string[] {
  return fs
    .readdirSync(functionsRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsRoot, d.name, 'package.json')))
    .map((d) => d.name)
    .sort();
}

function readConfig(dir: string): z.infer<typeof FunctionConfigJson> {
  const file = path.join(dir, 'config.json');
  if (!fs.existsSync(file))
    throw new DeployConfigError(`${file} 不存在：每个云函数目录都需要 config.json (every function needs a config.json)`);
  const parsed = FunctionConfigJson.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new DeployConfigError(
      `${file} 格式不对 (invalid): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

function codeHash(dir: string): string | undefined {
  if (!fs.existsSync(path.join(dir, 'index.js'))) return undefined;
  const hash = createHash('sha256');
  for (const file of ['index.js', 'package.json', 'config.json']) hash.update(`${file}\0`).update(fs.readFileSync(path.join(dir, file)));
  // Files the build puts beside index.js (the activity function's certificate font) ship too.
  for (const file of ['cert-font.ttf.br']) {
    if (fs.existsSync(path.join(dir, file))) hash.update(`${file}\0`).update(fs.readFileSync(path.join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

export interface DesiredOptions {
  /** cloudfunctions/ */
  functionsRoot: string;
  /** The env file's values. */
  env: Record<string, string>;
  /** Named in the error message. */
  envFile: string;
  variables?: readonly EnvVariable[];
  collections?: Readonly<Record<string, readonly IndexSpec[]>>;
}

export function loadDesired(options: DesiredOptions): Desired {
  const variables = options.variables ?? ENV_VARIABLES;
  const collections = Object.entries(options.collections ?? COLLECTION_INDEXES).map(([name, indexes]) => ({
    name,
    indexes,
    acl: COLLECTION_ACL,
  }));
  const names = functionFolders(options.functionsRoot);
  const missing = variables.filter((v) => v.required && v.functions.some((f) => names.includes(f)) && !options.env[v.name]?.trim());
  if (missing.length > 0) {
    const lines = missing.map((v) => `  ${v.name}（${v.functions.filter((f) => names.includes(f)).join('、')}）：${v.description}`);
    throw new DeployConfigError(
      `${options.envFile} 缺少必需的环境变量 (missing required environment variables):\n${lines.join('\n')}\n` +
        `照 deploy.env.example 在 ${options.envFile} 里填上它们（这个文件不提交）。`,
    );
  }
  const functions = names.map((name): DesiredFunction => {
    const dir = path.join(options.functionsRoot, name);
    const config = readConfig(dir);
    return {
      name,
      dir,
      runtime: config.runtime ?? DEFAULT_RUNTIME,
      timeout: config.timeout ?? 3,
      memorySize: config.memorySize ?? DEFAULT_MEMORY_MB,
      triggers: (config.triggers ?? []).map((t) => ({ name: t.name, type: t.type, config: t.config })),
      openapi: config.permissions?.openapi ?? [],
      variables: variables
        .filter((v) => v.functions.includes(name))
        .map((v) => ({ name: v.name, required: v.required, description: v.description, value: options.env[v.name]?.trim() || undefined })),
      codeHash: codeHash(dir),
    };
  });
  return { collections, functions };
}
