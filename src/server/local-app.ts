import type { FastifyInstance } from 'fastify';
import { AccountEngines, DEFAULT_ORIGIN, openEngine, type Clock, type Engine } from '../engine/index.js';
import { createApp, type AppOptions } from './app.js';
import { accountOrigin, accountScope } from './accounts/scope.js';

/** The platform's app and its connected accounts' apps, over engines opened elsewhere. */
export interface LocalApps {
  app: FastifyInstance;
  /** A connected account's app, built and booted on first use; undefined for an unknown id. */
  accountApp(accountId: string): Promise<FastifyInstance> | undefined;
  /** Closes the apps (not the databases). */
  close(): Promise<void>;
}

export interface LocalApp extends LocalApps {
  engine: Engine;
  /** The connected accounts' engines, opened as requests name them (docs/accounts.md). */
  accounts: AccountEngines;
  /** Closes the apps, then the databases. */
  close(): Promise<void>;
}

type LocalAppOptions = Omit<AppOptions, 'engine' | 'accountApps' | 'account'>;

/**
 * The API in front of a platform's engine and its accounts' engines: each connected
 * account gets an app of its own over its own engine, with the platform's routes and
 * options; the platform's app hands it the requests naming it. The embedded profile
 * builds these only for requests its in-process router does not answer.
 */
export function localApps(engine: Engine, accounts: AccountEngines, appOptions: LocalAppOptions): LocalApps {
  const apps = new Map<string, Promise<FastifyInstance>>();
  const accountApp = (accountId: string): Promise<FastifyInstance> | undefined => {
    const known = apps.get(accountId);
    if (known) return known;
    const accountEngine = accounts.engineFor(accountId);
    if (!accountEngine) return undefined;
    // Not listening itself: the platform's app owns the sockets, their limits and the keys.
    const { connections: _sockets, publicOrigin = DEFAULT_ORIGIN, ...shared } = appOptions;
    const app = createApp({
      ...shared,
      engine: accountEngine,
      requireApiKey: false,
      account: accountScope(engine, accountId),
      publicOrigin: accountOrigin(publicOrigin, accountId),
    });
    const ready = (async () => {
      await app.ready();
      return app;
    })();
    apps.set(accountId, ready);
    return ready;
  };
  const app = createApp({ ...appOptions, engine, accountApps: accountApp });
  return {
    app,
    accountApp,
    close: async () => {
      await app.close();
      for (const ready of apps.values()) await (await ready.catch(() => undefined))?.close();
    },
  };
}

/** The engine on `dbPath` with the API in front of it: what `local serve` runs. */
export function openLocalApp(
  options: LocalAppOptions & { dbPath: string; clock?: Clock; allowInsecureWebhooks?: boolean },
): LocalApp {
  const { dbPath, clock, allowInsecureWebhooks, ...appOptions } = options;
  const engine = openEngine({ path: dbPath, clock, allowInsecureWebhooks });
  const accounts = new AccountEngines(engine);
  try {
    const apps = localApps(engine, accounts, appOptions);
    return {
      ...apps,
      engine,
      accounts,
      close: async () => {
        await apps.close();
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
