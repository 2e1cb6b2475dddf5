#!/usr/bin/env node
// CPU time per usage event of `POST /events`, by layer: the engine alone (the request
// body parsed as the server does, the answer written as JSON text; in memory and on a file), the embedded transport (the app in-process),
// and `credyt local serve` (the server process's CPU, read from /proc, while this process
// sends). CPU time, not wall time, so a busy shared machine skews it less.
// Needs dist/: run `npx tsc -p tsconfig.json`.
// Usage: node bench/events-cpu.mjs [events-per-case] [case ...]
//   cases: memory file embedded http (default: all), each at batch 100 and 1000
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { CHAT_PRODUCT } from './chat-product.mjs';
import { spawn } from 'node:child_process';
import { openEngine } from '../dist/engine/index.js';
import { exactJson, parseExactJson } from '../dist/engine/exact-json.js';
import { parseJsonDecimal } from '../dist/money/json.js';
import { Decimal } from '../dist/money/decimal.js';
import { createEmbeddedTransport } from '../dist/client/embedded-transport.js';

const total = Number.parseInt(process.argv[2] ?? '20000', 10);
const wanted = process.argv.slice(3);
const cases = wanted.length > 0 ? wanted : ['memory', 'file', 'embedded', 'http'];
const CUSTOMERS = 8;
/** Batch sizes measured (CREDYT_BENCH_SIZES=100,1000 by default). */
const SIZES = (process.env.CREDYT_BENCH_SIZES ?? '100,1000').split(',').map(Number);
const WARMUP = 5;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-cpu-'));

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

const toDecimal = (digits) => new Decimal(digits);
/** As the server parses a request body (`POST /events` keeps small integers as numbers). */
const parse = (text) => parseExactJson(text, toDecimal, parseJsonDecimal);
const parseEvents = (text) => parseExactJson(text, toDecimal, parseJsonDecimal, true);

/** send(method, path, body) → parsed JSON answer. */
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

/** µs of CPU per event: `cpu()` read around `total` events sent in batches of `size`. */
async function measure(post, customers, size, cpu) {
  const bodies = Array.from({ length: Math.ceil(total / size) }, (_, i) => batchBody(customers[i % customers.length], size));
  for (let i = 0; i < WARMUP; i++) await post(batchBody(customers[i % customers.length], size));
  const before = cpu();
  const started = process.hrtime.bigint();
  for (const body of bodies) await post(body);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const used = cpu() - before;
  const events = bodies.length * size;
  return { size, usPerEvent: used / events, perSecond: events / wall };
}

const selfCpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** utime + stime of another process, in µs. */
function processCpu(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / 100; // USER_HZ is 100 on Linux
}

async function engineCase(path) {
  const engine = openEngine({ path });
  try {
    const send = async (method, url, raw) => {
      const body = parse(JSON.stringify(raw));
      if (url === '/products') return engine.createProduct(body);
      if (url === '/customers') return engine.createCustomer(body);
      const id = url.split('/')[2];
      return engine.createAdjustment(id, body);
    };
    const customers = await seed(send);
    // What the server calls: the body parsed (timed), the answer as JSON text.
    // (Trees before postEventsJson: the same work through postEvents and exactJson.)
    const post = engine.postEventsJson
      ? async (text) => engine.postEventsJson(parseEvents(text))
      : async (text) => exactJson(engine.postEvents(parse(text)));
    const rows = [];
    for (const size of SIZES) rows.push(await measure(post, customers, size, selfCpu));
    return rows;
  } finally {
    engine.close();
  }
}

async function embeddedCase() {
  const transport = createEmbeddedTransport({ dbPath: join(dir, 'embedded.db') });
  const send = async (method, path, body) => {
    const res = await transport.request({ method, path, body: typeof body === 'string' ? body : JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body);
  };
  try {
    const customers = await seed(send);
    const rows = [];
    for (const size of SIZES) rows.push(await measure((b) => send('POST', '/events', b), customers, size, selfCpu));
    return rows;
  } finally {
    await transport.close();
  }
}

/** `credyt local serve` (as bench/serve.mjs starts it), with CREDYT_BENCH_SERVE_NODE_ARGS
 *  (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) given to its node. */
function startServe(db) {
  const bin = join(import.meta.dirname, '../bin/credyt.js');
  const nodeArgs = (process.env.CREDYT_BENCH_SERVE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, bin, 'local', 'serve', '--port', '0', '--db', db, '-o', 'json'], {
    env: { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`local serve exited ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      try {
        const { url, api_key: apiKey } = JSON.parse(out);
        resolve({ child, url, apiKey });
      } catch {
        // not the whole document yet
      }
    });
  });
}

async function httpCase() {
  const { child, url, apiKey } = await startServe(join(dir, 'served.db'));
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
    const rows = [];
    for (const size of SIZES) rows.push(await measure((b) => send('POST', '/events', b), customers, size, () => processCpu(child.pid)));
    return rows;
  } finally {
    await dispatcher.close();
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const runners = {
  memory: ['engine alone, :memory:', () => engineCase(':memory:')],
  file: ['engine alone, file', () => engineCase(join(dir, 'engine.db'))],
  embedded: ['embedded transport, file', embeddedCase],
  http: ['local serve, server process', httpCase],
};

try {
  console.log(`events per case: ${total}, ${CUSTOMERS} customers, 2 fees per event, node ${process.version}, ${new Date().toISOString()}`);
  console.log('| case | batch | CPU µs/event | events/s (wall) |');
  console.log('|---|---:|---:|---:|');
  for (const name of cases) {
    const [label, run] = runners[name];
    for (const r of await run()) console.log(`| ${label} | ${r.size} | ${r.usPerEvent.toFixed(1)} | ${Math.round(r.perSecond)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
