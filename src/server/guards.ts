import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '../engine/index.js';
import { problem, sendProblem } from './problem.js';

const counted = new WeakSet<FastifyRequest>();

/**
 * Answers 429 (Retry-After: 1) once `max` requests are in flight, before any work is done
 * for the new one. A request leaves the count when its response is sent or it is aborted.
 * It joins the count only once its body has arrived (preHandler): a client that opens
 * hundreds of uploads and trickles their bodies holds no place a real request needs (the
 * timeouts and the per-address limit of connections.ts deal with it).
 * (Callback hooks: every request passes here, and an async hook costs a promise each.)
 */
export function limitInFlight(app: FastifyInstance, max: number): void {
  let inFlight = 0;
  const leave = (request: FastifyRequest, _reply: unknown, done: () => void) => {
    if (counted.delete(request)) inFlight--;
    done();
  };
  app.addHook('preHandler', (request, reply, done) => {
    if (inFlight >= max) {
      reply.header('retry-after', '1');
      sendProblem(reply, problem(429, 'rate_limited', `More than ${max} requests in flight; retry shortly`, request.url));
      return;
    }
    inFlight++;
    counted.add(request);
    done();
  });
  app.addHook('onResponse', leave);
  app.addHook('onRequestAbort', (request, done) => leave(request, undefined, done));
}

/**
 * Every request must carry a key the engine issued, in X-CREDYT-API-KEY (any casing).
 * A connection remembers the key it last proved: the same key again on it is not hashed
 * and compared again (a bulk run sends thousands of requests on a few connections). Only
 * who sent that key on that connection can be answered from the memory, so it tells
 * nothing about the key to anyone else.
 *
 * Whether a key was made or revoked since (`apiKeysEpoch`, which asks SQLite whether any
 * connection committed: a read transaction of its own, ≈ 6–10 µs) is asked once per read
 * from the socket, not once per request: requests pipelined in one read (a bulk run sends
 * ten a connection) were all sent before that one check, so a key revoked after it could
 * not have refused them either. A request read later is checked again: a revoked key is
 * refused on every request the server reads after the revocation committed.
 */
export function requireApiKey(app: FastifyInstance, engine: Engine): void {
  const proven = new WeakMap<Socket, { key: string; epoch: number; bytesRead: number }>();
  app.addHook('onRequest', (request, reply, done) => {
    const key = request.headers['x-credyt-api-key'];
    if (typeof key === 'string' && key !== '') {
      const socket = request.raw.socket;
      const last = proven.get(socket);
      // Injected requests (light-my-request) have no byte count: checked every time.
      const bytesRead = typeof socket.bytesRead === 'number' && socket.bytesRead > 0 ? socket.bytesRead : -1;
      if (last?.key === key && bytesRead !== -1 && last.bytesRead === bytesRead) return done();
      // Until a key is made or revoked (`credyt local keys revoke`): then every key is proved again.
      const epoch = engine.apiKeysEpoch();
      if (last?.key === key && last.epoch === epoch) {
        last.bytesRead = bytesRead;
        return done();
      }
      if (engine.checkApiKey(key)) {
        proven.set(socket, { key, epoch, bytesRead });
        return done();
      }
    }
    // Portal and checkout pages are opened by browsers: their signed link is the credential.
    if ((request.routeOptions.config as { page?: boolean } | undefined)?.page) return done();
    const detail = key === undefined ? 'Missing X-CREDYT-API-KEY header' : 'Invalid API key';
    sendProblem(reply, problem(401, 'unauthorized', detail, request.url));
  });
}
