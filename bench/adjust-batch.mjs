#!/usr/bin/env node
// What `credyt local serve`'s main thread spends per wallet adjustment: one request per
// line (`POST /customers/{id}/wallet/adjustments`, undici pipelining 10, 32 in flight, as
// the bulk top-up client sends them) against batches (`POST /local/wallet-adjustments`, a
// local extension; `size` items a request, 4 in flight), runs interleaved, with bare
// node:http's cost of one small request (bench/http-floor.mjs's server, same loop) measured
// in the same invocation as the reference. Server CPU from /proc (main thread, and all
// threads: the WAL fsyncs run in libuv's pool), the load average beside each row.
// Usage: node bench/adjust-batch.mjs [lines] [runs] [size]   default 20000 2 100
//   needs dist/ (npm run build); BENCH_BIN=path/to/bin/credyt.js serves another build,
//   BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' passes node flags to the server,
//   BENCH_BATCH_ONLY=1 sends no single requests (a profile of the batches alone).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'undici';
import { processAndMainCpuMs, startServe, stopServe } from './serve.mjs';

const lines = Number.parseInt(process.argv[2] ?? '20000', 10);
const runs = Number.parseInt(process.argv[3] ?? '2', 10);
const size = Number.parseInt(process.argv[4] ?? '100', 10);
const CUSTOMERS = 100;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-adjust-batch-'));
const env = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') };
for (const k of ['CREDYT_PROFILE', 'CREDYT_BASE_URL', 'CREDYT_API_KEY', 'CREDYT_OUTPUT', 'CREDYT_DB']) delete env[k];

/** `n` requests from `make(i)`, `inFlight` at a time; throws on an unexpected status. */
async function send(pool, n, inFlight, make, expected) {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const res = await pool.request(make(next++));
      const text = await res.body.text();
      if (res.statusCode !== expected) throw new Error(`${res.statusCode} ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** One measured run: CPU ms per line of the server's main thread and of all its threads, lines/s. */
async function measure(pid, perLine, fn) {
  const load = loadavg()[0];
  const before = processAndMainCpuMs(pid);
  const started = performance.now();
  await fn();
  const seconds = (performance.now() - started) / 1000;
  const after = processAndMainCpuMs(pid);
  const all = after.user + after.sys - before.user - before.sys;
  return { main: (after.main - before.main) / perLine, all: all / perLine, rate: perLine / seconds, load };
}

const row = (name, r, m, floor) =>
  console.log(
    `| ${name} | ${r} | ${Math.round(m.rate)} | ${(m.main * 1000).toFixed(0)} | ${(m.all * 1000).toFixed(0)} | ${floor ? (m.main / floor).toFixed(2) : '1.00'} | ${m.load.toFixed(2)} |`,
  );

const floorChild = fork(resolve(import.meta.dirname, 'http-floor.mjs'), ['--serve', 'node:http', join(dir, 'floor')], { stdio: 'inherit' });
const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ') ?? [];
const server = await startServe({ db: join(dir, 'served.db'), env, bin: process.env.BENCH_BIN, nodeArgs });
try {
  const floor = await new Promise((ok, fail) => floorChild.once('message', ok).once('exit', fail));
  const floorPool = new Pool(`http://127.0.0.1:${floor.port}`, { pipelining: 10 });
  const pool = new Pool(server.url, { pipelining: 10 });
  const headers = { 'content-type': 'application/json', 'x-credyt-api-key': server.apiKey };
  const ids = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const res = await fetch(`${server.url}/customers`, { method: 'POST', headers, body: JSON.stringify({ name: `Bench ${i}`, external_id: `c${i}` }) });
    ids.push((await res.json()).id);
  }
  const item = (i) => ({ transaction_id: randomUUID(), asset: 'USD', amount: (i % 50) + 1.25, reason: 'external_topup', description: `row ${i}` });
  const single = (n) =>
    send(pool, n, 32, (i) => ({ method: 'POST', path: `/customers/${ids[i % CUSTOMERS]}/wallet/adjustments`, headers, body: JSON.stringify(item(i)) }), 201);
  const batched = (n) =>
    send(
      pool,
      Math.ceil(n / size),
      4,
      (b) => {
        const adjustments = [];
        for (let i = b * size; i < Math.min(n, (b + 1) * size); i++) adjustments.push({ customer_id: ids[i % CUSTOMERS], ...item(i) });
        return { method: 'POST', path: '/local/wallet-adjustments', headers, body: JSON.stringify({ adjustments }) };
      },
      200,
    );
  const bare = (n) => send(floorPool, n, 32, () => ({ method: 'GET', path: floor.path }), 200);
  // Warm-up: every path compiled before anything is measured.
  await bare(2000);
  if (process.env.BENCH_BATCH_ONLY !== '1') await single(2000);
  await batched(2000);

  console.log(`lines per run: ${lines}, batch size ${size}, node ${process.version}, ${new Date().toISOString()}`);
  console.log('| path | run | lines/s | server main thread µs/line | server all threads µs/line | main ÷ node:http | load |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (let r = 1; r <= runs; r++) {
    const f = await measure(floorChild.pid, lines, () => bare(lines));
    row('node:http floor (GET)', r, f);
    if (process.env.BENCH_BATCH_ONLY !== '1') row('one request per line', r, await measure(server.child.pid, lines, () => single(lines)), f.main);
    row(`batches of ${size}`, r, await measure(server.child.pid, lines, () => batched(lines)), f.main);
  }
  await pool.close();
  await floorPool.close();
} finally {
  floorChild.kill();
  await stopServe(server.child);
  rmSync(dir, { recursive: true, force: true });
}
