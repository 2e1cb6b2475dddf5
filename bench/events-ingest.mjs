#!/usr/bin/env node
// The embedded engine under a bulk ingest's load, without the CLI's line work: `POST /events`
// through the embedded transport (file database, group commit), 100 customers subscribed
// to the benchmarks' product (two fees per event), batches of 1,000 events of one
// customer, `inflight` requests at a time as `usage post --file` keeps them. Reports CPU
// µs per event (process.cpuUsage, request bodies written outside the measured spans) and
// events/s, for each tenth of the run: the cost grows with the ledger.
//
// ids: `ordered` (default: time-ordered, as `usage post` makes them) or `random` (UUIDv4).
// Before the measured run, `warmup` events go to a throwaway ledger so that the first
// tenth measures an empty ledger, not the JIT compiling the engine (0 skips it).
// Needs dist/: run `npx tsc -p tsconfig.json`.
// Usage: node bench/events-ingest.mjs [events] [inflight] [ids] [warmup]   # default 1000000 4 ordered 50000
//   BENCH_DIST=/path/to/other/dist compares another build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHAT_PRODUCT } from './chat-product.mjs';
import { idMaker } from './ids.mjs';

const total = Number.parseInt(process.argv[2] ?? '1000000', 10);
const inflight = Number.parseInt(process.argv[3] ?? '4', 10);
const ids = process.argv[4] ?? 'ordered';
const nextId = idMaker(ids);
const warmup = Number.parseInt(process.argv[5] ?? '50000', 10);
const dist = resolve(process.env.BENCH_DIST ?? join(import.meta.dirname, '../dist'));
// Trees before the in-process transport moved beside the server kept it in client/.
const { createEmbeddedTransport } = await import(join(dist, 'server/in-process/embedded-transport.js')).catch(() =>
  import(join(dist, 'client/embedded-transport.js')),
);
const CUSTOMERS = 100;
const BATCH = 1000;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-ingest-'));

let line = 0;
/** A body as `usage post --file` writes it: canonical events, the customer by external id. */
function body(customer) {
  let out = `{"customer_external_id":"c${customer}","events":[`;
  for (let i = 0; i < BATCH; i++, line++) {
    const data = `{"input_tokens":${1000 + (line % 5000)},"output_tokens":${line % 700}}`;
    out += `${i ? ',' : ''}{"id":"${nextId()}","data":${data},"event_type":"response_completed","subject":"r${line}"}`;
  }
  return `${out}]}`;
}

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** A ledger of 100 subscribed customers in a new database file; answers its transport. */
async function ledger(name) {
  const transport = createEmbeddedTransport({ dbPath: join(dir, `${name}.db`) });
  const send = async (method, path, payload) => {
    const res = await transport.request({ method, path, body: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${res.body.slice(0, 300)}`);
  };
  await send('POST', '/products', { ...CHAT_PRODUCT, publish: true });
  for (let i = 0; i < CUSTOMERS; i++) {
    await send('POST', '/customers', { name: `Bench ${i}`, external_id: `c${i}`, subscriptions: [{ products: [{ code: 'chat_api' }] }] });
  }
  return transport;
}

/** Posts `count` events, `inflight` batches at a time; `report(rows, cpuUs, wallS)` after each tenth. */
async function ingest(transport, count, report) {
  const tenth = Math.max(BATCH * inflight, Math.ceil(count / 10 / (BATCH * inflight)) * BATCH * inflight);
  let sent = 0;
  let batch = 0;
  while (sent < count) {
    let used = 0;
    let wall = 0;
    const start = sent;
    while (sent < count && sent - start < tenth) {
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
    report(sent, sent - start, used, wall);
  }
}

console.log(`events: ${total}, ${ids} ids, ${CUSTOMERS} customers, batches of ${BATCH}, ${inflight} in flight, warm-up ${warmup} events on another ledger, node ${process.version}, dist ${dist}`);
try {
  if (warmup > 0) {
    const throwaway = await ledger('warmup');
    await ingest(throwaway, warmup, () => {});
    await throwaway.close();
  }
  const transport = await ledger('ingest');
  console.log('| events so far | CPU µs/event | events/s |');
  console.log('|---:|---:|---:|');
  let usedAll = 0;
  let wallAll = 0;
  try {
    await ingest(transport, total, (sent, n, used, wall) => {
      usedAll += used;
      wallAll += wall;
      console.log(`| ${sent} | ${(used / n).toFixed(1)} | ${Math.round(n / wall)} |`);
    });
  } finally {
    await transport.close();
  }
  console.log(`| all | ${(usedAll / total).toFixed(1)} | ${Math.round(total / wallAll)} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
