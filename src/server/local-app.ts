import type { FastifyInstance } from 'fastify';
import { AccountEngines, DEFAULT_ORIGIN, openEngine, type Clock, type Engine } from '../engine/index.js';
import { createApp, type AppOptions } from './app.js';
import { CONNECT_PREFIX } from './accounts/dispatch.js';

export interface LocalApp {
  app: FastifyInstance;
  engine: Engine;
  /** The connected accounts' engines, opened as requests name them (docs/accounts.md). */
  accounts: AccountEngines;
  /** A connected account's app, built and booted on first use; undefined for an unknown id. */
  accountApp(accountId: string): Promise<FastifyInstance> | undefined;
  /** Closes the apps, then the databases. */
  close(): Promise<void>;
}

/**
 * The engine on `dbPath` with the API in front of it: what serve and the embedded profile
 * run. Each connected account gets an app of its own over its own engine, with the
 * platform's routes and options; the platform's app hands it the requests naming it.
 */
export function openLocalApp(
  options: Omit<AppOptions, 'engine'> & { dbPath: string; clock?: Clock; allowInsecureWebhooks?: boolean },
): LocalApp {
  const { dbPath, clock, allowInsecureWebhooks, ...appOptions } = options;
  const engine = openEngine({ path: dbPath, clock, allowInsecureWebhooks });
  const accounts = new AccountEngines(engine);
  const apps = new Map<string, Promise<FastifyInstance>>();
  const accountApp = (accountId: string): Promise<FastifyInstance> | undefined => {
    const known = apps.get(accountId);
    if (known) return known;
    const accountEngine = accounts.engineFor(accountId);
    if (!accountEngine) return undefined;
    // Not listening itself: the platform's app owns the sockets, their limits and the keys.
    const { connections: _sockets, publicOrigin = DEFAULT_ORIGIN, ...shared } = appOptions;
    // The account's links (checkout, portal) lead to its pages under the platform's origin.
    const base = typeof publicOrigin === 'function' ? publicOrigin : () => publicOrigin;
    const scope = { view: engine.accounts.get(accountId), platformId: engine.platformAccount().id };
    const app = createApp({
      ...shared,
      engine: accountEngine,
      requireApiKey: false,
      account: scope,
      publicOrigin: () => `${base()}${CONNECT_PREFIX}/${accountId}`,
    });
    const ready = (async () => {
      await app.ready();
      return app;
    })();
    apps.set(accountId, ready);
    return ready;
  };
  try {
    const app = createApp({ ...appOptions, engine, accountApps: accountApp });
    return {
      app,
      engine,
      accounts,
      accountApp,
      close: async () => {
        await app.close();
        for (const ready of apps.values()) await (await ready.catch(() => undefined))?.close();
        accounts.close();
        engine.close();
      },
    };
  } catch (error) {
    accounts.close();
    engine.close();
    throw error;
  }
}
