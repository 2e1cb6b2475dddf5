import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '../engine/index.js';
import { problem, sendProblem } from './problem.js';

const counted = new WeakSet<FastifyRequest>();

/**
 * Answers 429 (Retry-After: 1) once `max` requests are in flight, before any work is done
 * for the new one. A request leaves the count when its response is sent or it is aborted.
 */
export function limitInFlight(app: FastifyInstance, max: number): void {
  let inFlight = 0;
  const leave = async (request: FastifyRequest) => {
    if (counted.delete(request)) inFlight--;
  };
  app.addHook('onRequest', async (request, reply) => {
    if (inFlight >= max) {
      reply.header('retry-after', '1');
      return sendProblem(reply, problem(429, 'rate_limited', `More than ${max} requests in flight; retry shortly`, request.url));
    }
    inFlight++;
    counted.add(request);
  });
  app.addHook('onResponse', leave);
  app.addHook('onRequestAbort', leave);
}

/** Every request must carry a key the engine issued, in X-CREDYT-API-KEY (any casing). */
export function requireApiKey(app: FastifyInstance, engine: Engine): void {
  app.addHook('onRequest', async (request, reply) => {
    // Portal and checkout pages are opened by browsers: their signed link is the credential.
    if ((request.routeOptions.config as { page?: boolean } | undefined)?.page) return;
    const key = request.headers['x-credyt-api-key'];
    if (typeof key === 'string' && key !== '' && engine.checkApiKey(key)) return;
    const detail = key === undefined ? 'Missing X-CREDYT-API-KEY header' : 'Invalid API key';
    return sendProblem(reply, problem(401, 'unauthorized', detail, request.url));
  });
}
