import { buildFunctions } from '../../scripts/build-functions';

/** Cloud and browser tests run the bundled functions: bundle them first (2–3 s with the SDK bundled in), never stale. */
export default async function globalSetup(): Promise<void> {
  await buildFunctions();
}
