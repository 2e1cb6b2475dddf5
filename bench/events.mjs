#!/usr/bin/env node
// Events per second through POST /events, in batches of 100 and 1,000, against the embedded
// transport (the app called in-process) and `credyt local serve` (HTTP, keep-alive).
// A product with two volume prices (input/output tokens per 1,000,000) bills every event
// twice; several subscribed customers take turns. Needs dist/: run `npx tsc -p tsconfig.json`.
// Usage: node bench/events.mjs [events-per-case]   (default 20000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchBody, CUSTOMERS, embeddedSender, httpSender, seed } from './events-setup.mjs';
import { startServe, stopServe } from './serve.mjs';

const total = Number.parseInt(process.argv[2] ?? '20000', 10);
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-events-'));

/** Sends `total` events in batches of `size` (bodies built before the clock starts). */
async function measure(send, customers, size) {
  const bodies = Array.from({ length: Math.ceil(total / size) }, (_, i) => batchBody(customers[i % customers.length], size));
  for (let i = 0; i < 5; i++) await send('POST', '/events', batchBody(customers[i % customers.length], size)); // warm-up (JIT)
  const started = process.hrtime.bigint();
  for (const body of bodies) await send('POST', '/events', body);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events: bodies.length * size, seconds, perSecond: (bodies.length * size) / seconds, perRequestMs: (seconds * 1000) / bodies.length };
}

async function embedded() {
  const { send, close } = embeddedSender(join(dir, 'embedded.db'));
  try {
    const customers = await seed(send);
    return [await measure(send, customers, 100), await measure(send, customers, 1000)];
  } finally {
    await close();
  }
}

async function served() {
  const { child, url, apiKey } = await startServe({ db: join(dir, 'served.db'), env: { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') } });
  const { send, close } = httpSender(url, apiKey);
  try {
    const customers = await seed(send);
    return [await measure(send, customers, 100), await measure(send, customers, 1000)];
  } finally {
    await close();
    await stopServe(child);
  }
}

try {
  const rows = [
    ['embedded transport', await embedded()],
    ['credyt local serve (HTTP)', await served()],
  ];
  console.log(`events per case: ${total}, ${CUSTOMERS} customers, 2 fees per event, node ${process.version}, ${new Date().toISOString()}`);
  console.log('| transport | batch | events/s | ms per request | total s |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, [small, large]] of rows) {
    for (const [size, r] of [[100, small], [1000, large]]) {
      console.log(`| ${name} | ${size} | ${Math.round(r.perSecond)} | ${r.perRequestMs.toFixed(1)} | ${r.seconds.toFixed(2)} |`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
