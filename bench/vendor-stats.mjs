#!/usr/bin/env node
// Customer and vendor stats (`GET /customers/{id}/stats`, `GET /vendors/{id}/stats`) over
// 1,000,000 usage events, each with a vendor cost, spread over a year. The database is
// built through the engine's bulk path (`POST /events`, 1,000 events a request) on a file;
// then each stats request is timed in-process (the engine's work: what the route adds is
// the JSON writing of a few rows). Target: every stats answer under 200 ms.
// Needs dist/: run `npx tsc -p tsconfig.json`.
// Usage: node bench/vendor-stats.mjs [events] [customers]
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../dist/engine/index.js';
import { stringifyJson } from '../dist/json/write.js';
import { parseExactJson } from '../dist/json/fast-parse.js';
import { parseJsonDecimal } from '../dist/json/parse.js';
import { Decimal } from '../dist/money/decimal.js';
import { CHAT_PRODUCT } from './chat-product.mjs';

const total = Number.parseInt(process.argv[2] ?? '1000000', 10);
const customerCount = Number.parseInt(process.argv[3] ?? '100', 10);
const BATCH = 1000;
const DAYS = 365;
const RUNS = 20;
/** How many batches each customer gets. */
const ROUNDS = Math.max(1, Math.ceil(total / BATCH / customerCount));
const START = Date.parse('2026-01-01T00:00:00Z');
// On tmpfs when there is one: building the file is then CPU, not fsync (the reads are timed
// from the page cache either way).
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'credyt-bench-stats-'));
const path = join(dir, 'stats.db');
// The engine's clock: a year after the first event, so no occurred_at is in the future.
const engine = openEngine({ path, clock: () => new Date(START + DAYS * 86_400_000) });

try {
  // As the server reads a body: decimals exact.
  const parse = (value) => parseExactJson(JSON.stringify(value), (digits) => new Decimal(digits), parseJsonDecimal);
  engine.createProduct(parse({ ...CHAT_PRODUCT, publish: true }));
  const openai = engine.vendors.create({ name: 'OpenAI', external_id: 'openai' });
  const google = engine.vendors.create({ name: 'Google', external_id: 'google' });
  const customers = [];
  for (let i = 0; i < customerCount; i++) {
    const { id } = engine.createCustomer({ name: `Stats ${i}`, subscriptions: [{ products: [{ code: 'chat_api' }] }] });
    engine.createAdjustment(id, { transaction_id: randomUUID(), asset: 'USD', amount: '1000000', reason: 'external_topup' });
    customers.push(id);
  }

  // As `local serve` writes: the requests of one event-loop turn share a transaction and
  // an fsync (group commit); a turn ends every 20 requests.
  engine.groupCommit();
  const built = process.hrtime.bigint();
  for (let b = 0; b < total / BATCH; b++) {
    const customer = customers[b % customerCount];
    const events = [];
    for (let i = 0; i < BATCH; i++) {
      const n = b * BATCH + i;
      // Each customer's batches tile the year (a batch spans a stretch of days), so every
      // customer has a sum on every day: the most rows a stats request can read.
      const round = Math.floor(b / customerCount);
      const at = new Date(START + Math.floor(((round + i / BATCH) / ROUNDS) * DAYS * 86_400_000)).toISOString();
      events.push({
        id: randomUUID(),
        event_type: 'response_completed',
        occurred_at: at,
        data: { input_tokens: 1000 + i, output_tokens: 250 + (i % 97), model: 'gpt-x' },
        costs: [{ vendor_id: n % 4 === 0 ? google.id : openai.id, amount: '0.0021', currency: 'USD' }],
      });
    }
    engine.postEventsJson({ customer_id: customer, events });
    if (b % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
  }
  const buildSeconds = Number(process.hrtime.bigint() - built) / 1e9;

  const cases = [
    ['customer stats, all time', () => engine.vendors.customerStats(customers[0])],
    ['customer stats, per day', () => engine.vendors.customerStats(customers[0], { interval: 'day' })],
    ['customer stats, one month per day', () => engine.vendors.customerStats(customers[0], { from: '2026-03-01', to: '2026-03-31', interval: 'day' })],
    ['vendor stats, all time', () => engine.vendors.stats(openai.id)],
    ['vendor stats, per month', () => engine.vendors.stats(openai.id, { interval: 'month' })],
    ['vendor stats, per day', () => engine.vendors.stats(openai.id, { interval: 'day' })],
  ];
  console.log(
    `events: ${total.toLocaleString('en-US')} with one vendor cost each, ${customerCount} customers, ${DAYS} days; ` +
      `built in ${buildSeconds.toFixed(1)} s (${Math.round(total / buildSeconds).toLocaleString('en-US')} events/s); ` +
      `file ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB; node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log('| stats request | median ms | max ms | answer bytes |');
  console.log('|---|---:|---:|---:|');
  for (const [name, run] of cases) {
    const times = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = process.hrtime.bigint();
      bytes = stringifyJson(run()).length;
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${times[RUNS >> 1].toFixed(2)} | ${times[RUNS - 1].toFixed(2)} | ${bytes} |`);
  }
} finally {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
}
