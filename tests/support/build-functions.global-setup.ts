import { buildFunctions } from '../../scripts/build-functions';

/** Cloud and browser tests run the bundled functions: bundle them first (about 0.1 s), never stale. */
export default async function globalSetup(): Promise<void> {
  await buildFunctions();
}
