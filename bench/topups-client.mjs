#!/usr/bin/env node
// The bulk top-up client's CPU per line alone: `credyt top-up --file --yes` against a stub
// HTTP server on loopback that answers every adjustment at once with an answer shaped like
// local serve's (so the run is the client's own speed, and its CPU is not drowned in the
// engine's noise). CPU from GNU time (user + sys, start-up included), several runs.
// Usage: node bench/topups-client.mjs [lines] [concurrency] [customers] [runs]
//   default 100000 32 100 3; BENCH_BIN=path/to/bin/credyt.js runs another build,
//   BENCH_CLIENT_PROFILE=dir passes --cpu-prof to the client. Needs dist/ and /usr/bin/time.
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { timedClient, topUpBenchSetup, writeTopUpCsv } from './topups-setup.mjs';

const { lines, concurrency, customers, runs, bin, dir, env } = topUpBenchSetup({ lines: 100000, runs: 3, dirPrefix: 'credyt-bench-topup-client-' });

let requests = 0;
const stub = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8').on('data', (d) => (body += d));
  req.on('end', () => {
    const headers = { 'content-type': 'application/json; charset=utf-8', 'keep-alive': 'timeout=72' };
    const customer = /^\/customers\?external_id=([^&]+)/.exec(req.url ?? '');
    if (req.method === 'GET' && customer) {
      const ref = decodeURIComponent(customer[1]);
      const answer = `{"id":"cust_${ref.padStart(26, '0')}","external_id":"${ref}","name":"B","email":null,"created_at":"2026-11-24T12:18:14.347Z","external_accounts":[],"subscriptions":[],"metadata":{}}`;
      res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(answer) }).end(answer);
      return;
    }
    const adjustment = /^\/customers\/([^/]+)\/wallet\/adjustments$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !adjustment) {
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404,"title":"Not Found"}');
      return;
    }
    requests++;
    const sent = JSON.parse(body);
    const answer =
      `{"id":"${sent.transaction_id}","transaction_id":"${sent.transaction_id}","customer_id":"${adjustment[1]}","account_id":"default:${sent.asset}","asset":"${sent.asset}",` +
      `"amount":${sent.amount},"reason":"${sent.reason}","description":${JSON.stringify(sent.description ?? null)},"expires_at":null,"metadata":{},"created_at":"${new Date().toISOString()}"}`;
    // With its length, as local serve (fastify) sends it: not chunked.
    res.writeHead(201, { ...headers, 'content-length': Buffer.byteLength(answer) }).end(answer);
  });
});
stub.keepAliveTimeout = 72_000;

await new Promise((r) => stub.listen(0, '127.0.0.1', r));
try {
  const clientEnv = { ...env, CREDYT_BASE_URL: `http://127.0.0.1:${stub.address().port}`, CREDYT_API_KEY: 'stub' };
  for (let r = 0; r < runs; r++) {
    const csv = join(dir, `top-ups-${r}.csv`);
    await writeTopUpCsv(csv, lines, customers, r);
    const load = loadavg()[0];
    requests = 0;
    const c = await timedClient(bin, ['top-up', '--file', csv, '--yes', '--concurrency', concurrency], clientEnv);
    if (requests !== lines) throw new Error(`${requests} adjustments for ${lines} lines`);
    console.log(
      `lines ${lines} conc ${concurrency} customers ${customers}: ${Math.round(lines / c.seconds)} lines/s (${c.seconds.toFixed(2)} s), ` +
        `client ${((c.user + c.sys) / lines).toFixed(4)} ms/line (user ${(c.user / lines).toFixed(4)}, sys ${(c.sys / lines).toFixed(4)}), peak RSS ${c.rssMiB.toFixed(0)} MiB, load ${load.toFixed(2)}`,
    );
  }
} finally {
  stub.close();
  stub.closeAllConnections?.();
  rmSync(dir, { recursive: true, force: true });
}
