import type { RouteTable } from './table.js';
import type { Query, RouteDeps } from './deps.js';

type ById = { Params: { id: string } };

/**
 * `/subscriptions` and `/local/clock`: local extensions (docs/subscriptions.md). Credyt
 * publishes subscriptions only inside customers; `complete` and `fail` stand in for the
 * payment provider, as they do for top-ups, and the clock exists only locally.
 */
export function registerSubscriptionRoutes(app: RouteTable, { engine, origin }: RouteDeps): void {
  const subs = engine.subscriptions;
  app.get<{ Querystring: Query }>('/subscriptions', async (request) => subs.list(request.query, origin()));
  app.get<ById>('/subscriptions/:id', async (request) => subs.get(request.params.id, origin()));
  app.post<ById>('/subscriptions/:id/complete', async (request) => subs.complete(request.params.id, origin()));
  app.post<ById>('/subscriptions/:id/fail', async (request) => subs.fail(request.params.id, origin()));
  app.post<ById>('/subscriptions/:id/cancel', async (request) => subs.cancel(request.params.id, request.body, origin()));
  app.post<ById>('/subscriptions/:id/change', async (request) => subs.change(request.params.id, request.body, origin()));

  app.get('/local/clock', async () => subs.clock.show());
  app.post('/local/clock/advance', async (request) => subs.clock.advance(request.body));
  app.post('/local/clock/set', async (request) => subs.clock.set(request.body));
  app.post('/local/clock/reset', async () => subs.clock.reset());
}
