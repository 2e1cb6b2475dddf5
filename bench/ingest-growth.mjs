#!/usr/bin/env node
// Ingest cost per event as the ledger grows, random vs time-ordered event ids, the engine
// beside bare SQLite writing the same rows in the same invocation (ingest-reference.mjs),
// so that figures are read as ratios on a machine whose speed swings from hour to hour.
//
// engine-random / engine-ordered: `POST /events` through the embedded transport (file
//   database, group commit), 100 subscribed customers, two fees per event, batches of
//   1,000 events of one customer, 4 in flight (as events-ingest.mjs), ids UUIDv4 or UUIDv7.
// sqlite-<layout>-random / -ordered: better-sqlite3 alone, 4,000 rows a transaction (one
//   commit group of four requests), the id lookup laid out as `text` (id TEXT UNIQUE) or
//   `key64` (a 64-bit key of the id in a narrow index, the full id compared).
//
// For each case: µs of wall and CPU per event in the first and the last tenth, and the
// growth last/first. The load average is printed before each case.
// Needs dist/: run `npx tsc -p tsconfig.json`.
// Usage: node bench/ingest-growth.mjs [events] [case,...]     # default 300000, every case
//   BENCH_DIST=/path/to/other/dist runs another build's engine; with BENCH_BEFORE_DIST, the
//   cases before-random and before-ordered run that build's engine in the same invocation.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHAT_PRODUCT } from './chat-product.mjs';
import { idMaker } from './ids.mjs';
import { referenceRun, written } from './ingest-reference.mjs';

const total = Number.parseInt(process.argv[2] ?? '300000', 10);
const ALL = ['sqlite-text-random', 'engine-random', 'sqlite-text-ordered', 'engine-ordered', 'sqlite-key64-random', 'sqlite-key64-ordered', 'sqlite-blob16-random', 'sqlite-blob16-ordered'];
const cases = process.argv[3] ? process.argv[3].split(',') : ALL;
const dist = resolve(process.env.BENCH_DIST ?? join(import.meta.dirname, '../dist'));
const transports = {
  engine: (await import(join(dist, 'server/in-process/embedded-transport.js'))).createEmbeddedTransport,
  before: process.env.BENCH_BEFORE_DIST
    ? (await import(join(resolve(process.env.BENCH_BEFORE_DIST), 'server/in-process/embedded-transport.js'))).createEmbeddedTransport
    : undefined,
};
const CUSTOMERS = 100;
const BATCH = 1000;
const INFLIGHT = 4;

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function engineRun(dir, nextId, createEmbeddedTransport) {
  const transport = createEmbeddedTransport({ dbPath: join(dir, 'engine.db') });
  const send = async (method, path, body) => {
    const res = await transport.request({ method, path, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${res.body.slice(0, 300)}`);
  };
  await send('POST', '/products', { ...CHAT_PRODUCT, publish: true });
  for (let i = 0; i < CUSTOMERS; i++) {
    await send('POST', '/customers', { name: `Bench ${i}`, external_id: `c${i}`, subscriptions: [{ products: [{ code: 'chat_api' }] }] });
  }
  let line = 0;
  let batch = 0;
  const body = (customer) => {
    let out = `{"customer_external_id":"c${customer}","events":[`;
    for (let i = 0; i < BATCH; i++, line++) {
      const data = `{"input_tokens":${1000 + (line % 5000)},"output_tokens":${line % 700}}`;
      out += `${i ? ',' : ''}{"id":"${nextId()}","data":${data},"event_type":"response_completed","subject":"r${line}"}`;
    }
    return `${out}]}`;
  };
  const tenth = Math.ceil(total / 10 / (BATCH * INFLIGHT)) * BATCH * INFLIGHT;
  const out = [];
  let sent = 0;
  try {
    while (sent < total) {
      let wall = 0;
      let cpu = 0;
      const wroteBefore = written();
      const start = sent;
      while (sent < total && sent - start < tenth) {
        const bodies = Array.from({ length: INFLIGHT }, () => body(batch++ % CUSTOMERS));
        const cpuBefore = process.cpuUsage();
        const began = process.hrtime.bigint();
        await Promise.all(
          bodies.map((b) =>
            transport.request({ method: 'POST', path: '/events', body: b, headers: { 'content-type': 'application/json' } }).then((res) => {
              if (res.status !== 201) throw new Error(`POST /events → ${res.status}: ${res.body.slice(0, 300)}`);
            }),
          ),
        );
        wall += Number(process.hrtime.bigint() - began) / 1e9;
        const used = process.cpuUsage(cpuBefore);
        cpu += used.user + used.system;
        sent += INFLIGHT * BATCH;
      }
      out.push({ rows: sent - start, wallS: wall, cpuUs: cpu, bytes: written() - wroteBefore });
    }
  } finally {
    await transport.close();
  }
  return out;
}

console.log(`events per case: ${total}; node ${process.version}; dist ${dist}${transports.before ? `; before: ${process.env.BENCH_BEFORE_DIST}` : ''}`);
console.log('| case | load (1/5/15 min) | events/s | wall µs/event first → last tenth | growth | CPU µs/event first → last | growth | KiB written/event first → last | all |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const name of cases) {
  const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-growth-'));
  const before = load();
  const nextId = idMaker(name.endsWith('ordered') ? 'ordered' : 'random');
  try {
    const engine = transports[name.split('-')[0]];
    const tenths = name.startsWith('sqlite') ? referenceRun(dir, name.split('-')[1], total, BATCH * INFLIGHT, nextId) : await engineRun(dir, nextId, engine);
    const per = (t, key) => (key === 'wallS' ? (t.wallS * 1e6) / t.rows : t.cpuUs / t.rows);
    const [first, last] = [tenths[0], tenths.at(-1)];
    const rate = tenths.reduce((n, t) => n + t.rows, 0) / tenths.reduce((s, t) => s + t.wallS, 0);
    const pct = (a, b) => `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(0)} %`;
    const cell = (key) => `${per(first, key).toFixed(1)} → ${per(last, key).toFixed(1)} | ${pct(per(first, key), per(last, key))}`;
    const kib = (t) => (t.bytes / 1024 / t.rows).toFixed(2);
    const allKib = (tenths.reduce((n, t) => n + t.bytes, 0) / 1024 / tenths.reduce((n, t) => n + t.rows, 0)).toFixed(2);
    console.log(`| ${name} | ${before} | ${Math.round(rate)} | ${cell('wallS')} | ${cell('cpuUs')} | ${kib(first)} → ${kib(last)} | ${allKib} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
