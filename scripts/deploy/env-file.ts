/**
 * Reads the local, git-ignored file that holds the cloud functions' environment variables
 * (`deploy.env` by default; `deploy.env.example` shows its shape). `KEY=value` lines, `#`
 * comments, optional single or double quotes around the value. Values are secrets: nothing here
 * prints them.
 */
import fs from 'node:fs';

export class EnvFileError extends Error {
  override name = 'EnvFileError';
}

export function parseEnvFile(text: string, source = 'env file'): Record<string, string> {
  const values: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new EnvFileError(`${source} 第 ${i + 1} 行不是 KEY=value 格式 (line ${i + 1} is not KEY=value)`);
    const [, key = '', rest = ''] = match;
    const quoted = /^(['"])(.*)\1$/.exec(rest);
    values[key] = quoted ? (quoted[2] ?? '') : rest.replace(/\s+#.*$/, '');
  });
  return values;
}

/** The file's variables; a missing file is an empty set (the plan then names what is required). */
export function readEnvFile(file: string): { values: Record<string, string>; found: boolean } {
  if (!fs.existsSync(file)) return { values: {}, found: false };
  return { values: parseEnvFile(fs.readFileSync(file, 'utf8'), file), found: true };
}
