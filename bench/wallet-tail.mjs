#!/usr/bin/env node
// The tail of `GET /customers/{id}/wallet` through `credyt local serve`, two trees side by
// side on the same ledger: p50, p99 and p99.9, the server's CPU per request, and the same
// GETs to a bare node:http server as the reference, measured in interleaved blocks (before,
// after, bare, before, after, bare, ...) so a busy machine weighs on every case alike.
//
// Each server gets its own copy of the database (a read may write: it replays the grants of
// an account that has postings since its last read, as the accounts ledger.mjs's holds
// touched have). Build it first with ledger.mjs (BENCH_DB), e.g.
// `BENCH_DB=/tmp/l.db node bench/ledger.mjs 100000 5000000`, and keep a copy of it closed.
//
//   node bench/wallet-tail.mjs DB CUSTOMERS [--tree LABEL=DIR]... [--blocks N] [--per-block N]
//
// Each DIR is a built checkout (its bin/credyt.js is started); default: this checkout alone.
import { fork } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'undici';
import { processAndMainCpuMs, startServe, stopServe } from './serve.mjs';

const args = process.argv.slice(2);
const [db, customersArg] = args;
if (!db || !customersArg) throw new Error('usage: wallet-tail.mjs DB CUSTOMERS [--tree LABEL=DIR]... [--blocks N] [--per-block N]');
const CUSTOMERS = Number(customersArg);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const BLOCKS = option('--blocks', 6);
const PER_BLOCK = option('--per-block', 3000);
const trees = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] !== '--tree') continue;
  const [label, dir] = args[i + 1].split('=');
  trees.push({ label, dir: resolve(dir) });
}
if (trees.length === 0) trees.push({ label: 'this', dir: resolve(import.meta.dirname, '..') });

const customerId = (i) => `cust_bench${String(i).padStart(21, '0')}`;
const pick = () => customerId(Math.floor(Math.random() * CUSTOMERS));
const here = import.meta.dirname;
const scratch = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'credyt-wallet-tail-'));

const cases = [];
try {
  for (const tree of trees) {
    const env = { ...process.env, CREDYT_CONFIG_DIR: join(scratch, tree.label) };
    const copy = join(scratch, `${tree.label}.db`);
    copyFileSync(db, copy);
    const { child, url, apiKey } = await startServe({ db: copy, env, bin: join(tree.dir, 'bin/credyt.js') });
    const pool = new Pool(url, { connections: 1, keepAliveTimeout: 60_000 });
    const headers = { 'x-credyt-api-key': apiKey };
    cases.push({
      label: tree.label,
      child,
      pool,
      get: async () => {
        const res = await pool.request({ method: 'GET', path: `/customers/${pick()}/wallet`, headers });
        if (res.statusCode !== 200) throw new Error(`${tree.label}: ${res.statusCode} ${await res.body.text()}`);
        await res.body.dump();
      },
    });
  }
  const bare = fork(join(here, 'http-floor.mjs'), ['--serve', 'node:http', scratch], { stdio: 'inherit' });
  const { port, path } = await new Promise((ok, fail) => bare.once('message', ok).once('exit', fail));
  const barePool = new Pool(`http://127.0.0.1:${port}`, { connections: 1 });
  cases.push({ label: 'bare node:http', child: bare, pool: barePool, get: async () => (await barePool.request({ method: 'GET', path })).body.dump() });

  for (const c of cases) {
    c.times = [];
    c.cpu = 0;
    for (let i = 0; i < 2000; i++) await c.get(); // warm: JIT, connections, some pages
  }
  const loads = [loadavg()[0]];
  for (let b = 0; b < BLOCKS; b++) {
    for (const c of cases) {
      const before = processAndMainCpuMs(c.child.pid).main;
      for (let i = 0; i < PER_BLOCK; i++) {
        const t = performance.now();
        await c.get();
        c.times.push(performance.now() - t);
      }
      c.cpu += processAndMainCpuMs(c.child.pid).main - before;
    }
    loads.push(loadavg()[0]);
  }
  const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  console.log(`wallet get, ${CUSTOMERS} customers, ${db}; ${BLOCKS} interleaved blocks of ${PER_BLOCK} GETs per case; node ${process.version}`);
  console.log(`load avg (1 min) per block: ${loads.map((l) => l.toFixed(2)).join(' → ')}`);
  console.log('| case | p50 ms | p99 ms | p99.9 ms | max ms | server main-thread CPU µs/GET | p99 / bare p99 |');
  console.log('|---|---|---|---|---|---|---|');
  const barePct = [...cases.at(-1).times].sort((a, b) => a - b);
  for (const c of cases) {
    const s = [...c.times].sort((a, b) => a - b);
    const f = (n) => n.toFixed(3);
    const cpu = ((c.cpu * 1000) / c.times.length).toFixed(0);
    console.log(`| ${c.label} | ${f(pct(s, 50))} | ${f(pct(s, 99))} | ${f(pct(s, 99.9))} | ${f(s.at(-1))} | ${cpu} | ${(pct(s, 99) / pct(barePct, 99)).toFixed(2)} |`);
  }
} finally {
  for (const c of cases) {
    await c.pool.close();
    if (c.label === 'bare node:http') c.child.kill();
    else await stopServe(c.child);
  }
  rmSync(scratch, { recursive: true, force: true });
}
