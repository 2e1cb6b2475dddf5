import type { RouteTable } from './table.js';
import type { Query, RouteDeps } from './deps.js';

type Customer = { Params: { id: string }; Querystring: Query };
type Hold = { Params: { id: string; holdId: string } };
type Account = { Params: { id: string; accountId: string }; Querystring: Query };

/**
 * Holds (§6.7, a local extension), credit grants (W4) and the wallet's transactions: the
 * ledger's own routes under `/customers/{id}/wallet`. Static segments (`holds`,
 * `transactions`) win over the `{accountId}` parameter in fastify's router.
 */
export function registerLedgerRoutes(app: RouteTable, { engine }: RouteDeps): void {
  app.post<Customer>('/customers/:id/wallet/holds', async (request, reply) => {
    reply.code(201);
    return engine.createHold(request.params.id, request.body);
  });
  app.get<Customer>('/customers/:id/wallet/holds', async (request) => engine.listHolds(request.params.id, request.query));
  app.get<Hold>('/customers/:id/wallet/holds/:holdId', async (request) =>
    engine.getHold(request.params.id, request.params.holdId),
  );
  app.post<Hold>('/customers/:id/wallet/holds/:holdId/capture', async (request) =>
    engine.captureHold(request.params.id, request.params.holdId, request.body),
  );
  app.post<Hold>('/customers/:id/wallet/holds/:holdId/void', async (request) =>
    engine.voidHold(request.params.id, request.params.holdId),
  );
  app.get<Customer>('/customers/:id/wallet/transactions', async (request) =>
    engine.listTransactions(request.params.id, request.query),
  );
  app.get<Account>('/customers/:id/wallet/:accountId/grants', async (request) =>
    engine.listGrants(request.params.id, request.params.accountId, request.query),
  );
}
