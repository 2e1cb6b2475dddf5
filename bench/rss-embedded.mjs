#!/usr/bin/env node
// Where an embedded `usage post --file` run's memory goes, variant against variant in one
// invocation: seeds one database (100 customers on the benchmarks' product, as
// pipeline.mjs does), copies it for every run, and runs the same usage file through the
// embedded profile under GNU time, with bench/rss-sampler.mjs preloaded (V8 heap, external
// and array buffers at the peak RSS; BENCH_CACHE_SIZE / BENCH_MMAP_SIZE experiments).
// Variants run interleaved, `rounds` times each; each line gives the load average.
// Usage: node bench/rss-embedded.mjs [lines] [rounds] [variant,...]
//   variants: name=ENV=VALUE;ENV2=VALUE;--node-flag (e.g. "c32=BENCH_CACHE_SIZE=-32768");
//   `base` is the build as it is. BENCH_TEMPLATE=dir keeps the seeded database between invocations.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { CHAT_PRODUCT } from './chat-product.mjs';
import { gnuTimeOf } from './gnu-time.mjs';

const lines = Number.parseInt(process.argv[2] ?? '200000', 10);
const rounds = Number.parseInt(process.argv[3] ?? '1', 10);
const variants = (process.argv[4] ?? 'base').split(',').map((spec) => {
  const [name, ...rest] = spec.split('=');
  const settings = rest.join('=').split(';').filter(Boolean);
  const env = {};
  const nodeArgs = [];
  for (const s of settings) {
    if (s.startsWith('--')) nodeArgs.push(s);
    else env[s.slice(0, s.indexOf('='))] = s.slice(s.indexOf('=') + 1);
  }
  return { name, env, nodeArgs };
});
const CUSTOMERS = 100;
const bin = resolve(import.meta.dirname, '../bin/credyt.js');
const sampler = resolve(import.meta.dirname, 'rss-sampler.mjs');
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-rss-'));
const template = process.env.BENCH_TEMPLATE ?? join(dir, 'template');
const baseEnv = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') };
for (const k of ['CREDYT_PROFILE', 'CREDYT_BASE_URL', 'CREDYT_API_KEY', 'CREDYT_OUTPUT']) delete baseEnv[k];

function run(args, env, nodeArgs = []) {
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, ...nodeArgs, bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    const started = performance.now();
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const { cpu, rss } = gnuTimeOf(stderr);
      const sample = /rss-sample (\{.*\})/.exec(stderr);
      done({ code, stderr, seconds, cpu, rss, sample: sample ? JSON.parse(sample[1]) : {} });
    });
  });
}

async function ok(args, env) {
  const r = await run(args, env);
  if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stderr}`);
}

const templateDb = join(template, 'embedded.db');
if (!existsSync(templateDb)) {
  mkdirSync(template, { recursive: true });
  const env = { ...baseEnv, CREDYT_DB: templateDb };
  const product = join(dir, 'chat.json');
  writeFileSync(product, JSON.stringify(CHAT_PRODUCT));
  await ok(['products', 'create', '--file', product, '--publish'], env);
  for (let i = 0; i < CUSTOMERS; i++) await ok(['customers', 'create', '--name', `Bench ${i}`, '--external-id', `c${i}`, '--product', 'chat_api'], env);
  // Folds the WAL into the file, so a copy of the file alone is the whole database.
  spawnSync(process.execPath, ['-e', `const D=require(${JSON.stringify(resolve('node_modules/better-sqlite3'))});const d=new D(${JSON.stringify(templateDb)});d.pragma('wal_checkpoint(TRUNCATE)');d.close()`]);
}

const usage = join(dir, 'usage.ndjson');
{
  const out = createWriteStream(usage);
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    chunk += `{"customer":"c${i % CUSTOMERS}","type":"response_completed","subject":"r${i}","data":{"input_tokens":${1000 + (i % 5000)},"output_tokens":${i % 700}}}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const load = () => loadavg()[0].toFixed(1);
console.log(`node ${process.version}, ${new Date().toISOString()}, ${lines.toLocaleString('en-US')} events, ${CUSTOMERS} customers, 2 fees per event`);
console.log('| variant | load | seconds | lines/s | CPU µs/line | peak RSS MiB | at peak: heapTotal / heapUsed / external / arrayBuffers MiB |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (let round = 0; round < rounds; round++) {
  for (const v of variants) {
    const db = join(dir, `run.db`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    copyFileSync(templateDb, db);
    const before = load();
    const r = await run(['usage', 'post', '--file', usage], { ...baseEnv, CREDYT_DB: db, ...v.env }, ['--import', sampler, ...v.nodeArgs]);
    if (r.code !== 0) throw new Error(r.stderr);
    const s = r.sample;
    console.log(
      `| ${v.name} | ${before}→${load()} | ${r.seconds.toFixed(1)} | ${Math.round(lines / r.seconds).toLocaleString('en-US')} | ${((r.cpu * 1e6) / lines).toFixed(1)} | ${r.rss.toFixed(0)} | ${s.heapTotal} / ${s.heapUsed} / ${s.external} / ${s.arrayBuffers} |`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
