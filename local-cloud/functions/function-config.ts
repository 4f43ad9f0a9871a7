import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A timer trigger as WeChat's config.json declares it (7-field cron: s m h dom mon dow year). */
export interface TimerTrigger {
  name: string;
  type: 'timer';
  config: string;
}

export interface FunctionDefinition {
  name: string;
  dir: string;
  /** The bundled entry WeChat Cloud runs (exports.main). */
  entry: string;
  timeoutMs: number;
  triggers: TimerTrigger[];
}

/** WeChat's default when config.json says nothing; 60 s is the platform's ceiling. */
const DEFAULT_TIMEOUT_S = 3;
const MAX_TIMEOUT_S = 60;

interface RawConfig {
  timeout?: number;
  triggers?: Array<{ name?: string; type?: string; config?: string }>;
}

export function readFunctionDefinition(dir: string): FunctionDefinition {
  const name = path.basename(dir);
  const configPath = path.join(dir, 'config.json');
  const raw: RawConfig = existsSync(configPath) ? JSON.parse(readFileSync(configPath, 'utf8')) : {};
  const timeoutS = Math.min(Math.max(Number(raw.timeout ?? DEFAULT_TIMEOUT_S), 1), MAX_TIMEOUT_S);
  const triggers = (raw.triggers ?? [])
    .filter((t) => t.type === 'timer' && typeof t.config === 'string')
    .map((t) => ({ name: t.name ?? 'timer', type: 'timer' as const, config: t.config as string }));
  return { name, dir, entry: path.join(dir, 'index.js'), timeoutMs: timeoutS * 1000, triggers };
}

/** Every folder under cloudfunctions/ with a package.json is a function. */
export function discoverFunctions(root: string): FunctionDefinition[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'package.json')))
    .map((d) => readFunctionDefinition(path.join(root, d.name)))
    .sort((a, b) => a.name.localeCompare(b.name));
}
