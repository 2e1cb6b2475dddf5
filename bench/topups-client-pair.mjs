#!/usr/bin/env node
// Client CPU per line of a bulk top-up against ONE `credyt local serve` (the server fixed,
// from BENCH_SERVER_BIN or this checkout), for several client builds and in-flight counts,
// run interleaved round by round so a shared machine's load falls on every variant alike.
// Usage: node bench/topups-client-pair.mjs [lines] [rounds] name=bin.js[@concurrency][:--flag...] ...
//   (no @concurrency: the CLI's default flags; `:--no-batch` adds that flag)
//   e.g. node bench/topups-client-pair.mjs 10000 3 before=/work/wt/base3/bin/credyt.js after=bin/credyt.js after64=bin/credyt.js@64
// Every run sends new lines (descriptions salted per run), so each is accepted, not a duplicate.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { timedClient, topUpBenchSetup, writeTopUpCsv } from './topups-setup.mjs';
import { processAndMainCpuMs, startServe, stopServe } from './serve.mjs';

const [linesArg, roundsArg, ...specs] = process.argv.slice(2);
const lines = Number.parseInt(linesArg ?? '10000', 10);
const rounds = Number.parseInt(roundsArg ?? '3', 10);
const variants = specs.map((spec) => {
  const [name, rest] = spec.split('=');
  const [binConc, ...flags] = rest.split(':');
  const [bin, conc] = binConc.split('@');
  return { name, bin: resolve(bin), concurrency: conc, flags, runs: [] };
});
const { dir, env } = topUpBenchSetup({ lines, runs: rounds, dirPrefix: 'credyt-bench-topups-pair-' });
const server = await startServe({ db: join(dir, 'served.db'), env, bin: process.env.BENCH_SERVER_BIN ?? resolve(import.meta.dirname, '../bin/credyt.js') });
try {
  const headers = { 'content-type': 'application/json', 'x-credyt-api-key': server.apiKey };
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${server.url}/customers`, { method: 'POST', headers, body: JSON.stringify({ name: `Bench ${i}`, external_id: `c${i}` }) });
    if (res.status !== 201) throw new Error(`seed: ${res.status}`);
  }
  const clientEnv = { ...env, CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
  let salt = 0;
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const csv = join(dir, `top-ups-${salt}.csv`);
      await writeTopUpCsv(csv, lines, 100, salt++);
      const load = loadavg()[0];
      const before = processAndMainCpuMs(server.child.pid);
      const c = await timedClient(v.bin, ['top-up', '--file', csv, '--yes', ...(v.concurrency ? ['--concurrency', v.concurrency] : []), ...v.flags], clientEnv);
      const after = processAndMainCpuMs(server.child.pid);
      const server_us = ((after.user + after.sys - before.user - before.sys) / lines) * 1000;
      const run = { rate: lines / c.seconds, client_us: (c.cpuMs / lines) * 1000, user_us: (c.user / lines) * 1000, sys_us: (c.sys / lines) * 1000, server_us, load };
      v.runs.push(run);
      rmSync(csv);
      console.log(`round ${r} ${v.name.padEnd(10)} conc ${(v.concurrency ?? 'def').padStart(3)}: ${Math.round(run.rate)} lines/s, client ${run.client_us.toFixed(0)} us/line (user ${run.user_us.toFixed(0)}, sys ${run.sys_us.toFixed(0)}), server ${server_us.toFixed(0)} us/line, load ${load.toFixed(2)}`);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log('\nmedians:');
  for (const v of variants) {
    console.log(`${v.name.padEnd(10)} conc ${(v.concurrency ?? 'def').padStart(3)}: ${Math.round(median(v.runs.map((x) => x.rate)))} lines/s, client ${median(v.runs.map((x) => x.client_us)).toFixed(0)} us/line, server ${median(v.runs.map((x) => x.server_us)).toFixed(0)} us/line`);
  }
} finally {
  await stopServe(server.child);
  rmSync(dir, { recursive: true, force: true });
}
