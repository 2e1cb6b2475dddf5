import type { RouteTable } from './table.js';
import { EngineError, type ConnectedAccountView } from '../../engine/index.js';
import type { Query, RouteDeps } from './deps.js';

/** What an app serving one connected account knows of it. */
export interface AccountScope {
  view: ConnectedAccountView;
  platformId: string;
}

type ById = { Params: { id: string }; Querystring: Query };

/**
 * `/accounts` (docs/accounts.md). On the platform's app: its connected accounts and
 * `/accounts/self`, the platform account behind the key (always test mode locally). On a
 * connected account's app (a request carrying `X-CREDYT-ACCOUNT`): `/accounts/self`
 * answers that account, and managing accounts is the platform's alone (403).
 */
export function registerAccountRoutes(app: RouteTable, { engine }: RouteDeps, account?: AccountScope): void {
  if (account) {
    // Local extension: Credyt has not published this body; the account, and whose it is.
    app.get('/accounts/self', async () => ({ ...account.view, live_mode: false, platform_id: account.platformId }));
    const refuse = async () => {
      throw new EngineError(403, 'forbidden', 'Connected accounts are managed by the platform: send this request without X-CREDYT-ACCOUNT');
    };
    app.post('/accounts', refuse);
    app.get('/accounts', refuse);
    app.get('/accounts/:id', refuse);
    return;
  }
  app.get('/accounts/self', async () => engine.platformAccount());
  app.post('/accounts', async (request, reply) => {
    reply.code(201);
    return engine.accounts.create(request.body);
  });
  app.get<ById>('/accounts', async (request) => engine.accounts.list(request.query));
  app.get<ById>('/accounts/:id', async (request) => engine.accounts.get(request.params.id));
}
