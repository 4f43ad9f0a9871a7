import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const files = [
  'src/domain/org/org.types.ts',
  'src/domain/identity/role.ts',
  'src/domain/catalog/catalog.types.ts',
  'src/domain/catalog/catalog.rules.ts',
  'local-cloud/seed/prng.ts',
  'local-cloud/seed/demo-seed.ts',
  'local-cloud/seed/demo-identities.ts',
];

describe('domain and seed purity', () => {
  it.each(files)('%s imports only relative modules and never Math.random / Date.now', (file) => {
    const src = readFileSync(join(root, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const specifiers = [...src.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
    for (const s of specifiers) expect(s).toMatch(/^\.\.?\//);
    expect(src).not.toMatch(/Math\.random|Date\.now|new Date\(/);
  });
});
