#!/usr/bin/env node
// The embedded engine under a bulk ingest's load, without the CLI's line work: `POST /events`
// through the embedded transport (file database, group commit), 100 customers subscribed
// to the benchmarks' product (two fees per event), batches of 1,000 events of one
// customer, `inflight` requests at a time as `usage post --file` keeps them. Reports CPU
// µs per event (process.cpuUsage, request bodies written outside the measured spans) and
// events/s, for each tenth of the run: the cost grows with the ledger.
// Needs dist/: run `npx tsc -p tsconfig.json`.
// Usage: node bench/events-ingest.mjs [events] [inflight]     # default 1000000 4
//   BENCH_DIST=/path/to/other/dist compares another build.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHAT_PRODUCT } from './chat-product.mjs';

const total = Number.parseInt(process.argv[2] ?? '1000000', 10);
const inflight = Number.parseInt(process.argv[3] ?? '4', 10);
const dist = resolve(process.env.BENCH_DIST ?? join(import.meta.dirname, '../dist'));
// Trees before the in-process transport moved beside the server kept it in client/.
const { createEmbeddedTransport } = await import(join(dist, 'server/in-process/embedded-transport.js')).catch(() =>
  import(join(dist, 'client/embedded-transport.js')),
);
const CUSTOMERS = 100;
const BATCH = 1000;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-ingest-'));
const transport = createEmbeddedTransport({ dbPath: join(dir, 'ingest.db') });

async function send(method, path, body) {
  const res = await transport.request({ method, path, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body);
}

await send('POST', '/products', { ...CHAT_PRODUCT, publish: true });
const customers = [];
for (let i = 0; i < CUSTOMERS; i++) {
  customers.push((await send('POST', '/customers', { name: `Bench ${i}`, external_id: `c${i}`, subscriptions: [{ products: [{ code: 'chat_api' }] }] })).id);
}

let line = 0;
/** A body as `usage post --file` writes it: canonical events, the customer by external id. */
function body(customer) {
  let out = `{"customer_external_id":"c${customer}","events":[`;
  for (let i = 0; i < BATCH; i++, line++) {
    const data = `{"input_tokens":${1000 + (line % 5000)},"output_tokens":${line % 700}}`;
    out += `${i ? ',' : ''}{"id":"${randomUUID()}","data":${data},"event_type":"response_completed","subject":"r${line}"}`;
  }
  return `${out}]}`;
}

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

console.log(`events: ${total}, ${CUSTOMERS} customers, batches of ${BATCH}, ${inflight} in flight, node ${process.version}, dist ${dist}`);
console.log('| events so far | CPU µs/event | events/s |');
console.log('|---:|---:|---:|');
const tenth = Math.max(BATCH * inflight, Math.ceil(total / 10 / (BATCH * inflight)) * BATCH * inflight);
let usedAll = 0;
let wallAll = 0;
let sent = 0;
let batch = 0;
try {
  while (sent < total) {
    let used = 0;
    let wall = 0;
    const start = sent;
    while (sent < total && sent - start < tenth) {
      const bodies = Array.from({ length: inflight }, () => body(batch++ % CUSTOMERS));
      const before = cpu();
      const began = process.hrtime.bigint();
      await Promise.all(bodies.map((b) => transport.request({ method: 'POST', path: '/events', body: b, headers: { 'content-type': 'application/json' } }).then((res) => {
        if (res.status !== 201) throw new Error(`POST /events → ${res.status}: ${res.body.slice(0, 300)}`);
      })));
      wall += Number(process.hrtime.bigint() - began) / 1e9;
      used += cpu() - before;
      sent += bodies.length * BATCH;
    }
    usedAll += used;
    wallAll += wall;
    const n = sent - start;
    console.log(`| ${sent} | ${(used / n).toFixed(1)} | ${Math.round(n / wall)} |`);
  }
  console.log(`| all | ${(usedAll / sent).toFixed(1)} | ${Math.round(sent / wallAll)} |`);
} finally {
  await transport.close();
  rmSync(dir, { recursive: true, force: true });
}
