import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CredytClient } from '../../../src/client/client.js';
import { createHttpTransport, type HttpTransport } from '../../../src/client/http-transport.js';
import { ExitCode, NetworkError } from '../../../src/errors.js';

/** A real server on 127.0.0.1 that misbehaves as each test asks. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<{ server: Server; url: string; hits: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    n += 1;
    handler(req, res, n);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, hits: () => n };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function clientFor(baseUrl: string, timeoutMs = 2_000, maxRetries = 3): { client: CredytClient; transport: HttpTransport; sleeps: number[] } {
  const sleeps: number[] = [];
  const transport = createHttpTransport({
    baseUrl,
    timeoutMs,
    maxRetries,
    hasApiKey: true,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  cleanups.push(() => transport.close());
  return { client: new CredytClient({ transport, apiKey: 'key_local_abcdefghijkl' }), transport, sleeps };
}

function closeServer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

describe('HTTP transport against a misbehaving server', () => {
  it('retries after the socket is destroyed mid-response', async () => {
    const { server, url, hits } = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"code":"TO');
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"code":"TOK","precision":0}');
    });
    cleanups.push(closeServer(server));
    const { client, sleeps } = clientFor(url);
    const asset = await client.getAsset('TOK');
    expect(asset.code).toBe('TOK');
    expect(hits()).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('does not retry a non-idempotent POST whose connection broke, and says it may have applied', async () => {
    const { server, url, hits } = await serve((req) => {
      req.socket.destroy();
    });
    cleanups.push(closeServer(server));
    const { client } = clientFor(url);
    const err = (await client.requestJson('POST', '/top-ups', { amount: 1 }).catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(ExitCode.Network);
    expect(err.message).toMatch(new RegExp(`^Connection to ${url} was closed during POST ${url}/top-ups \\(`));
    expect(err.hint).toContain('may or may not have been applied');
    expect(hits()).toBe(1);
  });

  it('times out a server that never answers: exit 8', async () => {
    const { server, url, hits } = await serve(() => {
      // Never answers.
    });
    cleanups.push(closeServer(server));
    const { client } = clientFor(url, 150, 1);
    const started = Date.now();
    const err = (await client.getWallet('cust_1').catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(ExitCode.Network);
    expect(err.message).toBe(`Timed out after 0.15s waiting for GET ${url}/customers/cust_1/wallet (after 2 attempts)`);
    expect(hits()).toBe(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('times out a body that stalls after the headers', async () => {
    const { server, url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    });
    cleanups.push(closeServer(server));
    const { client } = clientFor(url, 150, 0);
    const err = (await client.getSelf().catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe(`Timed out after 0.15s waiting for GET ${url}/accounts/self`);
  });

  it('reports a refused connection as exit 8, after retrying', async () => {
    const { server, url } = await serve(() => undefined);
    await closeServer(server)();
    const { client, sleeps } = clientFor(url, 2_000, 2);
    const err = (await client.getSelf().catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(ExitCode.Network);
    expect(err.message).toBe(`Could not connect to ${url} (ECONNREFUSED) (after 3 attempts)`);
    expect(sleeps).toHaveLength(2);
  });

  it('reuses keep-alive connections for consecutive requests', async () => {
    const ports = new Set<number>();
    const { server, url } = await serve((req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"accounts":[]}');
    });
    cleanups.push(closeServer(server));
    const { client } = clientFor(url);
    for (let i = 0; i < 6; i++) await client.getWallet('cust_1');
    // undici's Pool may open a second connection while the first finishes; never one each.
    expect(ports.size).toBeLessThanOrEqual(2);
  });
});
