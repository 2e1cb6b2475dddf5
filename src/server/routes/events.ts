import type { RouteTable } from './table.js';
import type { Query, RouteDeps } from './deps.js';
import { postEventsHttpAnswer, sendAnswer } from '../answers.js';
import { prefersMinimal } from '../prefer.js';

/** `/events`: usage in, fees out (contract §2.5, §6.8). */
export function registerEventRoutes(app: RouteTable, { engine }: RouteDeps): void {
  // Written as JSON text: a thousand events' fees are written once, from their stored text.
  // `Prefer: return=minimal` (local extension): each event's id, status and whether it was billed.
  app.post('/events', (request, reply) => {
    sendAnswer(reply, postEventsHttpAnswer(engine, request.body, prefersMinimal(request.headers?.prefer)));
  });
  app.get<{ Querystring: Query }>('/events', async (request) => engine.listEvents(request.query));
  app.get<{ Params: { id: string } }>('/events/:id', async (request) => engine.getEvent(request.params.id));
}
