import type { FastifyInstance } from 'fastify';
import type { Query, RouteDeps } from './deps.js';

/** `/events`: usage in, fees out (contract §2.5, §6.8). */
export function registerEventRoutes(app: FastifyInstance, { engine }: RouteDeps): void {
  app.post('/events', async (request, reply) => {
    // Already JSON: a thousand events' fees are written once, from their stored text.
    reply.code(201).type('application/json; charset=utf-8');
    return engine.postEventsJson(request.body);
  });
  app.get<{ Querystring: Query }>('/events', async (request) => engine.listEvents(request.query));
  app.get<{ Params: { id: string } }>('/events/:id', async (request) => engine.getEvent(request.params.id));
}
