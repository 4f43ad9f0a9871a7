import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { DocumentStore } from '../db/document-store';
import type { TimerScheduler } from '../functions/timer-scheduler';
import { handleOutboxRequest, type OpenApiOutbox } from '../openapi/open-api-outbox';
import { readBody } from '../tcb/tcb-endpoint';
import { sendJson } from './json-response';

interface DevRouteDeps {
  store: DocumentStore;
  outbox: OpenApiOutbox;
  clock: Clock;
  timers: TimerScheduler;
  resetToSeed(): void | Promise<void>;
}

/**
 * Developer endpoints of the local cloud (never part of WeChat Cloud):
 *   GET  /_dev/outbox[?api=…]    what open APIs would have sent (subscribe messages, checks);
 *   DELETE /_dev/outbox          empties it
 *   GET  /_dev/scans             list queries answered by scanning a collection without an index
 *   DELETE /_dev/scans           forget them
 *   GET  /_dev/clock             the local cloud's time
 *   POST /_dev/clock {advanceMs} move time forward, then fire the timer triggers that fell due
 *   POST /_dev/reset             back to the demo seed
 */
export function createDevRoutes(deps: DevRouteDeps) {
  return async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (!pathname.startsWith('/_dev/')) return false;
    if (handleOutboxRequest(req, res, deps.outbox)) return true;
    const route = `${req.method} ${pathname}`;
    switch (route) {
      case 'GET /_dev/scans':
        sendJson(res, 200, { scans: deps.store.unindexedScans() });
        return true;
      case 'DELETE /_dev/scans':
        deps.store.clearUnindexedScans();
        sendJson(res, 200, { ok: true });
        return true;
      case 'GET /_dev/clock':
        sendJson(res, 200, { now: deps.clock.now().toISOString(), offsetMs: deps.clock.offset });
        return true;
      case 'POST /_dev/clock': {
        let advanceMs: number;
        try {
          advanceMs = Number(JSON.parse((await readBody(req, 4096)).toString('utf8') || '{}').advanceMs);
          deps.clock.advance(advanceMs);
        } catch (err) {
          sendJson(res, 400, { errMsg: `body must be { "advanceMs": <non-negative number> } (${(err as Error).message})` });
          return true;
        }
        const fired = await deps.timers.tick();
        sendJson(res, 200, { now: deps.clock.now().toISOString(), fired });
        return true;
      }
      case 'POST /_dev/reset':
        await deps.resetToSeed();
        sendJson(res, 200, { ok: true });
        return true;
      default:
        sendJson(res, 404, { errMsg: `unknown dev route ${route}` });
        return true;
    }
  };
}
