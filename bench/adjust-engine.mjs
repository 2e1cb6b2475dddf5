#!/usr/bin/env node
// Engine CPU per adjustment, without HTTP: `createAdjustment` bodies as local serve parses
// them, `group` per event-loop turn under group commit (as the server runs them), on a
// file database. Prints CPU ms per adjustment of the whole process and of its main thread.
// Usage: node bench/adjust-engine.mjs [adjustments] [group] [customers] [runs]
//   default 20000 16 100 3. Needs dist/ (npx tsc -p tsconfig.json). BENCH_NO_VERIFY=1 skips
//   the ledger check at the end (it reads the whole journal: instruction counts of a run,
//   valgrind --tool=cachegrind, then grow with the size of the ledger, not the adjustments).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../dist/engine/index.js';
import { parseExactJson } from '../dist/json/fast-parse.js';
import { Decimal } from '../dist/money/decimal.js';
import { parseJsonDecimal } from '../dist/json/parse.js';
import { processCpuMs } from './serve.mjs';

const count = Number.parseInt(process.argv[2] ?? '20000', 10);
const group = Number.parseInt(process.argv[3] ?? '16', 10);
const customerCount = Number.parseInt(process.argv[4] ?? '100', 10);
const runs = Number.parseInt(process.argv[5] ?? '3', 10);
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-adjust-'));
const engine = openEngine({ path: join(dir, 'bench.db') });
const groups = engine.groupCommit();
const toDecimal = (digits) => new Decimal(digits);
try {
  const customers = [];
  for (let i = 0; i < customerCount; i++) customers.push(engine.createCustomer({ name: `Bench ${i}`, external_id: `c${i}` }).id);
  for (let r = 0; r < runs; r++) {
    const bodies = [];
    for (let i = 0; i < count; i++) {
      bodies.push(`{"transaction_id":"${randomUUID()}","asset":"USD","amount":${(i % 50) + 1}.25,"reason":"external_topup","description":"row ${r} ${i}"}`);
    }
    const before = process.cpuUsage();
    const mainBefore = processCpuMs(process.pid, process.pid);
    const started = performance.now();
    for (let i = 0; i < count; i += group) {
      const mark = groups.mark();
      for (let j = i; j < Math.min(count, i + group); j++) {
        engine.createAdjustment(customers[j % customerCount], parseExactJson(bodies[j], toDecimal, parseJsonDecimal, false));
      }
      await groups.settled(mark);
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(before);
    const mainAfter = processCpuMs(process.pid, process.pid);
    const main = mainAfter.user + mainAfter.sys - mainBefore.user - mainBefore.sys;
    console.log(
      `adjustments ${count} group ${group} customers ${customerCount}: ${Math.round(count / seconds)}/s, ` +
        `cpu ${((used.user + used.system) / 1000 / count).toFixed(4)} ms each (sys ${(used.system / 1000 / count).toFixed(4)}, main thread ${(main / count).toFixed(4)}), ${groups.stats.groups} groups so far`,
    );
  }
  const violations = process.env.BENCH_NO_VERIFY === '1' ? [] : engine.verify();
  if (violations.length) {
    console.log('ledger verify: VIOLATIONS', violations);
    process.exitCode = 1;
  } else console.log('ledger verify: ok');
} finally {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
}
