import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../../src/client/http-transport.js';
import { LoopbackHttp1 } from '../../../src/client/loopback-http1.js';

/**
 * The lean pipelined path of the HTTP transport (idempotent requests to plain http on
 * loopback), against a raw TCP server that writes answers byte for byte as each test asks:
 * framing (length, chunked, until close), answers split anywhere, several in one write,
 * a server that closes, and the transport's retries on top.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

interface RawServer {
  server: TcpServer;
  port: number;
  /** Requests received, as `METHOD path body`. */
  requests: string[];
}

/** Answers each request with `answer(n, request)`; the text may hold several answers or none. */
async function rawServer(answer: (n: number, request: string, socket: Socket) => string | undefined): Promise<RawServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.slice(0, end);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        const body = pending.slice(end + 4, end + 4 + length);
        pending = pending.slice(end + 4 + length);
        const [method, path] = head.split(' ');
        requests.push(`${method} ${path} ${body}`);
        const text = answer(requests.length, head, socket);
        if (text !== undefined) socket.write(text, 'latin1');
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return { server, port: (server.address() as AddressInfo).port, requests };
}

function ok(body: string, extra = ''): string {
  return `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${extra}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function pool(port: number, depth = 10): LoopbackHttp1 {
  const p = new LoopbackHttp1({ hostname: '127.0.0.1', port, host: `127.0.0.1:${port}`, depth, connectTimeoutMs: 2_000, idleMs: 10_000 });
  cleanups.push(() => p.close());
  return p;
}

function send(p: LoopbackHttp1, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string>; body: string }>((resolve, reject) => {
    p.request(method, path, headers, body, (error, status, h, b) => (error ? reject(error) : resolve({ status, headers: h, body: b })));
  });
}

describe('LoopbackHttp1', () => {
  it('pipelines requests on one connection and answers each its own, in order', async () => {
    const s = await rawServer((n) => ok(`{"n":${n}}`));
    const p = pool(s.port);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => send(p, 'POST', `/things/${i}`, `{"i":${i}}`, { 'X-Key': 'k' })));
    expect(answers.map((a) => a.body)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}', '{"n":5}']);
    expect(s.requests).toEqual([1, 2, 3, 4, 5].map((i) => `POST /things/${i} {"i":${i}}`));
    expect(answers[0]!.headers['content-type']).toBe('application/json');
  });

  it('reads answers split anywhere and several in one write: length, chunked, 204, repeated headers', async () => {
    let socket: Socket | undefined;
    const s = await rawServer((n, _req, sock) => {
      socket = sock;
      if (n < 4) return undefined;
      const chunked = 'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\nx-a: 2\r\n\r\n5;ext=1\r\n{"a":\r\n5\r\n"é"}\r\n0\r\ntrailer: x\r\n\r\n';
      const all = ok('{"first":true}') + chunked + 'HTTP/1.1 204 No Content\r\n\r\n' + ok('{"last":"ü"}');
      // Byte by byte: every boundary falls somewhere.
      const bytes = Buffer.from(all, 'utf8');
      for (let i = 0; i < bytes.length; i += 7) sock.write(bytes.subarray(i, i + 7));
      return undefined;
    });
    const p = pool(s.port);
    const answers = await Promise.all([1, 2, 3, 4].map((i) => send(p, 'GET', `/x/${i}`)));
    expect(socket).toBeDefined();
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [200, '{"first":true}'],
      [201, '{"a":"é"}'],
      [204, ''],
      [200, '{"last":"ü"}'],
    ]);
    expect(answers[1]!.headers['x-a']).toBe('1, 2');
  });

  it('reads an answer without a length until the connection closes', async () => {
    const s = await rawServer((_n, _req, sock) => {
      sock.end('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n{"until":"close"}');
      return undefined;
    });
    const answer = await send(pool(s.port), 'GET', '/x');
    expect(answer.body).toBe('{"until":"close"}');
  });

  it('sends the requests after a `connection: close` answer again on a new connection', async () => {
    const s = await rawServer((n, _req, sock) => {
      if (n === 1) {
        sock.end(ok('{"n":1}', 'connection: close\r\n'));
        return undefined;
      }
      // n === 2: the second request, read from the closing connection, is never answered there.
      return n === 2 ? undefined : ok(`{"n":${n}}`);
    });
    const p = pool(s.port);
    const answers = await Promise.all([send(p, 'GET', '/1'), send(p, 'GET', '/2')]);
    expect(answers.map((a) => a.body)).toEqual(['{"n":1}', '{"n":3}']);
    expect(s.requests).toEqual(['GET /1 ', 'GET /2 ', 'GET /2 ']);
  });

  it('fails the requests on a connection the server closed without answering with a transient error, and opens a new one after', async () => {
    const s = await rawServer((n, _req, sock) => {
      if (n === 1) {
        sock.destroy();
        return undefined;
      }
      return ok(`{"n":${n}}`);
    });
    const p = pool(s.port);
    await expect(send(p, 'GET', '/1')).rejects.toMatchObject({ code: expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET)$/) });
    expect((await send(p, 'GET', '/2')).body).toBe('{"n":2}');
  });

  it('refuses a header value that would split the head', async () => {
    const s = await rawServer(() => ok('{}'));
    await expect(send(pool(s.port), 'GET', '/x', undefined, { 'X-Key': 'a\r\nInjected: 1' })).rejects.toMatchObject({ code: 'UND_ERR_INVALID_ARG' });
    expect(s.requests).toEqual([]);
  });

  it('opens another connection when one holds `depth` requests', async () => {
    const ports = new Set<number>();
    const s = await rawServer((_n, _req, sock) => {
      ports.add(sock.remotePort ?? 0);
      return ok('{}');
    });
    const p = pool(s.port, 2);
    await Promise.all([1, 2, 3, 4, 5].map((i) => send(p, 'GET', `/x/${i}`)));
    expect(ports.size).toBe(3);
  });
});

describe('HTTP transport on the loopback path', () => {
  it('retries a 429 after its Retry-After and a reset connection, sending the same body each time', async () => {
    const s = await rawServer((n, _req, sock) => {
      if (n === 1) return 'HTTP/1.1 429 Too Many Requests\r\nretry-after: 2\r\ncontent-length: 2\r\n\r\n{}';
      if (n === 2) {
        sock.destroy();
        return undefined;
      }
      return ok('{"id":"a"}');
    });
    const sleeps: number[] = [];
    const transport = createHttpTransport({ baseUrl: `http://127.0.0.1:${s.port}`, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });
    cleanups.push(() => void transport.close());
    const res = await transport.request({ method: 'POST', path: '/customers/c/wallet/adjustments', body: '{"transaction_id":"t"}', retryable: true });
    expect(res).toMatchObject({ status: 200, body: '{"id":"a"}', url: `http://127.0.0.1:${s.port}/customers/c/wallet/adjustments` });
    expect(sleeps).toEqual([2000, 250]);
    expect(s.requests).toEqual(Array(3).fill('POST /customers/c/wallet/adjustments {"transaction_id":"t"}'));
  });
});
