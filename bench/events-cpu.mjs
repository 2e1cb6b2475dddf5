#!/usr/bin/env node
// CPU time per usage event of `POST /events`, by layer: the engine alone (the request
// body parsed as the server does, the answer written as JSON text; in memory and on a file), the embedded transport (the app in-process),
// and `credyt local serve` (the server process's CPU, read from /proc, while this process
// sends). CPU time, not wall time, so a busy shared machine skews it less.
// Needs dist/: run `npx tsc -p tsconfig.json`.
// Usage: node bench/events-cpu.mjs [events-per-case] [case ...]
//   cases: memory file embedded http (default: all), each at batch 100 and 1000
//   CREDYT_BENCH_COSTS=1: every event carries a vendor cost
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../dist/engine/index.js';
import { stringifyJson } from '../dist/json/write.js';
import { parseExactJson } from '../dist/json/fast-parse.js';
import { parseJsonDecimal } from '../dist/json/parse.js';
import { Decimal } from '../dist/money/decimal.js';
import { batchBody, CUSTOMERS, embeddedSender, httpSender, seed } from './events-setup.mjs';
import { processCpuMs, startServe, stopServe } from './serve.mjs';

const total = Number.parseInt(process.argv[2] ?? '20000', 10);
const wanted = process.argv.slice(3);
const cases = wanted.length > 0 ? wanted : ['memory', 'file', 'embedded', 'http'];
/** Batch sizes measured (CREDYT_BENCH_SIZES=100,1000 by default). */
const SIZES = (process.env.CREDYT_BENCH_SIZES ?? '100,1000').split(',').map(Number);
const WARMUP = 5;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-cpu-'));

const toDecimal = (digits) => new Decimal(digits);
/** As the server parses a request body (`POST /events` keeps small integers as numbers). */
const parse = (text) => parseExactJson(text, toDecimal, parseJsonDecimal);
const parseEvents = (text) => parseExactJson(text, toDecimal, parseJsonDecimal, true);

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
  const { user, sys } = processCpuMs(pid);
  return (user + sys) * 1000;
}

async function engineCase(path) {
  const engine = openEngine({ path });
  try {
    const send = async (method, url, raw) => {
      const body = parse(JSON.stringify(raw));
      if (url === '/products') return engine.createProduct(body);
      if (url === '/customers') return engine.createCustomer(body);
      if (url === '/vendors') return engine.vendors.create(body);
      const id = url.split('/')[2];
      return engine.createAdjustment(id, body);
    };
    const customers = await seed(send);
    // What the server calls: the body parsed (timed), the answer as JSON text.
    // (Trees before postEventsJson: the same work through postEvents and stringifyJson.)
    const post = engine.postEventsJson
      ? async (text) => engine.postEventsJson(parseEvents(text))
      : async (text) => stringifyJson(engine.postEvents(parse(text)));
    const rows = [];
    for (const size of SIZES) rows.push(await measure(post, customers, size, selfCpu));
    return rows;
  } finally {
    engine.close();
  }
}

async function embeddedCase() {
  const { send, close } = embeddedSender(join(dir, 'embedded.db'));
  try {
    const customers = await seed(send);
    const rows = [];
    for (const size of SIZES) rows.push(await measure((b) => send('POST', '/events', b), customers, size, selfCpu));
    return rows;
  } finally {
    await close();
  }
}

async function httpCase() {
  // CREDYT_BENCH_SERVE_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the server's node.
  const nodeArgs = (process.env.CREDYT_BENCH_SERVE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const env = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') };
  const { child, url, apiKey } = await startServe({ db: join(dir, 'served.db'), env, nodeArgs });
  const { send, close } = httpSender(url, apiKey);
  try {
    const customers = await seed(send);
    const rows = [];
    for (const size of SIZES) rows.push(await measure((b) => send('POST', '/events', b), customers, size, () => processCpu(child.pid)));
    return rows;
  } finally {
    await close();
    await stopServe(child);
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
