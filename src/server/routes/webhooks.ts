import type { RouteTable } from './table.js';
import type { Query, RouteDeps } from './deps.js';

type ById = { Params: { id: string }; Querystring: Query };

/**
 * `/webhooks` (docs/webhooks.md): create, list and get are Credyt's; delete, the
 * deliveries of a destination and resending one are local extensions (docs/api-contract.md).
 */
export function registerWebhookRoutes(app: RouteTable, { engine }: RouteDeps): void {
  app.post('/webhooks', async (request, reply) => {
    reply.code(201);
    return engine.webhooks.create(request.body);
  });
  app.get<ById>('/webhooks', async (request) => engine.webhooks.list(request.query));
  app.get<ById>('/webhooks/:id', async (request) => engine.webhooks.get(request.params.id));
  app.delete<ById>('/webhooks/:id', async (request) => engine.webhooks.delete(request.params.id));
  app.get<ById>('/webhooks/:id/deliveries', async (request) => engine.webhooks.deliveries(request.params.id, request.query));
  app.post<ById>('/webhooks/deliveries/:id/resend', async (request) => engine.webhooks.resend(request.params.id));
}
