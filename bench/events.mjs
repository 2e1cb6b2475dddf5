#!/usr/bin/env node
// Events per second through POST /events, in batches of 100 and 1,000, against the embedded
// transport (the app called in-process) and `credyt local serve` (HTTP, keep-alive).
// A product with two volume prices (input/output tokens per 1,000,000) bills every event
// twice; several subscribed customers take turns. Needs dist/: run `npx tsc -p tsconfig.json`.
// Usage: node bench/events.mjs [events-per-case]   (default 20000)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { CHAT_PRODUCT } from './chat-product.mjs';
import { startServe } from './serve.mjs';
import { createEmbeddedTransport } from '../dist/client/embedded-transport.js';

const total = Number.parseInt(process.argv[2] ?? '20000', 10);
const CUSTOMERS = 8;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-events-'));

/** send(method, path, body) → parsed JSON; throws on any non-2xx. */
async function seed(send) {
  await send('POST', '/products', { ...CHAT_PRODUCT, publish: true });
  const customers = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const { id } = await send('POST', '/customers', { name: `Bench ${i}`, subscriptions: [{ products: [{ code: 'chat_api' }] }] });
    await send('POST', `/customers/${id}/wallet/adjustments`, {
      transaction_id: randomUUID(),
      asset: 'USD',
      amount: 1000,
      reason: 'external_topup',
    });
    customers.push(id);
  }
  return customers;
}

function batchBody(customer, size) {
  const events = [];
  for (let i = 0; i < size; i++) {
    events.push({
      id: randomUUID(),
      event_type: 'response_completed',
      data: { input_tokens: 1000 + i, output_tokens: 250 + (i % 97), model: 'gpt-x' },
    });
  }
  return JSON.stringify({ customer_id: customer, events });
}

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
  const transport = createEmbeddedTransport({ dbPath: join(dir, 'embedded.db') });
  const send = async (method, path, body) => {
    const res = await transport.request({ method, path, body: typeof body === 'string' ? body : JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body);
  };
  try {
    const customers = await seed(send);
    return [await measure(send, customers, 100), await measure(send, customers, 1000)];
  } finally {
    await transport.close();
  }
}

async function served() {
  const { child, url, apiKey } = await startServe({ db: join(dir, 'served.db'), env: { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') } });
  const dispatcher = new Agent({ connections: 1, keepAliveTimeout: 60_000 });
  const send = async (method, path, body) => {
    const res = await request(`${url}${path}`, {
      method,
      dispatcher,
      headers: { 'content-type': 'application/json', 'x-credyt-api-key': apiKey },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.body.text();
    if (res.statusCode >= 300) throw new Error(`${method} ${path} → ${res.statusCode}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  try {
    const customers = await seed(send);
    return [await measure(send, customers, 100), await measure(send, customers, 1000)];
  } finally {
    await dispatcher.close();
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
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
