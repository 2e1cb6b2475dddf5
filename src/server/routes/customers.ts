import type { RouteTable } from './table.js';
import { EngineError } from '../../engine/index.js';
import type { Query, RouteDeps } from './deps.js';

/** `/customers`; `?external_id=` answers one customer or 404 (contract §6.3). */
export function registerCustomerRoutes(app: RouteTable, { engine, origin }: RouteDeps): void {
  app.post('/customers', async (request, reply) => {
    reply.code(201);
    return engine.createCustomer(request.body, origin());
  });
  app.get<{ Querystring: Query }>('/customers', async (request) => {
    const externalId = request.query.external_id;
    if (externalId === undefined) return engine.listCustomers(request.query, origin());
    if (typeof externalId !== 'string' || externalId === '') {
      const message = 'external_id must be given once and not be empty';
      throw new EngineError(422, 'validation_failed', message, { external_id: [message] });
    }
    return engine.getCustomerByExternalId(externalId, origin());
  });
  app.get<{ Params: { id: string } }>('/customers/:id', async (request) => engine.getCustomer(request.params.id, origin()));
  app.post<{ Params: { id: string } }>('/customers/:id/subscriptions', async (request, reply) => {
    const subscription = engine.createSubscription(request.params.id, request.body, origin());
    reply.code(201);
    return subscription;
  });
}
