import { z } from 'zod';
import { whoami } from '../../../server/identity/whoami.query';
import { requireActor } from '../../../server/kit/actor';
import { action, defineFunction } from '../../../server/kit/define-function';

/** Who the caller is and what they may do. The caller always comes from the WeChat context. */
export const main = defineFunction({
  whoami: action({ input: z.object({}).strict(), run: () => whoami(requireActor()) }),
});
