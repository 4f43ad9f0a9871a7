import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The H5 build the browser tests serve. `E2E_H5_DIR` points at another build (e.g. one made with
 * `TARO_OUTPUT_ROOT=dist-mine npm run build:h5`) so two people can build and test side by side
 * without one build rewriting the files the other's browser is loading.
 */
export const H5_DIR = process.env.E2E_H5_DIR ?? path.resolve(__dirname, '..', '..', 'dist', 'h5');

/** Fails the suite with a clear message when the H5 build is missing. */
export function requireH5Build(): string {
  if (!existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`${H5_DIR}/index.html is missing: run npm run build:h5 first`);
  }
  return H5_DIR;
}
