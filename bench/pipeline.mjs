#!/usr/bin/env node
// Bulk ingest end to end, the way an operator runs it: `credyt usage post --file` for a
// usage file (over HTTP to `credyt local serve`, and through the embedded transport), and
// `credyt top-up --file` for a CSV (the same two ways; `--concurrency 32`,
// BENCH_TOPUP_CONCURRENCY to change). Every event is billed (two volume prices each, so fees
// are computed for every line). Reports lines/s and the client's peak RSS (GNU time's
// "Maximum resident set size"; /usr/bin/time, Debian package `time`) and its CPU time per
// line (GNU time's user + system seconds over the lines: start-up included); for the
// cases against local serve, also the server's CPU per line and how busy its main thread was.
// The `rss` case measures the client alone on 1,000,000 and 10,000,000 lines piped in on
// stdin, against a stub HTTP server that answers every event `accepted` at once (so the
// run takes minutes, not the hours the engine would need for 10,000,000 billed events).
// Usage: node bench/pipeline.mjs [usage-lines] [top-up-lines] [cases] [rss-lines]
//   cases: comma list of http,embedded,topups,topups-embedded,rss (default http,embedded,topups);
//   BENCH_TOPUP_CONCURRENCY=N (default 32; `default`: no --concurrency, the CLI's default);
//   BENCH_TOPUP_ARGS="--no-batch" (more top-up flags);
//   BENCH_USAGE_CONCURRENCY=N passes --concurrency N to the usage runs (default: the CLI's own);
//   the usage file's lines carry an increasing occurred_at, as a platform's logs do
//   (bench/usage-lines.mjs), BENCH_USAGE_TIMES=none leaves it out (ids random to the index);
//   needs dist/ (npm run build).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { CHAT_PRODUCT } from './chat-product.mjs';
import { gnuTimeOf } from './gnu-time.mjs';
import { referenceMs } from './reference.mjs';
import { processAndMainCpuMs, startServe } from './serve.mjs';
import { usageLine, usageTimes, writeLines } from './usage-lines.mjs';

const usageLines = Number.parseInt(process.argv[2] ?? '1000000', 10);
const topUpLines = Number.parseInt(process.argv[3] ?? '100000', 10);
const cases = new Set((process.argv[4] ?? 'http,embedded,topups').split(','));
// The `rss` case's line counts (comma list), e.g. 1000000,10000000.
const rssLines = (process.argv[5] ?? '1000000,10000000').split(',').map(Number);
const CUSTOMERS = 100;
// Top-up requests in flight (one line each): enough to fill the server's commit groups.
// `default` passes no --concurrency: the CLI's own default (bench/speed.mjs measures that).
const TOP_UP_CONCURRENCY = process.env.BENCH_TOPUP_CONCURRENCY ?? '32';
const USAGE_ARGS = process.env.BENCH_USAGE_CONCURRENCY ? ['--concurrency', process.env.BENCH_USAGE_CONCURRENCY] : [];
const bin = resolve(import.meta.dirname, '../bin/credyt.js');
// The CLI whose client side is measured (local serve always runs from this tree), e.g.
// BENCH_CLIENT_BIN=/path/to/older/checkout/bin/credyt.js to compare two clients on one server.
const clientBin = process.env.BENCH_CLIENT_BIN ? resolve(process.env.BENCH_CLIENT_BIN) : bin;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-pipeline-'));
const baseEnv = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') };
for (const k of ['CREDYT_PROFILE', 'CREDYT_BASE_URL', 'CREDYT_API_KEY', 'CREDYT_OUTPUT']) delete baseEnv[k];
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
// Node options for the CLI processes only, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
// Node options for local serve, e.g. BENCH_SERVE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const SERVE_NODE_ARGS = (process.env.BENCH_SERVE_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Runs credyt; answers exit code, stderr, wall seconds and peak RSS in MiB. */
function credyt(args, env, { input } = {}) {
  return new Promise((done, fail) => {
    const node = [process.execPath, ...NODE_ARGS, clientBin, ...args];
    const argv = GNU_TIME ? [GNU_TIME, '-v', ...node] : node;
    const started = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { env, stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { rss, cpu } = gnuTimeOf(stderr);
      done({ code, stderr, seconds, rss, cpu });
    });
    if (input) input.pipe(child.stdin);
  });
}

