import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { exportOverview } from '../../../server/stats/export-overview';
import { overview } from '../../../server/stats/overview';
import { statsContract } from '../../../src/contracts/stats.contract';

/** Statistics for staff and leaders. */
export const main = defineFunction(statsContract, {
  overview: async (input) => overview(await loadPrincipal(requireActor()), input, now()),
  exportOverview: async (input) => exportOverview(await loadPrincipal(requireActor()), input, now()),
});
