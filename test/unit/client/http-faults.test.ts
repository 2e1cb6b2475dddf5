import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredytClient } from '../../../src/client/client.js';
import { createHttpTransport, type AttemptInfo, type HttpTransport } from '../../../src/client/http-transport.js';
import { ApiError, ExitCode, NetworkError } from '../../../src/errors.js';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
const TLS_DIR = resolve(import.meta.dirname, '../../fixtures/tls');

/** A real server on 127.0.0.1 that misbehaves as each test asks (https: with a self-signed certificate). */
async function serve(handler: Handler, tls = false): Promise<{ server: Server; url: string; hits: () => number }> {
  let n = 0;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    n += 1;
    handler(req, res, n);
  };
  const server: Server = tls
    ? createTlsServer({ key: readFileSync(resolve(TLS_DIR, 'self-signed.key')), cert: readFileSync(resolve(TLS_DIR, 'self-signed.crt')) }, listener)
    : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`, hits: () => n };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function closeServer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

function json(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

/**
 * The transport sends a one-shot command's attempts over node:http and a bulk run's
 * through undici's pool: every failure must read and exit the same on both.
 */
const PATHS = [
  ['node:http', {}],
  ["undici's pool", { bulk: true }],
] as const;

describe.each(PATHS)('HTTP transport over %s against a misbehaving server', (_path, pathOptions) => {
  function clientFor(baseUrl: string, timeoutMs = 2_000, maxRetries = 3) {
    const sleeps: number[] = [];
    const attempts: AttemptInfo[] = [];
    const transport: HttpTransport = createHttpTransport({
      baseUrl,
      timeoutMs,
      maxRetries,
      hasApiKey: true,
      ...pathOptions,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      onAttempt: (info) => attempts.push(info),
    });
    cleanups.push(() => transport.close());
    const client = new CredytClient({ transport, apiKey: 'key_local_abcdefghijkl', userAgent: 'credyt/test node/test' });
    return { client, transport, sleeps, attempts };
  }

  it('sends the method, path, headers and exact body, and reads the answer', async () => {
    const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
    const { server, url } = await serve((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(201, [['Content-Type', 'application/json'], ['X-Twice', 'a'], ['X-Twice', 'b']]);
        res.end('{"id":"adj_1","note":"é"}');
      });
    });
    cleanups.push(closeServer(server));
    const { transport } = clientFor(`${url}/v1`);
    const res = await transport.request({ method: 'POST', path: '/customers/c%2F1/wallet/adjustments', body: '{"amount":1.50,"reason":"é"}', headers: { 'X-CREDYT-API-KEY': 'key_local_abcdefghijkl', 'Content-Type': 'application/json' } });
    expect(res).toEqual({ status: 201, headers: expect.objectContaining({ 'content-type': 'application/json', 'x-twice': 'a, b' }), body: '{"id":"adj_1","note":"é"}', url: `${url}/v1/customers/c%2F1/wallet/adjustments` });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/customers/c%2F1/wallet/adjustments', body: '{"amount":1.50,"reason":"é"}' });
    expect(seen[0]!.headers).toMatchObject({ 'x-credyt-api-key': 'key_local_abcdefghijkl', 'content-type': 'application/json', 'content-length': '29' });
    expect(seen[0]!.headers['transfer-encoding']).toBeUndefined();
  });

  it('retries after the socket is destroyed mid-response', async () => {
    const { server, url, hits } = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"code":"TO');
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      json(res, 200, '{"code":"TOK","precision":0}');
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
    // A reset, or a close seen first: which one arrives first is up to the kernel.
    expect(err.message).toMatch(new RegExp(`^Connection to ${url} was closed during POST ${url}/top-ups \\((ECONNRESET|UND_ERR_SOCKET)\\)$`));
    expect(err.hint).toContain('may or may not have been applied');
    expect(hits()).toBe(1);
  });

  it('names a connection closed before the answer as undici does', async () => {
    const { server, url, hits } = await serve((req) => {
      req.resume().on('end', () => req.socket.end());
    });
    cleanups.push(closeServer(server));
    const { client, attempts } = clientFor(url, 2_000, 1);
    const err = (await client.getSelf().catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe(`Connection to ${url} was closed during GET ${url}/accounts/self (UND_ERR_SOCKET) (after 2 attempts)`);
    expect(err.hint).toBeUndefined();
    expect(attempts.map((a) => a.error)).toEqual(['UND_ERR_SOCKET', 'UND_ERR_SOCKET']);
    expect(hits()).toBe(2);
  });

  it('times out a server that never answers: exit 8', async () => {
    const { server, url, hits } = await serve(() => {
      // Never answers.
    });
    cleanups.push(closeServer(server));
    const { client, attempts } = clientFor(url, 150, 1);
    const started = Date.now();
    const err = (await client.getWallet('cust_1').catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(ExitCode.Network);
    expect(err.message).toBe(`Timed out after 0.15s waiting for GET ${url}/customers/cust_1/wallet (after 2 attempts)`);
    expect(hits()).toBe(2);
    expect(attempts.map((a) => a.error)).toEqual(['ATTEMPT_TIMEOUT', 'ATTEMPT_TIMEOUT']);
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

  it('reads a slow body that keeps coming within the limit', async () => {
    const { server, url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const parts = ['{"id":', '"acc_1",', '"live_mode":', 'false}'];
      const next = () => {
        const part = parts.shift();
        if (part === undefined) res.end();
        else {
          res.write(part);
          setTimeout(next, 20);
        }
      };
      next();
    });
    cleanups.push(closeServer(server));
    const { client } = clientFor(url, 2_000, 0);
    expect(await client.getSelf()).toEqual({ id: 'acc_1', live_mode: false });
  });

  it('reports a refused connection as exit 8, after retrying', async () => {
    const { server, url } = await serve(() => undefined);
    await closeServer(server)();
    const { client, sleeps } = clientFor(url, 2_000, 2);
    const err = (await client.getSelf().catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(ExitCode.Network);
    expect(err.message).toBe(`Could not connect to ${url} (ECONNREFUSED) (after 3 attempts)`);
    expect(err.hint).toBe('is the server running? (`credyt local serve` starts a local one)');
    expect(sleeps).toHaveLength(2);
  });

  it('retries a 429 after its Retry-After and a 503 with backoff, then succeeds', async () => {
    const { server, url, hits } = await serve((_req, res, n) => {
      if (n === 1) json(res, 429, '{"title":"Too Many Requests"}', { 'retry-after': '2' });
      else if (n === 2) json(res, 503, '{"title":"Service Unavailable"}');
      else json(res, 200, '{"code":"TOK","precision":0}');
    });
    cleanups.push(closeServer(server));
    const { client, sleeps, attempts } = clientFor(url);
    expect((await client.getAsset('TOK')).code).toBe('TOK');
    expect(hits()).toBe(3);
    expect(sleeps).toEqual([2000, 250]);
    expect(attempts.map((a) => [a.attempt, a.status, a.retryInMs])).toEqual([
      [1, 429, 2000],
      [2, 503, 250],
      [3, 200, undefined],
    ]);
  });

  it('gives up after the retries: 429 → exit 6, 5xx → exit 7', async () => {
    const { server, url, hits } = await serve((req, res) => {
      if (req.url === '/assets/TOK') json(res, 429, '{"title":"Too Many Requests","detail":"slow down"}');
      else json(res, 500, '{"title":"Internal Server Error"}');
    });
    cleanups.push(closeServer(server));
    const { client } = clientFor(url, 2_000, 2);
    const throttled = (await client.getAsset('TOK').catch((e: unknown) => e)) as ApiError;
    expect(throttled).toBeInstanceOf(ApiError);
    expect(throttled.exitCode).toBe(ExitCode.RateLimited);
    const broken = (await client.getSelf().catch((e: unknown) => e)) as ApiError;
    expect(broken).toBeInstanceOf(ApiError);
    expect(broken.exitCode).toBe(ExitCode.Server);
    expect(hits()).toBe(6);
  });

  it('refuses a certificate it cannot verify: exit 8, not retried', async () => {
    const { server, url, hits } = await serve((_req, res) => json(res, 200, '{}'), true);
    cleanups.push(closeServer(server));
    const { client, attempts } = clientFor(url);
    const err = (await client.getSelf().catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(ExitCode.Network);
    expect(err.message).toBe(`TLS connection to ${url} failed (DEPTH_ZERO_SELF_SIGNED_CERT)`);
    expect(err.hint).toBe('check the base URL and the system clock');
    expect(attempts).toHaveLength(1);
    expect(hits()).toBe(0);
  });

  it('reports https to a plain-http server as a TLS failure', async () => {
    const { server, url } = await serve((_req, res) => json(res, 200, '{}'));
    cleanups.push(closeServer(server));
    const httpsUrl = url.replace('http:', 'https:');
    const { client } = clientFor(httpsUrl);
    const err = (await client.getSelf().catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(ExitCode.Network);
    expect(err.message).toMatch(new RegExp(`^TLS connection to ${httpsUrl} failed \\(ERR_SSL_[A-Z_]+\\)$`));
  });

  it('reaches an IPv6 loopback address, with its Host header in brackets', async (ctx) => {
    const server = createServer((req, res) => json(res, 200, JSON.stringify({ host: req.headers.host })));
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(0, '::1', () => resolve(true));
    });
    if (!listening) ctx.skip();
    cleanups.push(closeServer(server));
    const url = `http://[::1]:${(server.address() as AddressInfo).port}`;
    const { transport } = clientFor(url);
    const res = await transport.request({ method: 'GET', path: '/accounts/self' });
    expect(JSON.parse(res.body)).toEqual({ host: url.slice('http://'.length) });
  });

  it('reuses keep-alive connections for consecutive requests', async () => {
    const ports = new Set<number>();
    const { server, url } = await serve((req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      json(res, 200, '{"accounts":[]}');
    });
    cleanups.push(closeServer(server));
    const { client } = clientFor(url);
    for (let i = 0; i < 6; i++) await client.getWallet('cust_1');
    // undici's Pool may open a second connection while the first finishes; never one each.
    expect(ports.size).toBeLessThanOrEqual(2);
  });
});

