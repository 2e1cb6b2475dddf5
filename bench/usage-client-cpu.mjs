#!/usr/bin/env node
// The client's side of `credyt usage post --file` alone: CPU µs per line of two (or more)
// built trees, runs interleaved, against a stand-in server on 127.0.0.1 that answers every
// `POST /events` at once with the minimal answer `credyt local serve` gives for
// `Prefer: return=minimal` (src/server/answers.ts): each event's id, "accepted", billed.
// The server stores nothing, so its cost is next to none and the client's CPU (GNU time:
// user + sys, start-up included) is what changes from tree to tree.
// Usage: node bench/usage-client-cpu.mjs [lines] [rounds] base=/path/to/tree cli=/path/to/tree
//   BENCH_FORMAT=csv sends the same lines as CSV; BENCH_CUSTOMERS=1 (default 100) gives
//   batches of 1,000 events; BENCH_USAGE_TIMES=none leaves occurred_at
//   out (bench/usage-lines.mjs); BENCH_NODE_ARGS goes to the client's node.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { usageLine, usageTimes, writeLines } from './usage-lines.mjs';
import { gnuTimeOf } from './gnu-time.mjs';

const lines = Number.parseInt(process.argv[2] ?? '200000', 10);
const rounds = Number.parseInt(process.argv[3] ?? '3', 10);
const trees = process.argv.slice(4).map((arg) => {
  const [name, path] = arg.split('=');
  return { name, root: resolve(path) };
});
if (trees.length === 0) trees.push({ name: 'this', root: resolve(import.meta.dirname, '..') });
const CUSTOMERS = Number.parseInt(process.env.BENCH_CUSTOMERS ?? '100', 10);
const FORMAT = process.env.BENCH_FORMAT ?? 'ndjson';
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-client-'));
const env = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_API_KEY: 'key_bench' };
for (const k of ['CREDYT_PROFILE', 'CREDYT_OUTPUT', 'CREDYT_DB']) delete env[k];

/** The ids of a request's events, in order, without parsing the body: each event starts `{"id":"`. */
function idsOf(body) {
  const ids = [];
  for (let at = body.indexOf('{"id":"'); at !== -1; at = body.indexOf('{"id":"', at + 44)) ids.push(body.slice(at + 7, at + 43));
  return ids;
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/events') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404,"title":"Not Found"}');
      return;
    }
    const ids = idsOf(Buffer.concat(chunks).toString('utf8'));
    const text = `{"events":[${ids.map((id) => `{"id":"${id}","status":"accepted","billed":true}`).join(',')}]}`;
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'preference-applied': 'return=minimal' }).end(text);
  });
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${server.address().port}`;

function client(tree, file) {
  return new Promise((done, fail) => {
    const args = ['-v', process.execPath, ...NODE_ARGS, join(tree.root, 'bin/credyt.js'), 'usage', 'post', '--file', file, '--format', FORMAT];
    const child = spawn('/usr/bin/time', args, { env: { ...env, CREDYT_BASE_URL: url }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`usage post → ${code}\n${stderr}`));
      const { user, sys, rss } = gnuTimeOf(stderr);
      done({ user: (user * 1e6) / lines, sys: (sys * 1e6) / lines, cpu: ((user + sys) * 1e6) / lines, rss });
    });
  });
}

/** The benchmark's usage lines as CSV: the same fields, `data.<key>` columns. */
function csvLine(i) {
  const v = JSON.parse(usageLine(CUSTOMERS)(i));
  return [v.customer, v.type, v.occurred_at ?? '', v.subject, v.data.input_tokens, v.data.output_tokens].join(',');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const file = join(dir, FORMAT === 'csv' ? 'usage.csv' : 'usage.ndjson');
if (FORMAT === 'csv') await writeLines(file, lines, csvLine, 'customer,type,occurred_at,subject,data.input_tokens,data.output_tokens');
else await writeLines(file, lines, usageLine(CUSTOMERS));
const results = new Map(trees.map((t) => [t.name, []]));
console.log(`${lines.toLocaleString('en-US')} lines (${FORMAT}), ${CUSTOMERS} customers, occurred_at: ${usageTimes()}, stand-in server, node ${process.version}, ${new Date().toISOString()}`);
console.log('| round | tree | load | client CPU µs/line | user | sys | peak RSS MiB |');
console.log('|---:|---|---:|---:|---:|---:|---:|');
try {
  for (let round = 0; round < rounds; round++) {
    // Alternate which tree goes first, so neither always runs on the warmer machine.
    const order = round % 2 === 0 ? trees : [...trees].reverse();
    for (const tree of order) {
      const load = loadavg()[0].toFixed(1);
      const r = await client(tree, file);
      results.get(tree.name).push(r);
      console.log(`| ${round + 1} | ${tree.name} | ${load} | ${r.cpu.toFixed(2)} | ${r.user.toFixed(2)} | ${r.sys.toFixed(2)} | ${r.rss.toFixed(0)} |`);
    }
  }
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
const first = results.get(trees[0].name);
console.log('\n| tree | client CPU µs/line (median) | ratio | difference µs |');
console.log('|---|---:|---:|---:|');
for (const [name, rs] of results) {
  const cpu = median(rs.map((r) => r.cpu));
  const base = median(first.map((r) => r.cpu));
  console.log(`| ${name} | ${cpu.toFixed(2)} | ${(cpu / base).toFixed(2)} | ${(cpu - base).toFixed(2)} |`);
}
