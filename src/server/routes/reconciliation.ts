import type { RouteTable } from './table.js';
import type { Query, RouteDeps } from './deps.js';

/**
 * Lists for reconciliation: a local extension, as Credyt publishes no list of top-ups or
 * adjustments. `?customer_id=&from=&to=` and `status` (top-ups) or `reason` (adjustments),
 * with `limit`/`offset` pages, newest first.
 */
export function registerReconciliationRoutes(app: RouteTable, { engine, origin }: RouteDeps): void {
  app.get<{ Querystring: Query }>('/top-ups', async (request) => engine.listTopUps(request.query, origin()));
  app.get<{ Querystring: Query }>('/adjustments', async (request) => engine.listAdjustments(request.query));
}
