import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { tempDir } from '../engine/fixture.js';

interface Slow {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

/** A connection that sends `head` at once, then one byte of `trickle` every `everyMs`. */
function slowClient(url: string, head: string, trickle = ' ', everyMs = 200): Promise<Slow> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let data = '';
    let timer: NodeJS.Timeout | undefined;
    const closed = new Promise<void>((done) =>
      socket.on('close', () => {
        clearInterval(timer);
        done();
      }),
    );
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', () => {});
    socket.once('connect', () => {
      socket.write(head);
      timer = setInterval(() => socket.writable && socket.write(trickle), everyMs);
      resolve({ socket, received: () => data, closed });
    });
    socket.once('error', reject);
  });
}

const upload = (path: string, key?: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n` +
  (key ? `X-CREDYT-API-KEY: ${key}\r\n` : '') +
  '\r\n{"name":"';

describe('slow clients', () => {
  let server: RunningServer | undefined;
  let cleanup = () => {};
  const slow: Slow[] = [];
  afterEach(async () => {
    for (const s of slow.splice(0)) s.socket.destroy();
    await server?.close();
    server = undefined;
    cleanup();
  });

  async function serve(connections: Record<string, number>) {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    server = await startServer({ dbPath: join(tmp.dir, 'slow.db'), connections });
    return server;
  }

  it('300 slow uploads hold no place of a keyed request, and the timeouts close them', async () => {
    const s = await serve({ headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, checkIntervalMs: 100 });
    // Keyed API uploads and keyless page uploads, as the trial sent them.
    for (let i = 0; i < 300; i++) {
      slow.push(await slowClient(s.url, upload(i % 2 ? '/customers' : '/portal/top-ups', i % 2 ? s.apiKey : undefined)));
    }
    await new Promise((r) => setTimeout(r, 300));
    const answer = await fetch(`${s.url}/accounts/self`, { headers: { 'X-CREDYT-API-KEY': s.apiKey } });
    expect(answer.status).toBe(200);
    const created = await fetch(`${s.url}/customers`, {
      method: 'POST',
      headers: { 'X-CREDYT-API-KEY': s.apiKey, 'content-type': 'application/json' },
      body: '{"name":"Real"}',
    });
    expect(created.status).toBe(201);

    await Promise.all(slow.map((c) => c.closed));
    // Each upload was cut by the request timeout, or closed earlier to keep this address
    // within its 256 connections (the 44 waiting longest), always with a problem body.
    const timedOut = slow.filter((c) => /^HTTP\/1\.1 408 Request Timeout\r\n[^]*"code":"request_timeout"/.test(c.received()));
    const evicted = slow.filter((c) => /^HTTP\/1\.1 503 [^]*"code":"too_many_connections"/.test(c.received()));
    const other = slow.filter((c) => !timedOut.includes(c) && !evicted.includes(c)).map((c) => c.received());
    expect(other).toEqual([]);
    expect(evicted.length).toBeLessThanOrEqual(44 + 2);
    for (const c of slow) expect(c.received()).toContain('Content-Type: application/json');
  }, 60_000);

  it('closes a connection that never finishes its headers', async () => {
    const s = await serve({ headersTimeoutMs: 500, requestTimeoutMs: 1_000, checkIntervalMs: 100 });
    const c = await slowClient(s.url, 'GET /accounts/self HTTP/1.1\r\nHost: x\r\n', 'X');
    slow.push(c);
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 [^]*"code":"request_timeout"/);
  });

  it('keeps at most N connections per address, closing the one waiting longest', async () => {
    const s = await serve({ maxConnectionsPerPeer: 20 });
    for (let i = 0; i < 60; i++) slow.push(await slowClient(s.url, upload('/customers', s.apiKey), ' ', 1_000));
    await Promise.all(slow.slice(0, 40).map((c) => c.closed));
    await new Promise((r) => setTimeout(r, 200));
    const open = slow.filter((c) => !c.socket.destroyed && c.socket.readyState === 'open');
    expect(open.length).toBeLessThanOrEqual(20);
    expect(slow[0].received()).toMatch(/^HTTP\/1\.1 503 [^]*"code":"too_many_connections"/);
    const answer = await fetch(`${s.url}/accounts/self`, { headers: { 'X-CREDYT-API-KEY': s.apiKey } });
    expect(answer.status).toBe(200);
  });

  it('answers headers and URLs over 16 KiB with a problem body', async () => {
    const s = await serve({});
    const long = await fetch(`${s.url}/customers?external_id=${'x'.repeat(20_000)}`, { headers: { 'X-CREDYT-API-KEY': s.apiKey } });
    expect(long.status).toBe(431);
    expect(long.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await long.json()) as { code: string }).code).toBe('headers_too_large');
    const big = await fetch(`${s.url}/accounts/self`, { headers: { 'X-CREDYT-API-KEY': s.apiKey, 'X-Pad': 'y'.repeat(20_000) } });
    expect(big.status).toBe(431);
    expect(((await big.json()) as { status: number }).status).toBe(431);
    const ok = await fetch(`${s.url}/accounts/self`, { headers: { 'X-CREDYT-API-KEY': s.apiKey } });
    expect(ok.status).toBe(200);
  });
});