async function ok(args, env) {
  const r = await credyt(args, env);
  if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stderr}`);
  return r;
}

async function seed(env) {
  const product = join(dir, 'chat.json');
  const out = createWriteStream(product);
  out.end(JSON.stringify(CHAT_PRODUCT));
  await once(out, 'finish');
  await ok(['products', 'create', '--file', product, '--publish'], env);
  for (let i = 0; i < CUSTOMERS; i++) await ok(['customers', 'create', '--name', `Bench ${i}`, '--external-id', `c${i}`, '--product', 'chat_api'], env);
}

async function serveFor(env, db) {
  const { child, url, apiKey } = await startServe({ bin, env, db, nodeArgs: SERVE_NODE_ARGS });
  return { child, env: { ...env, CREDYT_BASE_URL: url, CREDYT_API_KEY: apiKey } };
}

const rows = [];
// The machine's speed when each case starts (bench/reference.mjs): lower is faster.
const reference = () => console.error(`  reference workload: ${referenceMs().toFixed(0)} ms`);
const report = (name, lines, r) => {
  const usPerLine = r.cpu !== undefined ? ((r.cpu * 1e6) / lines).toFixed(1) : 'n/a';
  rows.push(`| ${name} | ${lines.toLocaleString('en-US')} | ${r.seconds.toFixed(1)} | ${Math.round(lines / r.seconds).toLocaleString('en-US')} | ${usPerLine} | ${r.rss ? r.rss.toFixed(0) : 'n/a'} |`);
  console.error(rows.at(-1));
};

/**
 * The server's CPU per line while the client ran, and how busy its main thread was. Short
 * of 100 %, it waited: for requests, for a core (client, server and the kernel's writeback
 * share two), or in a checkpoint's fsync; `vmstat 1` beside the run tells which.
 */
function reportServer(lines, r, before, after) {
  const all = after.user + after.sys - before.user - before.sys;
  const main = after.main - before.main;
  console.error(
    `  local serve: ${((all * 1000) / lines).toFixed(1)} µs/line CPU, main thread ${((main * 1000) / lines).toFixed(1)} µs/line, ` +
      `busy ${((100 * main) / 1000 / r.seconds).toFixed(0)} % of the run`,
  );
}

const usageFile = join(dir, 'usage.ndjson');
const bytes = !cases.has('http') && !cases.has('embedded') ? 0 : await writeLines(usageFile, usageLines, usageLine(CUSTOMERS));
if (bytes) console.error(`usage file: ${usageLines.toLocaleString('en-US')} lines, ${(bytes / 2 ** 20).toFixed(0)} MiB, occurred_at: ${usageTimes()}`);

const topUpCsv = async () => {
  const csv = join(dir, 'top-ups.csv');
  if (!existsSync(csv)) {
    await writeLines(csv, topUpLines, (i) => `c${i % CUSTOMERS},${(i % 50) + 1}.25,USD,,,,,row ${i},`, 'customer,amount,currency,asset,rate,transaction_id,reason,description,expires_at');
  }
  return csv;
};

const usageArgs = ['usage', 'post', '--file', usageFile, ...USAGE_ARGS];
// BENCH_TOPUP_ARGS: more flags for the top-up runs, e.g. `--no-batch` (one request a line).
const TOP_UP_EXTRA = (process.env.BENCH_TOPUP_ARGS ?? '').split(' ').filter(Boolean);
const topUpArgs = (csv) => ['top-up', '--file', csv, '--yes', ...(TOP_UP_CONCURRENCY === 'default' ? [] : ['--concurrency', TOP_UP_CONCURRENCY]), ...TOP_UP_EXTRA];

/** One timed case: the reference workload, then the CLI; with `server`, local serve's CPU too. */
async function timedCase(name, lines, args, env, server) {
  reference();
  const before = server && processAndMainCpuMs(server.pid);
  const r = await ok(args, env);
  report(name, lines, r);
  if (server) reportServer(lines, r, before, processAndMainCpuMs(server.pid));
}

if (cases.has('http') || cases.has('topups')) {
  const server = await serveFor(baseEnv, join(dir, 'served.db'));
  try {
    await seed(server.env);
    if (cases.has('http')) await timedCase('usage post --file, HTTP (local serve)', usageLines, usageArgs, server.env, server.child);
    if (cases.has('topups')) await timedCase('top-up --file CSV, HTTP (local serve)', topUpLines, topUpArgs(await topUpCsv()), server.env, server.child);
  } finally {
    // Also when a case throws: a served child left behind would hold this script's stderr open.
    server.child.kill('SIGTERM');
    await once(server.child, 'close');
  }
}

if (cases.has('embedded') || cases.has('topups-embedded')) {
  const env = { ...baseEnv, CREDYT_DB: join(dir, 'embedded.db') };
  await seed(env);
  if (cases.has('embedded')) await timedCase('usage post --file, embedded', usageLines, usageArgs, env);
  if (cases.has('topups-embedded')) await timedCase('top-up --file CSV, embedded', topUpLines, topUpArgs(await topUpCsv()), env);
}

if (cases.has('rss')) {
  const { createServer } = await import('node:http');
  const { Readable } = await import('node:stream');
  // Answers each event of a batch `accepted`, reading only the ids out of the body.
  let requests = 0;
  const stub = createServer((req, res) => {
    requests++;
    let body = '';
    req.setEncoding('utf8').on('data', (d) => (body += d));
    req.on('end', () => {
      const ids = body.match(/"id":"[0-9a-f-]{36}"/g) ?? [];
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(`{"events":[${ids.map((id) => `{${id},"status":"accepted","fees":[]}`).join(',')}]}`);
    });
  });
  await new Promise((r) => stub.listen(0, '127.0.0.1', r));
  const env = { ...baseEnv, CREDYT_BASE_URL: `http://127.0.0.1:${stub.address().port}`, CREDYT_API_KEY: 'stub' };
  for (const n of rssLines) {
    requests = 0;
    const lines = async function* () {
      let chunk = '';
      for (let i = 0; i < n; i++) {
        chunk += `{"customer":"c${i % CUSTOMERS}","type":"response_completed","subject":"r${i}","data":{"input_tokens":${1000 + (i % 5000)},"output_tokens":${i % 700}}}\n`;
        if (chunk.length > 1 << 16) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    };
    reference();
    const r = await credyt(['usage', 'post', '--file', '-'], env, { input: Readable.from(lines()) });
    if (r.code !== 0) throw new Error(r.stderr);
    report('usage post --file - (stdin), client only, stub server', n, r);
    console.error(`  ${requests.toLocaleString('en-US')} requests, ${Math.round(n / requests)} events each on average`);
  }
  stub.close();
}

rmSync(dir, { recursive: true, force: true });
console.log(`node ${process.version}, ${new Date().toISOString()}, ${CUSTOMERS} customers, 2 fees per event`);
console.log('| case | lines | seconds | lines/s | client CPU µs/line | client peak RSS MiB |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
