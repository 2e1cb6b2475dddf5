import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringifyJson } from '../json/write.js';
import type { ErrorCode } from '../engine/index.js';
import { PROBLEM_TYPE, problem } from './problem.js';

/** How long a client may take and how many connections it may hold (`local serve`). */
export interface ConnectionLimits {
  /** From a connection's (or request's) first byte to the end of its headers. */
  headersTimeoutMs: number;
  /** From a request's first byte to the end of its body. */
  requestTimeoutMs: number;
  /** How often the two timeouts are looked at (Node checks on an interval). */
  checkIntervalMs: number;
  /** Open connections per remote address; past it the longest-waiting one is closed. */
  maxConnectionsPerPeer: number;
}

/**
 * 10 s for headers and 30 s for a whole request: a bulk request of 10 MiB needs about
 * 3 Mbit/s to arrive in time, and a client that trickles a byte at a time is gone within
 * half a minute. 256 connections per address leave a local bulk run (16 in flight) and
 * several shells plenty, and still bound what one address can hold open.
 */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
  maxConnectionsPerPeer: 256,
};

/** fastify's server options for the limits (Node's own timeouts do the closing). */
export function serverTimeouts(limits: ConnectionLimits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
  };
}

/**
 * A problem answer (RFC 9457 members, served as application/json like every error) written straight to a socket, then closed: for what Node refuses
 * before fastify sees a request (headers too large, a timeout, bytes that are not HTTP).
 */
export function answerOnSocket(socket: Socket, status: number, code: ErrorCode, detail: string): void {
  // A response already begun on this connection cannot be followed by another.
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (!socket.writable || started) {
    socket.destroy();
    return;
  }
  const body = stringifyJson(problem(status, code, detail));
  // Closed once the answer is flushed (destroy at once could drop it from the send buffer),
  // and at the latest a second later whatever the client does.
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/** fastify's `clientErrorHandler`: Node's refusals as problem bodies instead of its defaults. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    answerOnSocket(socket, 408, 'request_timeout', 'The request did not arrive in time; the connection is closed');
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    answerOnSocket(socket, 431, 'headers_too_large', 'The request line and headers are larger than 16 KiB');
  } else {
    answerOnSocket(socket, 400, 'bad_request', `Not a valid HTTP request (${error.code ?? error.message})`);
  }
}

interface PeerSocket {
  socket: Socket;
  /** When it last started waiting for a request (connected, or answered the last one). */
  waitingSince: number;
  /** A request of it has all its body and is being handled. */
  busy: boolean;
}

const bySocket = new WeakMap<Socket, PeerSocket>();

/**
 * At most `max` open connections per remote address. A connection counts from its first
 * byte, but only a request whose body has arrived makes it busy: when an address is at
 * its limit, its connection waiting longest (idle, or still sending headers or a body) is
 * closed to make room, so a flood of slow uploads cannot keep a real client out; when all
 * are busy, the new connection is answered 503.
 */
export function limitConnectionsPerPeer(app: FastifyInstance, max: number, now: () => number = Date.now): void {
  const peers = new Map<string, Set<PeerSocket>>();
  app.server.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress ?? '';
    let open = peers.get(peer);
    if (!open) peers.set(peer, (open = new Set()));
    if (open.size >= max) {
      let oldest: PeerSocket | undefined;
      for (const entry of open) if (!entry.busy && (!oldest || entry.waitingSince < oldest.waitingSince)) oldest = entry;
      if (!oldest) {
        answerOnSocket(socket, 503, 'too_many_connections', `More than ${max} connections from ${peer} are busy; retry shortly`);
        return;
      }
      answerOnSocket(oldest.socket, 503, 'too_many_connections', `Closed to make room: more than ${max} connections from ${peer}`);
      open.delete(oldest);
    }
    const entry: PeerSocket = { socket, waitingSince: now(), busy: false };
    bySocket.set(socket, entry);
    open.add(entry);
    socket.once('close', () => {
      open.delete(entry);
      if (open.size === 0 && peers.get(peer) === open) peers.delete(peer);
    });
  });
  const entryOf = (request: FastifyRequest) => bySocket.get(request.raw.socket);
  app.addHook('preHandler', (request, _reply, done) => {
    const entry = entryOf(request);
    if (entry) entry.busy = true;
    done();
  });
  const idle = (request: FastifyRequest) => {
    const entry = entryOf(request);
    if (entry) {
      entry.busy = false;
      entry.waitingSince = now();
    }
  };
  app.addHook('onResponse', (request, _reply, done) => {
    idle(request);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    idle(request);
    done();
  });
}
