import type { RouteTable } from './table.js';
import { EngineError } from '../../engine/index.js';
import type { Query, RouteDeps } from './deps.js';

type ById = { Params: { id: string }; Querystring: Query };

/**
 * `/vendors` (docs/vendors.md). Credyt's material names two paths for creating a vendor,
 * `POST /vendors` and `POST /events/vendors`: both are served. The stats answers are a
 * local shape (Credyt has not published one; docs/api-contract.md).
 */
export function registerVendorRoutes(app: RouteTable, { engine }: RouteDeps): void {
  const create = async (request: { body: unknown }, reply: { code(status: number): unknown }) => {
    reply.code(201);
    return engine.vendors.create(request.body);
  };
  app.post('/vendors', create);
  app.post('/events/vendors', create);
  app.get<ById>('/vendors', async (request) => {
    const externalId = request.query.external_id;
    if (externalId === undefined) return engine.vendors.list(request.query);
    if (typeof externalId !== 'string' || externalId === '') {
      const message = 'external_id must be given once and not be empty';
      throw new EngineError(422, 'validation_failed', message, { external_id: [message] });
    }
    return engine.vendors.getByExternalId(externalId);
  });
  app.get<ById>('/vendors/:id', async (request) => engine.vendors.get(request.params.id));
  app.get<ById>('/vendors/:id/stats', async (request) => engine.vendors.stats(request.params.id, request.query));
  app.get<ById>('/customers/:id/stats', async (request) => engine.vendors.customerStats(request.params.id, request.query));
}
