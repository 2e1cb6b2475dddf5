#!/usr/bin/env node
// Whole-process time of `credyt --help`, `credyt wallet get acme` on the embedded profile
// and `credyt wallet get acme` against `credyt local serve`, side by side with `node -e 0`
// in the same run, interleaved so machine noise hits all of them alike.
//
//   node bench/startup.mjs [runs] [--tree LABEL=DIR]...      (default 30 runs, this tree)
//
// Each --tree is another checkout with its dependencies installed and built (for a
// before/after comparison in one run); its bin/credyt.js is measured with the same cases.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServe } from './serve.mjs';

const args = process.argv.slice(2);
const runs = Number.parseInt(args.find((a) => /^\d+$/.test(a)) ?? '30', 10);
const trees = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] !== '--tree') continue;
  const [label, dir] = args[++i].split(/=(.*)/s);
  trees.push({ label, root: resolve(dir) });
}
if (trees.length === 0) trees.push({ label: 'this tree', root: resolve(import.meta.dirname, '..') });

function baseEnv(dir) {
  const env = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
  for (const key of Object.keys(env)) if (key.startsWith('CREDYT_') && !['CREDYT_CONFIG_DIR', 'CREDYT_DB'].includes(key)) delete env[key];
  return env;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU ms (user + system) of this process's waited-for children, from /proc. */
function childrenCpuMs() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

/**
 * Wall ms and CPU ms of one whole process. CPU comes in 10 ms ticks, so one run's figure
 * is coarse, but the mean of many is not; a busy machine skews it much less than wall time.
 */
function run(args, env) {
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, cpu: childrenCpuMs() - cpuBefore };
}

/** Whether bin/credyt.js of a tree will load its start-up bundle (see bin/credyt.js). */
function bundled(root) {
  const bundle = join(root, 'dist/bundle/credyt.js');
  if (!existsSync(bundle)) return 'no bundle';
  const unbundled = join(root, 'dist/cli.js');
  return !existsSync(unbundled) || statSync(bundle).mtimeMs >= statSync(unbundled).mtimeMs ? 'bundle' : 'bundle older than dist/: not used';
}

const cases = { 'node -e 0': { args: ['-e', '0'], env: process.env } };
const servers = [];
const dirs = [];
for (const tree of trees) {
  const bin = join(tree.root, 'bin/credyt.js');
  const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-'));
  dirs.push(dir);
  const env = baseEnv(dir);
  // The seed scenario: TOK, Acme AI, two top-ups.
  for (const step of [
    ['assets', 'create', '--code', 'TOK', '--name', 'Tokens', '--label', 'tok', '--precision', '0', '--rate', 'USD=0.00001'],
    ['customers', 'create', '--name', 'Acme AI', '--external-id', 'acme'],
    ['top-up', 'acme', '14.566678', 'USD'],
    ['top-up', 'acme', '9934.50234', 'USD', '--asset', 'TOK'],
  ]) run([bin, ...step], env);
  // local serve gets a copy of the same ledger, so both wallet reads answer the same.
  const served = join(dir, 'served.db');
  copyFileSync(join(dir, 'local.db'), served);
  const server = await startServe({ bin, env, db: served });
  servers.push(server.child);
  const remote = { ...env, CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
  const prefix = trees.length > 1 ? `${tree.label}: ` : '';
  cases[`${prefix}credyt --help`] = { args: [bin, '--help'], env };
  cases[`${prefix}credyt wallet get acme (embedded)`] = { args: [bin, 'wallet', 'get', 'acme'], env };
  cases[`${prefix}credyt wallet get acme (local serve)`] = { args: [bin, 'wallet', 'get', 'acme'], env: remote };
}

const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const cpu = Object.fromEntries(Object.keys(cases).map((k) => [k, 0]));
const loadBefore = loadavg()[0];
try {
  for (const { args, env } of Object.values(cases)) run(args, env); // warm the file cache
  for (let i = 0; i < runs; i++) {
    for (const [name, { args, env }] of Object.entries(cases)) {
      const one = run(args, env);
      samples[name].push(one.ms);
      cpu[name] += one.cpu;
    }
  }
} finally {
  for (const child of servers) child.kill();
  await new Promise((r) => setTimeout(r, 200));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p90: at(0.9), min: s[0] };
};
const base = stat(samples['node -e 0']).median;
const baseCpu = cpu['node -e 0'];
const load = `${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}`;
console.log(`runs: ${runs}, node ${process.version}, ${new Date().toISOString()}, load average (1 min) ${load}`);
for (const tree of trees) console.log(`${tree.label}: ${tree.root} (${bundled(tree.root)})`);
console.log('| command | median ms | p90 ms | min ms | × node -e 0 (median) | CPU ms (mean) | CPU × node -e 0 |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [name, xs] of Object.entries(samples)) {
  const { median, p90, min } = stat(xs);
  const ratio = (median / base).toFixed(2);
  console.log(`| ${name} | ${median.toFixed(1)} | ${p90.toFixed(1)} | ${min.toFixed(1)} | ${ratio} | ${(cpu[name] / runs).toFixed(1)} | ${(cpu[name] / baseCpu).toFixed(2)} |`);
}
