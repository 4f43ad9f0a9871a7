/**
 * The real wx-server-sdk in a process of its own, set up as a function instance is (the
 * environment comes from scripts/bench-orders.ts): FLOOR_REQUESTS reads of one document by id,
 * after a warm-up. Prints one JSON line: the CPU this process spent per read (signing, HTTP,
 * parsing the answer — the SDK's own cost of a database request, with no function code around it).
 */
const path = require('node:path');

const sdk = require(require.resolve('wx-server-sdk', { paths: [path.join(__dirname, '..', 'cloudfunctions', 'order')] }));
sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
const doc = sdk.database().collection(process.env.FLOOR_COLLECTION).doc(process.env.FLOOR_DOC_ID);
const n = Number(process.env.FLOOR_REQUESTS || 1000);

(async () => {
  for (let i = 0; i < 100; i++) await doc.get();
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await doc.get();
  const used = process.cpuUsage(before);
  process.stdout.write(`${JSON.stringify({ cpuMsPerRead: (used.user + used.system) / 1000 / n })}\n`);
})().catch((err) => {
  process.stdout.write(`${JSON.stringify({ error: String(err?.stack || err) })}\n`);
  process.exit(1);
});
