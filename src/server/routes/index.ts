import { registerAccountRoutes, type AccountScope } from './accounts.js';
import { registerAssetRoutes } from './assets.js';
import { registerBillingPortalRoutes } from './billing-portal.js';
import { registerCustomerRoutes } from './customers.js';
import type { RouteDeps } from './deps.js';
import { registerEventRoutes } from './events.js';
import { registerLedgerRoutes } from './holds.js';
import { registerProductRoutes } from './products.js';
import { registerReconciliationRoutes } from './reconciliation.js';
import { registerSubscriptionRoutes } from './subscriptions.js';
import type { RouteTable } from './table.js';
import { registerTopUpRoutes } from './top-ups.js';
import { registerVendorRoutes } from './vendors.js';
import { registerWalletRoutes } from './wallet.js';
import { registerWebhookRoutes } from './webhooks.js';

/**
 * Every API route (the pages are fastify's alone: pages/routes.ts), into a table: the
 * fastify app and the in-process router register the same list.
 */
export function registerApiRoutes(table: RouteTable, deps: RouteDeps, account?: AccountScope): void {
  registerAssetRoutes(table, deps);
  registerCustomerRoutes(table, deps);
  registerWalletRoutes(table, deps);
  registerLedgerRoutes(table, deps);
  registerTopUpRoutes(table, deps);
  registerSubscriptionRoutes(table, deps);
  registerReconciliationRoutes(table, deps);
  registerProductRoutes(table, deps);
  registerEventRoutes(table, deps);
  registerAccountRoutes(table, deps, account);
  registerBillingPortalRoutes(table, deps);
  registerWebhookRoutes(table, deps);
  registerVendorRoutes(table, deps);
}
