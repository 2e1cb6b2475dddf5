#!/usr/bin/env node
// Slow clients against `credyt local serve`: N connections send headers with
// Content-Length: 100000 and then trickle one byte every 5 s (half keyed API uploads,
// half keyless portal-form uploads); meanwhile a keyed client sends GET /accounts/self and
// POST /customers one at a time. Prints the keyed requests' statuses and latencies, then
// how long the slow connections lasted (closed by the request timeout, or earlier by the
// per-address limit). The server runs in its own process with its default limits, except
// the request timeout (`--timeout`, default 10 s, to keep the run short).
// Usage: node bench/slow-clients.mjs [slow] [keyed] [timeoutMs]   default 300 50 10000; needs dist/.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (process.argv[2] === '--serve') {
  const { startServer } = await import('../dist/server/serve.js');
  const timeout = Number(process.argv[4]);
  const server = await startServer({
    dbPath: join(process.argv[3], 'slow.db'),
    connections: { requestTimeoutMs: timeout, headersTimeoutMs: Math.min(10_000, timeout) },
  });
  process.send({ url: server.url, key: server.apiKey });
} else {
  const slowCount = Number.parseInt(process.argv[2] ?? '300', 10);
  const keyedCount = Number.parseInt(process.argv[3] ?? '50', 10);
  const timeoutMs = Number.parseInt(process.argv[4] ?? '10000', 10);
  const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-slow-'));
  const child = fork(import.meta.filename, ['--serve', dir, String(timeoutMs)], { stdio: 'inherit' });
  try {
    const { url, key } = await new Promise((resolve, reject) => child.once('message', resolve).once('exit', reject));
    const { port } = new URL(url);
    const opened = performance.now();
    const slow = [];
    for (let i = 0; i < slowCount; i++) {
      const path = i % 2 ? '/customers' : '/portal/top-ups';
      const head =
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n` +
        (i % 2 ? `X-CREDYT-API-KEY: ${key}\r\n` : '') + '\r\n{';
      slow.push(
        new Promise((resolve) => {
          const socket = connect({ host: '127.0.0.1', port: Number(port) }, () => socket.write(head));
          let status = 'open';
          const timer = setInterval(() => socket.writable && socket.write(' '), 5_000);
          socket.on('data', (chunk) => (status = chunk.toString('latin1').split(' ')[1] ?? status));
          socket.on('error', () => {});
          socket.on('close', () => {
            clearInterval(timer);
            resolve({ status, ms: performance.now() - opened });
          });
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 1_000));
    const headers = { 'x-credyt-api-key': key, 'content-type': 'application/json' };
    const latencies = [];
    const statuses = new Map();
    for (let i = 0; i < keyedCount; i++) {
      const started = performance.now();
      const res = i % 2
        ? await fetch(`${url}/customers`, { method: 'POST', headers, body: JSON.stringify({ name: `Real ${i}` }) })
        : await fetch(`${url}/accounts/self`, { headers });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
    console.log(`node ${process.version}, ${new Date().toISOString()}, ${slowCount} slow uploads, request timeout ${timeoutMs} ms`);
    console.log(`keyed requests: ${keyedCount}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(`latency ms: p50 ${pct(0.5)}, p90 ${pct(0.9)}, max ${pct(1)}`);
    const closed = await Promise.all(slow);
    const byStatus = new Map();
    for (const c of closed) byStatus.set(c.status, [...(byStatus.get(c.status) ?? []), c.ms]);
    for (const [status, times] of byStatus) {
      console.log(`slow connections answered ${status}: ${times.length}, closed after ${(Math.min(...times) / 1000).toFixed(1)}–${(Math.max(...times) / 1000).toFixed(1)} s`);
    }
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
