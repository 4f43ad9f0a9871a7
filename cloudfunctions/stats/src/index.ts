import { z } from 'zod';
import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { action, defineUntypedFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { overview } from '../../../server/stats/overview';

/** Statistics for staff and leaders. */
export const main = defineUntypedFunction({
  overview: action({
    input: z.object({ scope: z.enum(['station', 'team']).optional(), teamId: z.string().trim().min(1).max(64).optional() }).strict(),
    run: async (input) => overview(await loadPrincipal(requireActor()), input, now()),
  }),
});
