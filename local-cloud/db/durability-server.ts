/**
 * A bare database endpoint in its own process, for the durability test (and ad-hoc poking):
 *   node_modules/.bin/tsx local-cloud/db/durability-server.ts <data-dir> [port]
 * Listens on 127.0.0.1 (port 0 = any free port) and prints `READY <endpoint-url>` once serving.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTcbEndpoint } from '../tcb/tcb-endpoint';
import { createDatabaseActions } from './database-actions';
import { DocumentStore } from './document-store';

const [dir, port = '0'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: durability-server.ts <data-dir> [port]');
  process.exit(2);
}
const store = new DocumentStore({ dir });
const handle = createTcbEndpoint(createDatabaseActions(store));
const server = createServer((req, res) => void handle(req, res));
server.listen(Number(port), '127.0.0.1', () => {
  const { port: actual } = server.address() as AddressInfo;
  process.stdout.write(`READY http://127.0.0.1:${actual}/tcb/admin\n`);
});
const stop = (): void => {
  server.close();
  store.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
