#!/usr/bin/env node
// `credyt usage post --file` against `credyt local serve` at the CLI's default flags, for two
// (or more) built trees side by side, runs interleaved: each tree's own client against its
// own server on a fresh database. Seeding goes straight over HTTP (a product with two
// volume prices, 100 customers), so a pair of runs costs seconds, not minutes of CLI starts.
// Prints per run: the load average, events/s, the client's CPU µs per event (GNU time: user +
// sys, start-up included) and peak RSS, and the server's (all threads and main thread, from /proc), and
// at the end each tree's medians as ratios to the first tree's.
// Usage: node bench/ingest-pair.mjs [events] [rounds] before=/path/to/tree after=/path/to/tree
//   (trees default to this one alone); BENCH_USAGE_ARGS="--concurrency 8" adds CLI flags;
//   BENCH_NODE_ARGS / BENCH_SERVE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p") go to the
//   client's / the server's node; BENCH_ARGS_<name> adds CLI flags to one tree's runs only
//   (the same tree twice: c4=. c16=. with BENCH_ARGS_c16="--concurrency 16"); each line carries
//   an increasing occurred_at (bench/usage-lines.mjs), BENCH_USAGE_TIMES=none leaves it out.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHAT_PRODUCT } from './chat-product.mjs';
import { gnuTimeOf } from './gnu-time.mjs';
import { processAndMainCpuMs, startServe, stopServe } from './serve.mjs';
import { usageLine, usageTimes, writeLines } from './usage-lines.mjs';

const events = Number.parseInt(process.argv[2] ?? '100000', 10);
const rounds = Number.parseInt(process.argv[3] ?? '2', 10);
const trees = process.argv.slice(4).map((arg) => {
  const [name, path] = arg.split('=');
  return { name, root: resolve(path) };
});
if (trees.length === 0) trees.push({ name: 'this', root: resolve(import.meta.dirname, '..') });
const CUSTOMERS = 100;
const words = (name) => (process.env[name] ?? '').split(' ').filter(Boolean);
const USAGE_ARGS = words('BENCH_USAGE_ARGS');
const NODE_ARGS = words('BENCH_NODE_ARGS');
const SERVE_NODE_ARGS = words('BENCH_SERVE_NODE_ARGS');
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-pair-'));
const baseEnv = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') };
for (const k of ['CREDYT_PROFILE', 'CREDYT_BASE_URL', 'CREDYT_API_KEY', 'CREDYT_OUTPUT', 'CREDYT_DB']) delete baseEnv[k];

async function seed(url, apiKey) {
  const post = async (path, body) => {
    const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-credyt-api-key': apiKey }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
  };
  await post('/products', { ...CHAT_PRODUCT, publish: true });
  for (let i = 0; i < CUSTOMERS; i++) await post('/customers', { name: `Bench ${i}`, external_id: `c${i}`, subscriptions: [{ products: [{ code: 'chat_api' }] }] });
}

function client(tree, env, file) {
  return new Promise((done, fail) => {
    const own = words(`BENCH_ARGS_${tree.name}`);
    // BENCH_ENV_<name>="K=V K2=V2": environment of one tree's clients only.
    for (const pair of words(`BENCH_ENV_${tree.name}`)) env = { ...env, [pair.split('=')[0]]: pair.slice(pair.indexOf('=') + 1) };
    const args = ['-v', process.execPath, ...NODE_ARGS, join(tree.root, 'bin/credyt.js'), 'usage', 'post', '--file', file, ...USAGE_ARGS, ...own];
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`usage post → ${code}\n${stderr}`));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { cpu, rss } = gnuTimeOf(stderr);
      done({ seconds, cpu, rss });
    });
  });
}

async function run(tree, round, file) {
  const db = join(dir, `${tree.name}-${round}.db`);
  const { child, url, apiKey } = await startServe({ bin: join(tree.root, 'bin/credyt.js'), env: baseEnv, db, nodeArgs: SERVE_NODE_ARGS });
  try {
    await seed(url, apiKey);
    const load = loadavg()[0].toFixed(1);
    const before = processAndMainCpuMs(child.pid);
    const r = await client(tree, { ...baseEnv, CREDYT_BASE_URL: url, CREDYT_API_KEY: apiKey }, file);
    const after = processAndMainCpuMs(child.pid);
    const server = ((after.user + after.sys - before.user - before.sys) * 1000) / events;
    const main = ((after.main - before.main) * 1000) / events;
    return { load, rate: events / r.seconds, client: (r.cpu * 1e6) / events, rss: r.rss, server, main };
  } finally {
    await stopServe(child);
    rmSync(db, { force: true });
    rmSync(db + '-wal', { force: true });
    rmSync(db + '-shm', { force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const file = join(dir, 'usage.ndjson');
await writeLines(file, events, usageLine(CUSTOMERS));
const results = new Map(trees.map((t) => [t.name, []]));
console.log(`${events.toLocaleString('en-US')} events, ${CUSTOMERS} customers, 2 fees each, occurred_at: ${usageTimes()}, node ${process.version}, ${new Date().toISOString()}`);
console.log('| round | tree | load | events/s | client CPU µs/event | client peak RSS MiB | server CPU µs/event | server main thread µs/event |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
try {
  for (let round = 0; round < rounds; round++) {
    // Alternate which tree goes first, so neither always runs on the warmer machine.
    const order = round % 2 === 0 ? trees : [...trees].reverse();
    for (const tree of order) {
      const r = await run(tree, round, file);
      results.get(tree.name).push(r);
      console.log(`| ${round + 1} | ${tree.name} | ${r.load} | ${Math.round(r.rate)} | ${r.client.toFixed(1)} | ${r.rss.toFixed(0)} | ${r.server.toFixed(1)} | ${r.main.toFixed(1)} |`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const first = results.get(trees[0].name);
const m = (rs, k) => median(rs.map((r) => r[k]));
console.log('\n| tree | events/s (median) | ratio | client CPU | ratio | server CPU | ratio | server main | ratio |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [name, rs] of results) {
  const cell = (k, digits) => `${m(rs, k).toFixed(digits)} | ${(m(rs, k) / m(first, k)).toFixed(2)}`;
  console.log(`| ${name} | ${cell('rate', 0)} | ${cell('client', 1)} | ${cell('server', 1)} | ${cell('main', 1)} |`);
}
