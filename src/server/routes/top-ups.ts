import type { RouteTable } from './table.js';
import type { RouteDeps } from './deps.js';

type ById = { Params: { id: string } };

/**
 * `/top-ups` (contract §6.6). There are no card payments locally, so `complete` and `fail`
 * are the engine's own extension standing in for the checkout's outcome.
 */
export function registerTopUpRoutes(app: RouteTable, { engine, origin }: RouteDeps): void {
  app.post('/top-ups', async (request, reply) => {
    reply.code(201);
    return engine.createTopUp(request.body, origin());
  });
  app.get<ById>('/top-ups/:id', async (request) => engine.getTopUp(request.params.id, origin()));
  app.post<ById>('/top-ups/:id/complete', async (request) => engine.completeTopUp(request.params.id, origin()));
  app.post<ById>('/top-ups/:id/fail', async (request) => engine.failTopUp(request.params.id, origin()));
}
