#!/usr/bin/env node
// CPU time per line of a bulk top-up, each side of the socket: `credyt top-up --file`
// against `credyt local serve`, the server's CPU read from /proc before and after the run,
// the client's from GNU time (user + sys, start-up included). Wall-clock rates on a shared
// machine swing with its load; CPU per line is what a change moves.
// Usage: node bench/topups-cpu.mjs [lines] [concurrency] [customers] [runs]
//   default 20000 32 100 1; BENCH_BIN=path/to/bin/credyt.js runs another build
//   (BENCH_SERVER_BIN for the server alone); BENCH_KEEP_SERVER_PROFILE=dir passes --cpu-prof to the server,
//   BENCH_CLIENT_PROFILE=dir to the client, BENCH_SERVER_NODE_ARGS='--perf-basic-prof' more node flags to the server. Needs dist/ (npm run build) and /usr/bin/time.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { timedClient, topUpBenchSetup, writeTopUpCsv } from './topups-setup.mjs';
import { processAndMainCpuMs, startServe, stopServe } from './serve.mjs';

const { lines, concurrency, customers, runs, bin, dir, env } = topUpBenchSetup({ lines: 20000, runs: 1, dirPrefix: 'credyt-bench-topups-' });

function serve(db) {
  const prof = process.env.BENCH_KEEP_SERVER_PROFILE;
  const nodeArgs = prof ? [`--cpu-prof`, `--cpu-prof-dir=${prof}`] : [];
  // e.g. --perf-basic-prof, for `perf record -e cpu-clock` (on-CPU samples only) of the server.
  if (process.env.BENCH_SERVER_NODE_ARGS) nodeArgs.push(...process.env.BENCH_SERVER_NODE_ARGS.split(' '));
  return startServe({ db, env, bin: process.env.BENCH_SERVER_BIN ?? bin, nodeArgs });
}

const server = await serve(join(dir, 'served.db'));
if (process.env.BENCH_SERVER_NODE_ARGS) console.log(`server pid ${server.child.pid}`);
try {
  const headers = { 'content-type': 'application/json', 'x-credyt-api-key': server.apiKey };
  for (let i = 0; i < customers; i++) {
    const res = await fetch(`${server.url}/customers`, { method: 'POST', headers, body: JSON.stringify({ name: `Bench ${i}`, external_id: `c${i}` }) });
    if (res.status !== 201) throw new Error(`seed: ${res.status} ${await res.text()}`);
  }
  const clientEnv = { ...env, CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
  for (let r = 0; r < runs; r++) {
    const csv = join(dir, `top-ups-${r}.csv`);
    await writeTopUpCsv(csv, lines, customers, r);
    const load = loadavg()[0];
    const before = processAndMainCpuMs(server.child.pid);
    const c = await timedClient(bin, ['top-up', '--file', csv, '--yes', '--concurrency', concurrency], clientEnv);
    const after = processAndMainCpuMs(server.child.pid);
    const [user, sys, main] = [after.user - before.user, after.sys - before.sys, after.main - before.main];
    console.log(
      `lines ${lines} conc ${concurrency} customers ${customers}: ${Math.round(lines / c.seconds)} lines/s (${c.seconds.toFixed(2)} s), ` +
        `server ${((user + sys) / lines).toFixed(3)} ms/line (sys ${(sys / lines).toFixed(3)}, main thread ${(main / lines).toFixed(3)}), client ${(c.cpuMs / lines).toFixed(3)} ms/line, load ${load.toFixed(2)}`,
    );
  }
} finally {
  await stopServe(server.child);
  rmSync(dir, { recursive: true, force: true });
}
