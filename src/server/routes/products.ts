import type { RouteTable } from './table.js';
import { EngineError } from '../../engine/index.js';
import type { Query, RouteDeps } from './deps.js';

type Product = { Params: { id: string } };
type Version = { Params: { id: string; version: string } };

/**
 * `/products` (contract §2.6, §6.9). Wherever a path names a product, its code works as
 * well as its `prp_` id; `{version}` is a number or `default`.
 */
export function registerProductRoutes(app: RouteTable, { engine }: RouteDeps): void {
  app.post('/products', async (request, reply) => {
    reply.code(201);
    return engine.createProduct(request.body);
  });
  app.get<{ Querystring: Query }>('/products', async (request) => {
    const code = request.query.code;
    if (code === undefined) return engine.listProducts(request.query);
    if (typeof code !== 'string' || code === '') {
      const message = 'code must be given once and not be empty';
      throw new EngineError(422, 'validation_failed', message, { code: [message] });
    }
    return engine.getProductByCode(code);
  });
  app.get<Product>('/products/:id', async (request) => engine.getProduct(request.params.id));
  app.post<Product>('/products/:id', async (request, reply) => {
    reply.code(201);
    return engine.addProductVersion(request.params.id, request.body);
  });
  app.patch<Version>('/products/:id/:version', async (request) =>
    engine.updateProductVersion(request.params.id, request.params.version, request.body),
  );
  app.post<Version>('/products/:id/:version/simulate-usage', async (request) =>
    engine.simulateUsage(request.params.id, request.params.version, request.body),
  );
}
