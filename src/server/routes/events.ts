import type { FastifyInstance } from 'fastify';
import type { Query, RouteDeps } from './deps.js';

/** `/events`: usage in, fees out (contract §2.5, §6.8). */
export function registerEventRoutes(app: FastifyInstance, { engine }: RouteDeps): void {
  app.post('/events', async (request, reply) => {
    reply.code(201);
    return engine.postEvents(request.body);
  });
  app.get<{ Querystring: Query }>('/events', async (request) => engine.listEvents(request.query));
  app.get<{ Params: { id: string } }>('/events/:id', async (request) => engine.getEvent(request.params.id));
}
