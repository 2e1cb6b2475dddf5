import type { RouteTable } from './table.js';
import type { Query, RouteDeps } from './deps.js';
import { quoteAnswer, sendAnswer } from '../answers.js';

type ByCode = { Params: { code: string }; Querystring: Query };

/** `/assets`: custom assets, their rates and quotes (contract §2.1, §6.2). */
export function registerAssetRoutes(app: RouteTable, { engine }: RouteDeps): void {
  app.post('/assets', async (request, reply) => {
    reply.code(201);
    return engine.createAsset(request.body);
  });
  app.get<{ Querystring: Query }>('/assets', async (request) => engine.listAssets(request.query));
  app.get<ByCode>('/assets/:code', async (request) => engine.getAsset(request.params.code));
  app.post<ByCode>('/assets/:code/quote', (request, reply) => {
    sendAnswer(reply, quoteAnswer(engine, request.params.code, request.body));
  });
  app.post<ByCode>('/assets/:code/rates', async (request, reply) => {
    const asset = engine.addRate(request.params.code, request.body);
    reply.code(201);
    return asset;
  });
  app.get<ByCode>('/assets/:code/rates', async (request) => engine.listRates(request.params.code, request.query));
}
