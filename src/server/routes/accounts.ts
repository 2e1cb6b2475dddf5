import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps.js';

/** `/accounts/self`: the platform account behind the key (always test mode locally). */
export function registerAccountRoutes(app: FastifyInstance, { engine }: RouteDeps): void {
  app.get('/accounts/self', async () => engine.platformAccount());
}
