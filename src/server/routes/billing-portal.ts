import type { RouteTable } from './table.js';
import type { RouteDeps } from './deps.js';

/** `POST /billing-portal/sessions` (contract §2.7): a signed link to the local portal page. */
export function registerBillingPortalRoutes(app: RouteTable, { engine, origin }: RouteDeps): void {
  app.post('/billing-portal/sessions', async (request, reply) => {
    reply.code(201);
    return engine.createPortalSession(request.body, origin());
  });
}