describe('HTTP transport: one-shot commands over node:http, bulk runs through the pool', () => {
  /** A transport to a server that says which client sent each request: node:http names its Host header in capitals, undici in lower case. */
  async function watched() {
    const { server, url } = await serve((req, res) => json(res, 200, JSON.stringify({ via: req.rawHeaders.includes('Host') ? 'node:http' : 'undici' })));
    cleanups.push(closeServer(server));
    const transport = createHttpTransport({ baseUrl: url, hasApiKey: true });
    cleanups.push(() => transport.close());
    const via = async (n: number) => {
      const answers = await Promise.all(Array.from({ length: n }, () => transport.request({ method: 'GET', path: '/customers/cust_1/wallet', retryable: true })));
      return answers.map((a) => (JSON.parse(a.body) as { via: string }).via);
    };
    return { transport, via };
  }

  it('keeps a one-shot command on node:http however many requests it sends, one or several at once', async () => {
    const { via } = await watched();
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) seen.push(...(await via(1)));
    seen.push(...(await via(8)));
    expect(seen).toEqual(Array<string>(20).fill('node:http'));
  });

  it('sends a bulk run through the pool from its first request once told', async () => {
    const { transport, via } = await watched();
    transport.expectMany();
    expect(await via(1)).toEqual(['undici']);
    expect(await via(3)).toEqual(['undici', 'undici', 'undici']);
  });

  it('moves to the pool when told after a lookup over node:http', async () => {
    const { transport, via } = await watched();
    expect(await via(1)).toEqual(['node:http']);
    transport.expectMany();
    expect(await via(2)).toEqual(['undici', 'undici']);
  });
});
