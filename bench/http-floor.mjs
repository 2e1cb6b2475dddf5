#!/usr/bin/env node
// What one small request costs a Node HTTP server on this machine, before any engine work:
// the floor under every top-up line of `credyt top-up --file` (one request per line: the
// API has no batch of adjustments). Server CPU per request (its main thread, from /proc)
// while undici sends pipelined GETs (10 per connection, 32 in flight), for:
//   node:http        a bare `http.createServer` answering a small JSON
//   fastify          bare fastify, one route answering the same
//   serve 404        `credyt local serve`'s app (every hook: key, in-flight bound, group
//                    commit) answering an unknown path: a problem document
//   serve customer   the same app answering GET /customers/{id} (one engine read)
// Usage: node bench/http-floor.mjs [requests] [runs] [servers]   default 20000 2, all four
//   (servers: a comma list of the names above); needs dist/ (npm run build).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processCpuMs } from './serve.mjs';

const BODY = JSON.stringify({ id: 'cust_01jd7n2m5xq8v6r3k9t4w0y2zc', name: 'Bench', external_id: 'c0' });

/** In the child: starts one kind of server, sends back its port (and a key and a path). */
async function serveKind(kind, dir) {
  if (kind === 'node:http') {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) }).end(BODY));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: server.address().port, path: '/x' };
  }
  if (kind === 'fastify') {
    const { default: fastify } = await import('fastify');
    const app = fastify();
    app.get('/x', (_request, reply) => reply.type('application/json').send(BODY));
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: app.server.address().port, path: '/x' };
  }
  const { openLocalApp } = await import('../dist/server/local-app.js');
  const local = openLocalApp({ dbPath: join(dir, 'floor.db'), requireApiKey: true, maxInFlight: 256 });
  const key = local.engine.createApiKey();
  const customer = local.engine.createCustomer({ name: 'Bench', external_id: 'c0' }).id;
  await local.app.listen({ port: 0, host: '127.0.0.1' });
  return { port: local.app.server.address().port, key, path: kind === 'serve 404' ? '/nope' : `/customers/${customer}` };
}

if (process.argv[2] === '--serve') {
  process.send(await serveKind(process.argv[3], process.argv[4]));
} else {
  const { Pool } = await import('undici');
  const requests = Number.parseInt(process.argv[2] ?? '20000', 10);
  const runs = Number.parseInt(process.argv[3] ?? '2', 10);
  const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-http-floor-'));
  console.log(`requests per run: ${requests}, node ${process.version}, ${new Date().toISOString()}`);
  console.log('| server | run | requests/s | server CPU ms/request (main thread) |');
  console.log('|---|---:|---:|---:|');
  try {
    const kinds = process.argv[4]?.split(',') ?? ['node:http', 'fastify', 'serve 404', 'serve customer'];
    for (const kind of kinds) {
      const child = fork(import.meta.filename, ['--serve', kind, join(dir, kind.replace(/\W/g, '-'))], { stdio: 'inherit' });
      try {
        const { port, key, path } = await new Promise((resolve, reject) => child.once('message', resolve).once('exit', reject));
        const pool = new Pool(`http://127.0.0.1:${port}`, { pipelining: 10 });
        const headers = key ? { 'x-credyt-api-key': key } : {};
        const send = async (n) => {
          let sent = 0;
          const worker = async () => {
            while (sent < n) {
              sent++;
              const res = await pool.request({ method: 'GET', path, headers });
              await res.body.dump();
            }
          };
          await Promise.all(Array.from({ length: 32 }, worker));
        };
        await send(2000); // warm-up
        for (let r = 1; r <= runs; r++) {
          const before = processCpuMs(child.pid, child.pid);
          const started = performance.now();
          await send(requests);
          const seconds = (performance.now() - started) / 1000;
          const after = processCpuMs(child.pid, child.pid);
          const ms = (after.user + after.sys - before.user - before.sys) / requests;
          console.log(`| ${kind} | ${r} | ${Math.round(requests / seconds)} | ${ms.toFixed(3)} |`);
        }
        await pool.close();
      } finally {
        child.kill();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
