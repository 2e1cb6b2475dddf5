import type { RouteTable } from './table.js';
import type { RouteDeps } from './deps.js';
import { adjustmentAnswer, sendAnswer } from '../answers.js';
import { ADJUSTMENT_BATCH_PATH, adjustmentBatchAnswer } from '../adjustment-batch.js';

type Customer = { Params: { id: string } };

/**
 * `/customers/{id}/wallet`: balances and adjustments (contract §2.3, §6.4, §6.5), and the
 * local batch of adjustments.
 */
export function registerWalletRoutes(app: RouteTable, { engine }: RouteDeps): void {
  app.get<Customer>('/customers/:id/wallet', async (request) => engine.getWallet(request.params.id));
  app.get<{ Params: { id: string; accountId: string } }>('/customers/:id/wallet/:accountId', async (request) =>
    engine.getAccount(request.params.id, request.params.accountId),
  );
  // Synchronous (fastify sends what a sync handler throws to the error handler alike): the
  // bulk top-up path, one request per line, spares a promise and a turn per request.
  app.post<Customer>('/customers/:id/wallet/adjustments', (request, reply) => {
    sendAnswer(reply, adjustmentAnswer(engine, request.params.id, request.body));
  });
  // Local extension (docs/api-contract.md): many of the adjustments above in one request,
  // each answered as that route answers it alone (adjustment-batch.ts).
  app.post(ADJUSTMENT_BATCH_PATH, (request, reply) => {
    sendAnswer(reply, adjustmentBatchAnswer(engine, request.body));
  });
}
