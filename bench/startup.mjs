#!/usr/bin/env node
// Whole-process time of `credyt --help` and `credyt wallet get acme` (embedded profile),
// side by side with `node -e 0` in the same run, interleaved so machine noise hits all
// three alike. Usage: node bench/startup.mjs [runs]   (default 30)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const runs = Number.parseInt(process.argv[2] ?? '30', 10);
const bin = resolve(import.meta.dirname, '../bin/credyt.js');
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-'));
const env = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
delete env.CREDYT_PROFILE;
delete env.CREDYT_BASE_URL;

function run(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

for (const step of [
  ['assets', 'create', '--code', 'TOK', '--name', 'Tokens', '--label', 'tok', '--precision', '0', '--rate', 'USD=0.00001'],
  ['customers', 'create', '--name', 'Acme AI', '--external-id', 'acme'],
  ['top-up', 'acme', '14.566678', 'USD'],
  ['top-up', 'acme', '9934.50234', 'USD', '--asset', 'TOK'],
]) run([bin, ...step]);

const cases = {
  'node -e 0': ['-e', '0'],
  'credyt --help': [bin, '--help'],
  'credyt wallet get acme': [bin, 'wallet', 'get', 'acme'],
};
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const args of Object.values(cases)) run(args); // warm the file cache
for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(cases)) samples[name].push(run(args));
rmSync(dir, { recursive: true, force: true });

const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p90: at(0.9), min: s[0] };
};
const base = stat(samples['node -e 0']).median;
console.log(`runs: ${runs}, node ${process.version}, ${new Date().toISOString()}`);
console.log('| command | median ms | p90 ms | min ms | × node -e 0 (median) |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, xs] of Object.entries(samples)) {
  const { median, p90, min } = stat(xs);
  console.log(`| ${name} | ${median.toFixed(1)} | ${p90.toFixed(1)} | ${min.toFixed(1)} | ${(median / base).toFixed(2)} |`);
}
