#!/usr/bin/env node
// How long `credyt local verify` takes on a clean ledger of N usage events (the target:
// 1,000,000 events in under 10 s). Builds the ledger through the engine:
// 100 customers subscribed to the benchmarks' product (two fees per event), each funded
// by an adjustment, a top-up completed and one left open, a hold captured and one voided;
// then events in requests of 1,000 of one customer. Then opens the file afresh and times
// verifyReport() (every check `local verify` runs), twice.
// Needs dist/: run `npx tsc -p tsconfig.json`.
// Usage: node bench/verify.mjs [events]         # default 1000000
//   BENCH_DB=/path/file.db keeps the database (built only if missing) for another run.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../dist/engine/index.js';
import { CHAT_PRODUCT } from './chat-product.mjs';

const total = Number.parseInt(process.argv[2] ?? '1000000', 10);
const CUSTOMERS = 100;
const BATCH = 1000;
const dir = process.env.BENCH_DB ? undefined : mkdtempSync(join(tmpdir(), 'credyt-bench-verify-'));
const path = process.env.BENCH_DB ?? join(dir, 'verify.db');

function build() {
  const engine = openEngine({ path });
  const started = performance.now();
  try {
    // In-process callers pass rates as decimal strings (a fractional JS number is refused).
    const product = JSON.parse(JSON.stringify(CHAT_PRODUCT, (key, value) => (key === 'volume_rate' ? String(value) : value)));
    engine.createProduct({ ...product, publish: true });
    const customers = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const id = engine.createCustomer({ name: `Bench ${i}`, subscriptions: [{ products: [{ code: 'chat_api' }] }] }).id;
      customers.push(id);
      engine.createAdjustment(id, { transaction_id: randomUUID(), asset: 'USD', amount: '1000', reason: 'external_topup' });
      const url = { return_url: 'https://example.com/ok', failure_url: 'https://example.com/no' };
      engine.completeTopUp(engine.createTopUp({ customer_id: id, amount: '50', currency: 'USD', ...url }).id);
      engine.createTopUp({ customer_id: id, amount: '5', currency: 'USD', ...url });
      const captured = engine.createHold(id, { hold_id: randomUUID(), asset: 'USD', amount: '3' }).id;
      engine.captureHold(id, captured, { amount: '2' });
      engine.voidHold(id, engine.createHold(id, { hold_id: randomUUID(), asset: 'USD', amount: '1' }).id);
    }
    let line = 0;
    for (let sent = 0, batch = 0; sent < total; sent += BATCH, batch++) {
      const events = [];
      for (let i = 0; i < BATCH; i++, line++) {
        events.push({ id: randomUUID(), event_type: 'response_completed', subject: `r${line}`, data: { input_tokens: 1000 + (line % 5000), output_tokens: line % 700 } });
      }
      engine.postEvents({ customer_id: customers[batch % CUSTOMERS], events });
      if ((sent / BATCH) % 100 === 99) process.stderr.write(`built ${sent + BATCH} events, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    }
  } finally {
    engine.close();
  }
  return (performance.now() - started) / 1000;
}

try {
  if (!existsSync(path)) console.log(`built ${total} events in ${build().toFixed(1)} s`);
  for (let run = 1; run <= 2; run++) {
    const engine = openEngine({ path });
    try {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const { checked, violations } = engine.verifyReport();
      const { user, system } = process.cpuUsage(cpu);
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `verify run ${run}: ${seconds.toFixed(2)} s (CPU ${((user + system) / 1e6).toFixed(2)} s), ${violations.length} violations; checked ${JSON.stringify(checked)}`,
      );
      if (violations.length > 0) console.log(violations.slice(0, 5));
    } finally {
      engine.close();
    }
  }
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
