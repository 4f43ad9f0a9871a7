import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * Each folder under cloudfunctions/ is uploaded on its own and WeChat installs only what its
 * package.json lists (云端安装依赖). So a bundle may require, besides Node's own modules, exactly
 * the packages its package.json lists — anything else works here (the repo's node_modules is on
 * the resolution path) and breaks on WeChat Cloud.
 */
const root = path.resolve(__dirname, '..', '..', 'cloudfunctions');
const functions = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'src', 'index.ts')))
  .map((d) => d.name);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function requiredPackages(bundle: string): Set<string> {
  const names = new Set<string>();
  for (const match of bundle.matchAll(/\brequire\((["'])([^"']+)\1\)/g)) {
    const spec = match[2] ?? '';
    if (builtins.has(spec) || spec.startsWith('.') || spec.startsWith('/')) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
  }
  return names;
}

describe('cloud function packages upload on their own', () => {
  it.each(functions)('%s requires only Node built-ins and what its package.json lists', (name) => {
    const bundle = readFileSync(path.join(root, name, 'index.js'), 'utf8');
    const listed = Object.keys(JSON.parse(readFileSync(path.join(root, name, 'package.json'), 'utf8')).dependencies ?? {});
    const required = [...requiredPackages(bundle)];
    expect(required.filter((p) => !listed.includes(p))).toEqual([]);
    expect(required).toContain('wx-server-sdk');
  });

  // Every cold start parses the whole bundle: a large library bundled by mistake (an export or PDF
  // library imported without listing it in package.json) shows up here first, as bytes.
  it.each(functions)('%s keeps its bundle under 600 KB', (name) => {
    expect(readFileSync(path.join(root, name, 'index.js')).length).toBeLessThan(600 * 1024);
  });
});
